/** The data plane over raw HTTP: invoke URL forms, routing, gateway errors, MOCK and HTTP_PROXY integrations. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apigateway, endpoint, uniqueName } from '../../support/clients.js';
import { addMethod, addResource, call, deploy, invokeUrls, mock, newApi } from './helpers.js';

describe('invoke URLs and routing', () => {
  let apiId = '';

  beforeAll(async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    apiId = id;
    const users = await addResource(client, id, root, 'users');
    const user = await addResource(client, id, users, '{id}');
    const me = await addResource(client, id, users, 'me');
    const rest = await addResource(client, id, user, '{proxy+}');
    const things = await addResource(client, id, root, 'things');
    await addMethod(client, id, root, 'GET', mock(200));
    await addMethod(client, id, users, 'GET', mock(201));
    await addMethod(client, id, user, 'ANY', mock(202));
    await addMethod(client, id, me, 'GET', mock(203));
    await addMethod(client, id, rest, 'GET', mock(204));
    await addMethod(client, id, things, 'GET', mock(205));
    await deploy(client, id, 'dev');
  });

  it('answers through all three invoke URL forms', async () => {
    for (const [label, path, host] of invokeUrls(apiId, 'dev', '/users')) {
      const res = await call(endpoint(), path, host ? { host } : {});
      expect([label, res.status]).toEqual([label, 201]);
    }
  });

  it('routes exact resources before {param} before {proxy+}, and by method or ANY', async () => {
    const status = async (path: string, method = 'GET') =>
      (await call(endpoint(), `/_aws/execute-api/${apiId}/dev${path}`, { method })).status;
    expect(await status('/')).toBe(200);
    expect(await status('/users/me')).toBe(203);
    expect(await status('/users/42')).toBe(202);
    expect(await status('/users/42', 'DELETE')).toBe(202);
    expect(await status('/users/42/a/b')).toBe(204);
    expect(await status('/things')).toBe(205);
  });

  it('answers 403 Missing Authentication Token for an unknown path or method', async () => {
    for (const [path, method] of [
      ['/nothing', 'GET'],
      ['/things', 'POST'],
    ] as const) {
      const res = await call(endpoint(), `/_aws/execute-api/${apiId}/dev${path}`, { method });
      expect(res.status).toBe(403);
      expect(res.json()).toEqual({ message: 'Missing Authentication Token' });
      expect(res.header('x-amzn-ErrorType')).toBe('MissingAuthenticationTokenException');
      expect(res.header('content-type')).toBe('application/json');
    }
  });

  it('answers 403 Forbidden for an unknown stage and 404 for an unknown API', async () => {
    const stage = await call(endpoint(), '/users', { host: `${apiId}.execute-api.localhost.localstack.cloud` });
    expect(stage.status).toBe(403);
    expect(stage.json()).toEqual({ message: 'Forbidden' });
    expect(stage.header('x-amzn-ErrorType')).toBe('ForbiddenException');
    const api = await call(endpoint(), '/_aws/execute-api/nosuchapi0/dev/users');
    expect(api.status).toBe(404);
    expect(api.json()).toEqual({ message: "The API id 'nosuchapi0' does not correspond to a deployed API Gateway API" });
  });

  it('sends x-amzn-RequestId and x-amz-apigw-id on every answer', async () => {
    for (const path of ['/users', '/nothing']) {
      const res = await call(endpoint(), `/_aws/execute-api/${apiId}/dev${path}`);
      expect(res.header('x-amzn-RequestId')).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.header('x-amz-apigw-id')).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    }
  });

  it('reaches an API with a custom id containing dashes through the host form', async () => {
    const client = apigateway();
    const customId = uniqueName('my-api');
    const api = await client.send(new CreateRestApiCommand({ name: 'custom', tags: { _custom_id_: customId } }));
    await addMethod(client, customId, api.rootResourceId ?? '', 'GET', mock(200));
    await deploy(client, customId, 'dev');
    const res = await call(endpoint(), '/dev/', { host: `${customId}.execute-api.localhost.localstack.cloud:4566` });
    expect(res.status).toBe(200);
  });

  it('serves the deployed snapshot: changes appear only after a new deployment', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    await addMethod(client, id, root, 'GET', mock(200));
    await deploy(client, id, 'live');
    const late = await addResource(client, id, root, 'late');
    await addMethod(client, id, late, 'GET', mock(200));
    expect((await call(endpoint(), `/_aws/execute-api/${id}/live/late`)).status).toBe(403);
    await deploy(client, id, 'live');
    expect((await call(endpoint(), `/_aws/execute-api/${id}/live/late`)).status).toBe(200);
  });
});

describe('payload quota', () => {
  it('answers 413 for a request body over 10 MB', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    await addMethod(client, id, root, 'POST', mock(200));
    await deploy(client, id, 'dev');
    const res = await call(endpoint(), `/_aws/execute-api/${id}/dev/`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(res.json()).toEqual({ message: 'Request Too Long' });
    const ok = await call(endpoint(), `/_aws/execute-api/${id}/dev/`, { method: 'POST', body: Buffer.alloc(1024) });
    expect(ok.status).toBe(200);
  });
});

describe('MOCK integrations', () => {
  it('answers the integration response template and static header parameters', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    const base = { restApiId: id, resourceId: root, httpMethod: 'GET' };
    await client.send(new PutMethodCommand({ ...base, authorizationType: 'NONE' }));
    await client.send(
      new PutIntegrationCommand({ ...base, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }),
    );
    await client.send(
      new PutMethodResponseCommand({ ...base, statusCode: '200', responseParameters: { 'method.response.header.X-Mocked': true } }),
    );
    await client.send(
      new PutIntegrationResponseCommand({
        ...base,
        statusCode: '200',
        responseTemplates: { 'application/json': '{"mocked": true}' },
        responseParameters: { 'method.response.header.X-Mocked': "'yes'" },
      }),
    );
    await deploy(client, id, 'dev');
    const res = await call(endpoint(), `/_aws/execute-api/${id}/dev/`);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ mocked: true });
    expect(res.header('X-Mocked')).toBe('yes');
  });
});

describe('CORS preflight as CDK sets it up', () => {
  it('answers OPTIONS from a MOCK whose default integration response is 204 with static CORS headers', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    const base = { restApiId: id, resourceId: root, httpMethod: 'OPTIONS' };
    await client.send(new PutMethodCommand({ ...base, authorizationType: 'NONE' }));
    // CDK's defaultCorsPreflightOptions: an unquoted statusCode in the template, the answer chosen by the default response.
    await client.send(
      new PutIntegrationCommand({ ...base, type: 'MOCK', requestTemplates: { 'application/json': '{ statusCode: 200 }' } }),
    );
    await client.send(
      new PutMethodResponseCommand({
        ...base,
        statusCode: '204',
        responseParameters: {
          'method.response.header.Access-Control-Allow-Origin': true,
          'method.response.header.Access-Control-Allow-Methods': true,
        },
      }),
    );
    await client.send(
      new PutIntegrationResponseCommand({
        ...base,
        statusCode: '204',
        responseParameters: {
          'method.response.header.Access-Control-Allow-Origin': "'*'",
          'method.response.header.Access-Control-Allow-Methods': "'OPTIONS,GET,POST'",
        },
      }),
    );
    await deploy(client, id, 'prod');
    const res = await call(endpoint(), `/_aws/execute-api/${id}/prod/`, { method: 'OPTIONS', headers: [['Origin', 'http://example.com']] });
    expect(res.status).toBe(204);
    expect(res.header('Access-Control-Allow-Origin')).toBe('*');
    expect(res.header('Access-Control-Allow-Methods')).toBe('OPTIONS,GET,POST');
  });
});

describe('HTTP_PROXY integrations', () => {
  let backend: Server;
  let backendUrl = '';
  const seen: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string }> = [];

  beforeAll(async () => {
    backend = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
        if (req.url?.startsWith('/slow')) {
          setTimeout(() => res.end('late'), 1500);
          return;
        }
        res.writeHead(207, [
          ['Content-Type', 'text/plain'],
          ['Set-Cookie', 'a=1'],
          ['Set-Cookie', 'b=2'],
        ]);
        res.end(`backend saw ${req.method} ${req.url}`);
      });
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => backend.close(() => resolve())));

  it('passes method, path parameters, query, headers and body through, and the answer back unchanged', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    const proxy = await addResource(client, id, root, '{proxy+}');
    await addMethod(client, id, proxy, 'ANY', { type: 'HTTP_PROXY', integrationHttpMethod: 'ANY', uri: `${backendUrl}/base/{proxy}` });
    await deploy(client, id, 'dev');
    const res = await call(endpoint(), `/_aws/execute-api/${id}/dev/items/a%2Fb?x=1&x=2`, {
      method: 'POST',
      headers: [
        ['X-Custom', 'value'],
        ['Content-Type', 'application/json'],
      ],
      body: '{"k":1}',
    });
    expect(res.status).toBe(207);
    expect(res.body.toString()).toBe('backend saw POST /base/items/a%2Fb?x=1&x=2');
    expect(res.lines.filter(([n]) => n.toLowerCase() === 'set-cookie').map(([, v]) => v)).toEqual(['a=1', 'b=2']);
    const request = seen.at(-1);
    expect(request?.headers['x-custom']).toBe('value');
    expect(request?.body).toBe('{"k":1}');
  });

  it('fills ${stageVariables.name} in the integration URI from the stage', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    await addMethod(client, id, root, 'GET', {
      type: 'HTTP_PROXY',
      integrationHttpMethod: 'GET',
      uri: `${backendUrl}/\${stageVariables.prefix}/root`,
    });
    await deploy(client, id, 'blue', { prefix: 'blue-backend' });
    const res = await call(endpoint(), `/_aws/execute-api/${id}/blue/`);
    expect(res.body.toString()).toBe('backend saw GET /blue-backend/root');
  });

  it('answers 504 Endpoint request timed out after the integration timeout', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    const base = { restApiId: id, resourceId: root, httpMethod: 'GET' };
    await client.send(new PutMethodCommand({ ...base, authorizationType: 'NONE' }));
    await client.send(
      new PutIntegrationCommand({
        ...base,
        type: 'HTTP_PROXY',
        integrationHttpMethod: 'GET',
        uri: `${backendUrl}/slow`,
        timeoutInMillis: 200,
      }),
    );
    await deploy(client, id, 'dev');
    const res = await call(endpoint(), `/_aws/execute-api/${id}/dev/`);
    expect(res.status).toBe(504);
    expect(res.json()).toEqual({ message: 'Endpoint request timed out' });
  });

  it('answers 500 Internal server error when the backend cannot be reached', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    await addMethod(client, id, root, 'GET', { type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'http://127.0.0.1:1/' });
    await deploy(client, id, 'dev');
    const res = await call(endpoint(), `/_aws/execute-api/${id}/dev/`);
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ message: 'Internal server error' });
  });
});
