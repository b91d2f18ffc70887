/** UpdateResource, UpdateMethod and UpdateIntegration: the in-place changes Terraform and CDK make. */
import {
  BadRequestException,
  ConflictException,
  GetResourceCommand,
  UpdateIntegrationCommand,
  UpdateMethodCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { apigateway, endpoint } from '../../support/clients.js';
import { addMethod, addResource, call, deploy, mock, newApi } from './helpers.js';

const failure = (p: Promise<unknown>): Promise<Error> =>
  p.then(
    () => new Error('expected a failure'),
    (e: Error) => e,
  );

describe('UpdateResource', () => {
  it('renames and moves a resource, recomputing the paths of its subtree', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    const a = await addResource(client, id, root, 'a');
    const b = await addResource(client, id, root, 'b');
    const child = await addResource(client, id, a, 'child');
    const renamed = await client.send(
      new UpdateResourceCommand({
        restApiId: id,
        resourceId: a,
        patchOperations: [{ op: 'replace', path: '/pathPart', value: 'renamed' }],
      }),
    );
    expect(renamed.path).toBe('/renamed');
    expect((await client.send(new GetResourceCommand({ restApiId: id, resourceId: child }))).path).toBe('/renamed/child');
    const moved = await client.send(
      new UpdateResourceCommand({ restApiId: id, resourceId: a, patchOperations: [{ op: 'replace', path: '/parentId', value: b }] }),
    );
    expect(moved).toMatchObject({ parentId: b, path: '/b/renamed' });
    expect((await client.send(new GetResourceCommand({ restApiId: id, resourceId: child }))).path).toBe('/b/renamed/child');
  });

  it('answers AWS errors for the root, cycles, clashes and unsupported operations', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    const pets = await addResource(client, id, root, 'pets');
    const dogs = await addResource(client, id, root, 'dogs');
    const sub = await addResource(client, id, pets, 'sub');
    const update = (resourceId: string, op: 'replace' | 'add', path: string, value: string) =>
      failure(client.send(new UpdateResourceCommand({ restApiId: id, resourceId, patchOperations: [{ op, path, value }] })));
    expect((await update(root, 'replace', '/pathPart', 'x')).message).toBe('Root resource cannot update its pathPart.');
    expect((await update(pets, 'replace', '/parentId', sub)).message).toBe('Resources cannot be cyclical.');
    const clash = await update(dogs, 'replace', '/pathPart', 'pets');
    expect(clash).toBeInstanceOf(ConflictException);
    expect(clash.message).toBe('Another resource with the same parent already has this name: pets');
    expect((await update(pets, 'add', '/pathPart', 'x')).message).toBe(
      "Invalid patch path  '/pathPart' specified for op 'add'. Please choose supported operations",
    );
    expect((await update(pets, 'replace', '/invalid', 'x')).message).toBe(
      "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: [/parentId, /pathPart]",
    );
  });
});

describe('UpdateMethod and UpdateIntegration', () => {
  it('changes apiKeyRequired and refuses add on a scalar field', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    await addMethod(client, id, root, 'GET', mock(200));
    const updated = await client.send(
      new UpdateMethodCommand({
        restApiId: id,
        resourceId: root,
        httpMethod: 'GET',
        patchOperations: [{ op: 'replace', path: '/apiKeyRequired', value: 'true' }],
      }),
    );
    expect(updated.apiKeyRequired).toBe(true);
    const bad = await failure(
      client.send(
        new UpdateMethodCommand({
          restApiId: id,
          resourceId: root,
          httpMethod: 'GET',
          patchOperations: [{ op: 'add', path: '/apiKeyRequired', value: 'true' }],
        }),
      ),
    );
    expect(bad).toBeInstanceOf(BadRequestException);
    expect(bad.message).toBe('Invalid patch operation specified. Must be one of: [replace]');
  });

  it('changes a MOCK request template, which the next deployment serves', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    await addMethod(client, id, root, 'GET', mock(200));
    const updated = await client.send(
      new UpdateIntegrationCommand({
        restApiId: id,
        resourceId: root,
        httpMethod: 'GET',
        patchOperations: [{ op: 'replace', path: '/requestTemplates/application~1json', value: '{"statusCode": 418}' }],
      }),
    );
    expect(updated.requestTemplates).toEqual({ 'application/json': '{"statusCode": 418}' });
    await deploy(client, id, 'dev');
    expect((await call(endpoint(), `/_aws/execute-api/${id}/dev/`)).status).toBe(418);
  });
});
