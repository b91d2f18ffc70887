/**
 * Integrations and integration responses. URI rules and messages are AWS's (LocalStack snapshots
 * test_apigateway_integrations "test_put_integration_validation" and test_apigateway_lambda "test_put_integration_aws_proxy_uri").
 */
import {
  BadRequestException,
  type Integration,
  type IntegrationResponse,
  NotFoundException,
  type PatchOperation,
  type PutIntegrationRequest,
  type PutIntegrationResponseRequest,
} from '../../../generated/apigateway/index.js';
import { lambdaFunctionArn } from './lambda-uri.js';
import type { ApiGatewayState, StoredIntegration } from './state.js';

function validateUri(type: string, uri: string | undefined): void {
  if (type === 'MOCK') return;
  if (type === 'HTTP' || type === 'HTTP_PROXY') {
    if (!uri || !/^https?:\/\/[^/\s]+/i.test(uri)) throw new BadRequestException('Invalid HTTP endpoint specified for URI');
    return;
  }
  if (!uri?.startsWith('arn:')) throw new BadRequestException('Invalid ARN specified in the request');
  const resource = uri.split(':').slice(5).join(':');
  if (!uri.split(':')[2]?.startsWith('apigateway') || !/^(path|action)\//.test(resource)) {
    throw new BadRequestException('AWS ARN for integration must contain path or action');
  }
  if (type === 'AWS_PROXY' && !lambdaFunctionArn(uri)) {
    throw new BadRequestException(
      "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.",
    );
  }
}

export function putIntegration(state: ApiGatewayState, input: PutIntegrationRequest): StoredIntegration {
  const { method, resource } = state.method(input.restApiId, input.resourceId, input.httpMethod);
  if (input.type !== 'MOCK' && !input.integrationHttpMethod) {
    throw new BadRequestException('Enumeration value for HttpMethod must be non-empty');
  }
  validateUri(input.type, input.uri);
  // Defaults as AWS echoes them (LocalStack snapshot test_apigateway_lambda "put-integration").
  const integration: StoredIntegration = {
    type: input.type,
    passthroughBehavior: input.passthroughBehavior ?? 'WHEN_NO_MATCH',
    timeoutInMillis: input.timeoutInMillis ?? 29000,
    cacheNamespace: input.cacheNamespace ?? resource.id,
    cacheKeyParameters: [...(input.cacheKeyParameters ?? [])],
    integrationResponses: {},
  };
  if (input.integrationHttpMethod) integration.httpMethod = input.integrationHttpMethod.toUpperCase();
  if (input.uri !== undefined) integration.uri = input.uri;
  if (input.connectionType !== undefined) integration.connectionType = input.connectionType;
  if (input.connectionId !== undefined) integration.connectionId = input.connectionId;
  if (input.credentials !== undefined) integration.credentials = input.credentials;
  if (input.requestParameters !== undefined) integration.requestParameters = { ...input.requestParameters };
  if (input.requestTemplates !== undefined) integration.requestTemplates = { ...input.requestTemplates };
  if (input.contentHandling !== undefined) integration.contentHandling = input.contentHandling;
  if (input.tlsConfig !== undefined) integration.tlsConfig = { ...input.tlsConfig };
  method.methodIntegration = integration;
  return integration;
}

export function integrationView(integration: StoredIntegration): Integration {
  const { integrationResponses, ...rest } = integration;
  const out: Integration = structuredClone(rest);
  if (Object.keys(integrationResponses).length > 0) out.integrationResponses = structuredClone(integrationResponses);
  return out;
}

export function deleteIntegration(state: ApiGatewayState, restApiId: string, resourceId: string, httpMethod: string): void {
  state.integration(restApiId, resourceId, httpMethod);
  delete state.method(restApiId, resourceId, httpMethod).method.methodIntegration;
}

export function putIntegrationResponse(state: ApiGatewayState, input: PutIntegrationResponseRequest): IntegrationResponse {
  const integration = state.integration(input.restApiId, input.resourceId, input.httpMethod);
  // AWS always echoes selectionPattern, "" when none was given (LocalStack snapshot "put-integration-response").
  const response: IntegrationResponse = { statusCode: input.statusCode, selectionPattern: input.selectionPattern ?? '' };
  if (input.responseParameters !== undefined) response.responseParameters = { ...input.responseParameters };
  if (input.responseTemplates !== undefined) response.responseTemplates = { ...input.responseTemplates };
  if (input.contentHandling !== undefined) response.contentHandling = input.contentHandling;
  integration.integrationResponses[input.statusCode] = response;
  return structuredClone(response);
}

export function integrationResponse(
  state: ApiGatewayState,
  restApiId: string,
  resourceId: string,
  httpMethod: string,
  statusCode: string,
): IntegrationResponse {
  const response = state.integration(restApiId, resourceId, httpMethod).integrationResponses[statusCode];
  if (!response) throw new NotFoundException('Invalid Response status code specified');
  return response;
}

/** UpdateIntegration for the fields tools change in place (URI, method, timeout, templates, parameters, ...). */
export function updateIntegration(
  state: ApiGatewayState,
  restApiId: string,
  resourceId: string,
  httpMethod: string,
  operations: PatchOperation[],
): StoredIntegration {
  const integration = state.integration(restApiId, resourceId, httpMethod);
  const next: StoredIntegration = structuredClone(integration);
  for (const { op, path = '', value } of operations) {
    const remove = op === 'remove';
    const map = /^\/(requestTemplates|requestParameters)\/(.+)$/.exec(path);
    if (map?.[1] && map[2]) {
      const key = map[1] as 'requestTemplates' | 'requestParameters';
      const name = map[2].replace(/~1/g, '/');
      const entries = { ...next[key] };
      if (remove) delete entries[name];
      else entries[name] = value ?? '';
      next[key] = entries;
      continue;
    }
    if (path === '/uri' && value) next.uri = value;
    else if (path === '/httpMethod' && value) next.httpMethod = value.toUpperCase();
    else if (path === '/timeoutInMillis' && value) next.timeoutInMillis = Number(value);
    else if (path === '/passthroughBehavior' && value) next.passthroughBehavior = value;
    else if (path === '/contentHandling' && value) next.contentHandling = value as NonNullable<StoredIntegration['contentHandling']>;
    else if (path === '/connectionType' && value) next.connectionType = value as NonNullable<StoredIntegration['connectionType']>;
    else if (path === '/connectionId' && value) next.connectionId = value;
    else if (path === '/credentials' && value) next.credentials = value;
    else throw new BadRequestException(`Invalid patch path ${path}`);
  }
  if (next.type) validateUri(next.type, next.uri);
  Object.assign(integration, next);
  return integration;
}
