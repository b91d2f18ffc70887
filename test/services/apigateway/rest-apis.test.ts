/** REST APIs through the JS SDK: create, get, list with paging, delete, custom ids, and their errors. */
import {
  BadRequestException,
  ConflictException,
  CreateRestApiCommand,
  DeleteRestApiCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  NotFoundException,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { apigateway, uniqueName } from '../../support/clients.js';

describe('REST APIs', () => {
  it('creates an API with a 10-character lower-case id, AWS defaults and binaryMediaTypes', async () => {
    const client = apigateway();
    const name = uniqueName('create');
    const api = await client.send(new CreateRestApiCommand({ name, description: 'd', binaryMediaTypes: ['image/png', '*/*'] }));
    expect(api.$metadata.httpStatusCode).toBe(201);
    expect(api.id).toMatch(/^[a-z0-9]{10}$/);
    expect(api.rootResourceId).toMatch(/^[a-z0-9]{10}$/);
    expect(api).toMatchObject({
      name,
      description: 'd',
      apiKeySource: 'HEADER',
      disableExecuteApiEndpoint: false,
      endpointConfiguration: { types: ['EDGE'], ipAddressType: 'ipv4' },
      binaryMediaTypes: ['image/png', '*/*'],
    });
    expect(api.createdDate).toBeInstanceOf(Date);
    const got = await client.send(new GetRestApiCommand({ restApiId: api.id }));
    expect(got.name).toBe(name);
    expect(got.binaryMediaTypes).toEqual(['image/png', '*/*']);
  });

  it('uses the _custom_id_ tag as the API id; a second API with it replaces the first, as in LocalStack', async () => {
    const client = apigateway();
    const id = uniqueName('myid');
    const api = await client.send(new CreateRestApiCommand({ name: 'custom', tags: { _custom_id_: id } }));
    expect(api.id).toBe(id);
    expect((await client.send(new GetRestApiCommand({ restApiId: id }))).name).toBe('custom');
    const again = await client.send(new CreateRestApiCommand({ name: 'custom2', tags: { _custom_id_: id } }));
    expect(again.id).toBe(id);
    expect(again.rootResourceId).not.toBe(api.rootResourceId);
    expect((await client.send(new GetRestApiCommand({ restApiId: id }))).name).toBe('custom2');
    const listed = await client.send(new GetRestApisCommand({ limit: 500 }));
    expect(listed.items?.filter((a) => a.id === id)).toHaveLength(1);
    await client.send(new DeleteRestApiCommand({ restApiId: id }));
  });

  it('refuses a _custom_id_ with upper-case letters', async () => {
    const error = await apigateway()
      .send(new CreateRestApiCommand({ name: 'custom', tags: { _custom_id_: 'MyApi' } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as Error).message).toBe("The RestApiId 'MyApi' cannot contain uppercase characters");
  });

  it('lists APIs in pages with position and limit', async () => {
    const client = apigateway();
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) ids.add((await client.send(new CreateRestApiCommand({ name: uniqueName('page') }))).id ?? '');
    const seen: string[] = [];
    let position: string | undefined;
    do {
      const page = await client.send(new GetRestApisCommand({ limit: 2, ...(position ? { position } : {}) }));
      expect(page.items?.length).toBeLessThanOrEqual(2);
      for (const item of page.items ?? []) seen.push(item.id ?? '');
      position = page.position;
    } while (position);
    for (const id of ids) expect(seen).toContain(id);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('deletes an API, after which GetRestApi answers NotFoundException naming the account', async () => {
    const client = apigateway();
    const api = await client.send(new CreateRestApiCommand({ name: uniqueName('del') }));
    const deleted = await client.send(new DeleteRestApiCommand({ restApiId: api.id }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    const error = await client.send(new GetRestApiCommand({ restApiId: api.id })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundException);
    expect((error as Error).message).toBe(`Invalid API identifier specified 000000000000:${api.id}`);
    const again = await client.send(new DeleteRestApiCommand({ restApiId: api.id })).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(NotFoundException);
  });

  it('fills ipAddressType for a REGIONAL endpoint configuration', async () => {
    const api = await apigateway().send(
      new CreateRestApiCommand({ name: uniqueName('regional'), endpointConfiguration: { types: ['REGIONAL'] } }),
    );
    expect(api.endpointConfiguration).toEqual({ types: ['REGIONAL'], ipAddressType: 'ipv4' });
  });

  it('rejects an empty description with BadRequestException', async () => {
    const error = await apigateway()
      .send(new CreateRestApiCommand({ name: uniqueName('desc'), description: '' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as Error).message).toBe('Description cannot be an empty string');
  });
});

describe('UpdateRestApi', () => {
  it('adds and removes binary media types with ~1-escaped patch paths, and patches name and description', async () => {
    const client = apigateway();
    const api = await client.send(new CreateRestApiCommand({ name: uniqueName('patch') }));
    const added = await client.send(
      new UpdateRestApiCommand({
        restApiId: api.id,
        patchOperations: [
          { op: 'add', path: '/binaryMediaTypes/image~1png', value: '' },
          { op: 'add', path: '/binaryMediaTypes/application~1octet-stream', value: '' },
          { op: 'replace', path: '/name', value: 'renamed' },
          { op: 'replace', path: '/description', value: 'described' },
        ],
      }),
    );
    expect(added).toMatchObject({ name: 'renamed', description: 'described', binaryMediaTypes: ['image/png', 'application/octet-stream'] });
    const removed = await client.send(
      new UpdateRestApiCommand({ restApiId: api.id, patchOperations: [{ op: 'remove', path: '/binaryMediaTypes/image~1png' }] }),
    );
    expect(removed.binaryMediaTypes).toEqual(['application/octet-stream']);
  });

  it('refuses the bare /binaryMediaTypes path and answers NotFoundException for an unknown API', async () => {
    const client = apigateway();
    const api = await client.send(new CreateRestApiCommand({ name: uniqueName('patch') }));
    const bare = await client
      .send(
        new UpdateRestApiCommand({ restApiId: api.id, patchOperations: [{ op: 'add', path: '/binaryMediaTypes', value: 'image/gif' }] }),
      )
      .catch((e: unknown) => e);
    expect(bare).toBeInstanceOf(BadRequestException);
    expect((bare as Error).message).toBe('Invalid patch path /binaryMediaTypes');
    const missing = await client
      .send(
        new UpdateRestApiCommand({ restApiId: 'api_id', patchOperations: [{ op: 'replace', path: '/apiKeySource', value: 'AUTHORIZER' }] }),
      )
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundException);
    expect((missing as Error).message).toBe('Invalid API identifier specified 000000000000:api_id');
  });
});
