/** Shared steps for the API Gateway tests: a REST API with a resource tree, deployed to a stage. */
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
