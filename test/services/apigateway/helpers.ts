/** Shared steps for the API Gateway tests: a REST API with a resource tree, deployed to a stage. */
import { request as httpRequest } from 'node:http';
import {
  type APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  type IntegrationType,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { uniqueName } from '../../support/clients.js';

export async function newApi(client: APIGatewayClient, extra: { binaryMediaTypes?: string[] } = {}): Promise<{ id: string; root: string }> {
  const api = await client.send(new CreateRestApiCommand({ name: uniqueName('api'), ...extra }));
  return { id: api.id ?? '', root: api.rootResourceId ?? '' };
}

export async function addResource(client: APIGatewayClient, restApiId: string, parentId: string, pathPart: string): Promise<string> {
  return (await client.send(new CreateResourceCommand({ restApiId, parentId, pathPart }))).id ?? '';
}

export interface IntegrationSpec {
  type: IntegrationType;
  uri?: string;
  integrationHttpMethod?: string;
  requestTemplates?: Record<string, string>;
}

export async function addMethod(
  client: APIGatewayClient,
  restApiId: string,
  resourceId: string,
  httpMethod: string,
  integration: IntegrationSpec,
): Promise<void> {
  await client.send(new PutMethodCommand({ restApiId, resourceId, httpMethod, authorizationType: 'NONE' }));
  await client.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod, ...integration }));
}

export async function deploy(
  client: APIGatewayClient,
  restApiId: string,
  stageName: string,
  variables?: Record<string, string>,
): Promise<string> {
  return (await client.send(new CreateDeploymentCommand({ restApiId, stageName, ...(variables ? { variables } : {}) }))).id ?? '';
}

/** A MOCK integration answering `statusCode` (API Gateway reads it from the request template's output). */
export const mock = (statusCode = 200): IntegrationSpec => ({
  type: 'MOCK',
  requestTemplates: { 'application/json': JSON.stringify({ statusCode }) },
});

export interface RawAnswer {
  status: number;
  /** Header lines as received (repeated names are separate lines). */
  lines: Array<[string, string]>;
  header(name: string): string | undefined;
  body: Buffer;
  json(): unknown;
}

/** A plain HTTP request to Standin (node:http, so Host can be set and repeated header lines are visible). */
export function call(
  endpoint: string,
  path: string,
  options: { method?: string; headers?: Array<[string, string]>; body?: string | Buffer; host?: string } = {},
): Promise<RawAnswer> {
  const url = new URL(endpoint);
  const headers: string[] = [];
  // Raw header arrays get no automatic Host header from node:http.
  headers.push('Host', options.host ?? url.host);
  for (const [n, v] of options.headers ?? []) headers.push(n, v);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const lines: Array<[string, string]> = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) lines.push([res.rawHeaders[i] ?? '', res.rawHeaders[i + 1] ?? '']);
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          lines,
          header: (name) => lines.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1],
          body,
          json: () => JSON.parse(body.toString()),
        });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The three invoke URL forms for one API and stage: [label, path, host?]. */
export function invokeUrls(apiId: string, stage: string, path: string): Array<[string, string, string | undefined]> {
  return [
    ['host', `/${stage}${path}`, `${apiId}.execute-api.localhost.localstack.cloud:4566`],
    ['_aws', `/_aws/execute-api/${apiId}/${stage}${path}`, undefined],
    ['legacy', `/restapis/${apiId}/${stage}/_user_request_${path}`, undefined],
  ];
}
