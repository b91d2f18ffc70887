/** ImportRestApi / PutRestApi from OpenAPI 3 (JSON) and Swagger 2 (YAML) documents with x-amazon-apigateway-integration. */
import {
  BadRequestException,
  GetIntegrationCommand,
  GetMethodCommand,
  GetResourcesCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { apigateway, endpoint, uniqueName } from '../../support/clients.js';
import { call, deploy } from './helpers.js';

const LAMBDA_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:imported/invocations';

function openApi(title: string): Record<string, unknown> {
  return {
    openapi: '3.0.1',
    info: { title, version: '1.0', description: 'imported api' },
    'x-amazon-apigateway-binary-media-types': ['image/png'],
    paths: {
      '/health': {
        get: {
          responses: { '200': { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"status": "healthy"}' } } },
          },
        },
      },
      '/{proxy+}': {
        'x-amazon-apigateway-any-method': {
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri: LAMBDA_URI,
            passthroughBehavior: 'when_no_match',
          },
        },
      },
    },
  };
}

const SWAGGER_YAML = `
swagger: "2.0"
info:
  title: yaml-api
  version: "1"
paths:
  /items/{id}:
    get:
      responses:
        "200":
          description: ok
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: http://127.0.0.1:1/items/{id}
`;

describe('ImportRestApi', () => {
  it('builds resources, methods, integrations and binary media types from an OpenAPI 3 JSON document', async () => {
    const client = apigateway();
    const title = uniqueName('imported');
    const api = await client.send(new ImportRestApiCommand({ body: Buffer.from(JSON.stringify(openApi(title))) }));
    expect(api.$metadata.httpStatusCode).toBe(201);
    expect(api).toMatchObject({ name: title, description: 'imported api', version: '1.0', binaryMediaTypes: ['image/png'] });
    const resources = await client.send(new GetResourcesCommand({ restApiId: api.id }));
    const byPath = new Map(resources.items?.map((r) => [r.path, r]));
    expect([...byPath.keys()].sort()).toEqual(['/', '/health', '/{proxy+}']);
    const proxy = byPath.get('/{proxy+}');
    const integration = await client.send(new GetIntegrationCommand({ restApiId: api.id, resourceId: proxy?.id, httpMethod: 'ANY' }));
    expect(integration).toMatchObject({ type: 'AWS_PROXY', httpMethod: 'POST', uri: LAMBDA_URI, passthroughBehavior: 'WHEN_NO_MATCH' });
    const health = await client.send(new GetMethodCommand({ restApiId: api.id, resourceId: byPath.get('/health')?.id, httpMethod: 'GET' }));
    expect(health.methodResponses).toEqual({ '200': { statusCode: '200' } });
    expect(health.methodIntegration?.type).toBe('MOCK');
    await deploy(client, api.id ?? '', 'dev');
    const res = await call(endpoint(), `/_aws/execute-api/${api.id}/dev/health`);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 'healthy' });
  });

  it('reads a Swagger 2 YAML document', async () => {
    const client = apigateway();
    const api = await client.send(new ImportRestApiCommand({ body: Buffer.from(SWAGGER_YAML) }));
    expect(api.name).toBe('yaml-api');
    const resources = await client.send(new GetResourcesCommand({ restApiId: api.id }));
    const item = resources.items?.find((r) => r.path === '/items/{id}');
    expect(item).toBeDefined();
    const integration = await client.send(new GetIntegrationCommand({ restApiId: api.id, resourceId: item?.id, httpMethod: 'GET' }));
    expect(integration).toMatchObject({ type: 'HTTP_PROXY', httpMethod: 'GET', uri: 'http://127.0.0.1:1/items/{id}' });
  });

  it('answers BadRequestException "Invalid OpenAPI input." for a document it cannot read', async () => {
    for (const body of ['not an api', '{"foo": 1}', '']) {
      const error = await apigateway()
        .send(new ImportRestApiCommand({ body: Buffer.from(body) }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestException);
      expect((error as Error).message).toBe('Invalid OpenAPI input.');
    }
  });
});

describe('PutRestApi', () => {
  it('merges paths into an API by default and replaces them with mode=overwrite', async () => {
    const client = apigateway();
    const api = await client.send(new ImportRestApiCommand({ body: Buffer.from(JSON.stringify(openApi(uniqueName('put')))) }));
    const extra = {
      openapi: '3.0.1',
      info: { title: 'replacement', version: '2' },
      paths: { '/extra': { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } } },
    };
    await client.send(new PutRestApiCommand({ restApiId: api.id, body: Buffer.from(JSON.stringify(extra)) }));
    const merged = await client.send(new GetResourcesCommand({ restApiId: api.id }));
    expect(merged.items?.map((r) => r.path).sort()).toEqual(['/', '/extra', '/health', '/{proxy+}']);
    const replaced = await client.send(
      new PutRestApiCommand({ restApiId: api.id, mode: 'overwrite', body: Buffer.from(JSON.stringify(extra)) }),
    );
    expect(replaced.name).toBe('replacement');
    expect(replaced.rootResourceId).toBe(api.rootResourceId);
    const after = await client.send(new GetResourcesCommand({ restApiId: api.id }));
    expect(after.items?.map((r) => r.path).sort()).toEqual(['/', '/extra']);
  });
});
