/** Deployments and stages through the JS SDK, including stage variables patched with UpdateStage. */
import {
  BadRequestException,
  ConflictException,
  CreateDeploymentCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  GetStagesCommand,
  NotFoundException,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { apigateway } from '../../support/clients.js';
import { addMethod, newApi } from './helpers.js';

const failure = (p: Promise<unknown>): Promise<Error> =>
  p.then(
    () => new Error('expected a failure'),
    (e: Error) => e,
  );

describe('deployments', () => {
  it('refuses to deploy an API without methods, or with a method without integration', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    const empty = await failure(client.send(new CreateDeploymentCommand({ restApiId: id })));
    expect(empty).toBeInstanceOf(BadRequestException);
    expect(empty.message).toBe("The REST API doesn't contain any methods");
    await client.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE' }));
    const bare = await failure(client.send(new CreateDeploymentCommand({ restApiId: id })));
    expect(bare.message).toBe('No integration defined for method');
  });

  it('creates, gets, lists and deletes deployments; a deployment in use by a stage cannot be deleted', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    await addMethod(client, id, root, 'GET', { type: 'MOCK' });
    const created = await client.send(new CreateDeploymentCommand({ restApiId: id, description: 'first', stageName: 'dev' }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.id).toMatch(/^[a-z0-9]{6}$/);
    expect(created.createdDate).toBeInstanceOf(Date);
    const got = await client.send(new GetDeploymentCommand({ restApiId: id, deploymentId: created.id }));
    expect(got).toMatchObject({ id: created.id, description: 'first' });
    const second = await client.send(new CreateDeploymentCommand({ restApiId: id }));
    const list = await client.send(new GetDeploymentsCommand({ restApiId: id }));
    expect(list.items?.map((d) => d.id).sort()).toEqual([created.id, second.id].sort());
    const inUse = await failure(client.send(new DeleteDeploymentCommand({ restApiId: id, deploymentId: created.id })));
    expect(inUse).toBeInstanceOf(BadRequestException);
    expect(inUse.message).toBe('Active stages pointing to this deployment must be moved or deleted');
    await client.send(new DeleteDeploymentCommand({ restApiId: id, deploymentId: second.id }));
    const gone = await failure(client.send(new GetDeploymentCommand({ restApiId: id, deploymentId: second.id })));
    expect(gone).toBeInstanceOf(NotFoundException);
    expect(gone.message).toBe('Invalid Deployment identifier specified');
  });
});

describe('stages', () => {
  it('creates a stage with AWS defaults and variables, lists and deletes it', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    await addMethod(client, id, root, 'GET', { type: 'MOCK' });
    const deployment = await client.send(new CreateDeploymentCommand({ restApiId: id }));
    const stage = await client.send(
      new CreateStageCommand({
        restApiId: id,
        stageName: 's1',
        deploymentId: deployment.id,
        description: 'my stage',
        variables: { color: 'blue' },
      }),
    );
    expect(stage.$metadata.httpStatusCode).toBe(201);
    expect(stage).toMatchObject({
      stageName: 's1',
      deploymentId: deployment.id,
      description: 'my stage',
      cacheClusterEnabled: false,
      cacheClusterStatus: 'NOT_AVAILABLE',
      methodSettings: {},
      tracingEnabled: false,
      variables: { color: 'blue' },
    });
    expect(stage.createdDate).toBeInstanceOf(Date);
    expect(stage.lastUpdatedDate).toBeInstanceOf(Date);
    const dup = await failure(client.send(new CreateStageCommand({ restApiId: id, stageName: 's1', deploymentId: deployment.id })));
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup.message).toBe('Stage already exists');
    const stages = await client.send(new GetStagesCommand({ restApiId: id }));
    expect(stages.item?.map((s) => s.stageName)).toEqual(['s1']);
    await client.send(new DeleteStageCommand({ restApiId: id, stageName: 's1' }));
    const gone = await failure(client.send(new GetStageCommand({ restApiId: id, stageName: 's1' })));
    expect(gone).toBeInstanceOf(NotFoundException);
    expect(gone.message).toBe('Invalid Stage identifier specified');
  });

  it('patches stage variables, description and method settings with UpdateStage', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    await addMethod(client, id, root, 'GET', { type: 'MOCK' });
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev', variables: { a: '1', b: '2' } }));
    const updated = await client.send(
      new UpdateStageCommand({
        restApiId: id,
        stageName: 'dev',
        patchOperations: [
          { op: 'replace', path: '/variables/a', value: '10' },
          { op: 'add', path: '/variables/c', value: '3' },
          { op: 'remove', path: '/variables/b' },
          { op: 'replace', path: '/description', value: 'patched' },
          { op: 'replace', path: '/*/*/throttling/burstLimit', value: '123' },
        ],
      }),
    );
    expect(updated.variables).toEqual({ a: '10', c: '3' });
    expect(updated.description).toBe('patched');
    expect(updated.methodSettings?.['*/*']?.throttlingBurstLimit).toBe(123);
    const got = await client.send(new GetStageCommand({ restApiId: id, stageName: 'dev' }));
    expect(got.variables).toEqual({ a: '10', c: '3' });
    const bad = await failure(
      client.send(
        new UpdateStageCommand({ restApiId: id, stageName: 'dev', patchOperations: [{ op: 'replace', path: '/tags/tag1', value: 'x' }] }),
      ),
    );
    expect(bad).toBeInstanceOf(BadRequestException);
    expect(bad.message).toMatch(/^Invalid method setting path: \/tags\/tag1\. Must be one of: \[\/deploymentId, /);
  });

  it('points an existing stage at a new deployment when CreateDeployment names it', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    await addMethod(client, id, root, 'GET', { type: 'MOCK' });
    const first = await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev' }));
    const second = await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev' }));
    expect((await client.send(new GetStageCommand({ restApiId: id, stageName: 'dev' }))).deploymentId).toBe(second.id);
    const byDeployment = await client.send(new GetStagesCommand({ restApiId: id, deploymentId: first.id }));
    expect(byDeployment.item).toEqual([]);
  });
});
