/** Methods and method responses: PutMethod, GetMethod, DeleteMethod, PutMethodResponse, GetMethodResponse, DeleteMethodResponse. */
import {
  BadRequestException,
  type Method,
  type MethodResponse,
  NotFoundException,
  type PatchOperation,
  type PutMethodRequest,
  type PutMethodResponseRequest,
} from '../../../generated/apigateway/index.js';
import { integrationView } from './integrations.js';
import type { ApiGatewayState, StoredMethod } from './state.js';

const HTTP_METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'ANY']);

export function putMethod(state: ApiGatewayState, input: PutMethodRequest): StoredMethod {
  const { resource } = state.resource(input.restApiId, input.resourceId);
  const httpMethod = input.httpMethod.toUpperCase();
  // AWS-validated message (LocalStack snapshot test_put_method_validation "wrong-method").
  if (!HTTP_METHODS.has(httpMethod)) {
    throw new BadRequestException('Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY');
  }
  if ((input.authorizationType === 'CUSTOM' || input.authorizationType === 'COGNITO_USER_POOLS') && !input.authorizerId) {
    throw new BadRequestException(
      'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.',
    );
  }
  const method: StoredMethod = {
    httpMethod,
    authorizationType: input.authorizationType,
    apiKeyRequired: input.apiKeyRequired ?? false,
    methodResponses: {},
  };
  if (input.authorizerId !== undefined) method.authorizerId = input.authorizerId;
  if (input.operationName !== undefined) method.operationName = input.operationName;
  if (input.requestParameters !== undefined) method.requestParameters = { ...input.requestParameters };
  if (input.requestModels !== undefined) method.requestModels = { ...input.requestModels };
  if (input.requestValidatorId !== undefined) method.requestValidatorId = input.requestValidatorId;
  if (input.authorizationScopes !== undefined) method.authorizationScopes = [...input.authorizationScopes];
  resource.methods.set(httpMethod, method);
  return method;
}

export function methodView(method: StoredMethod): Method {
  const { methodResponses, methodIntegration, ...rest } = method;
  const out: Method = { ...rest };
  if (Object.keys(methodResponses).length > 0) out.methodResponses = structuredClone(methodResponses);
  if (methodIntegration) out.methodIntegration = integrationView(methodIntegration);
  return out;
}

export function deleteMethod(state: ApiGatewayState, restApiId: string, resourceId: string, httpMethod: string): void {
  const { resource } = state.method(restApiId, resourceId, httpMethod);
  resource.methods.delete(httpMethod.toUpperCase());
}

export function putMethodResponse(state: ApiGatewayState, input: PutMethodResponseRequest): MethodResponse {
  const { method } = state.method(input.restApiId, input.resourceId, input.httpMethod);
  const response: MethodResponse = { statusCode: input.statusCode };
  if (input.responseParameters !== undefined) response.responseParameters = { ...input.responseParameters };
  if (input.responseModels !== undefined) response.responseModels = { ...input.responseModels };
  method.methodResponses[input.statusCode] = response;
  return structuredClone(response);
}

export function methodResponse(
  state: ApiGatewayState,
  restApiId: string,
  resourceId: string,
  httpMethod: string,
  statusCode: string,
): MethodResponse {
  const { method } = state.method(restApiId, resourceId, httpMethod);
  const response = method.methodResponses[statusCode];
  if (!response) throw new NotFoundException('Invalid Response status code specified');
  return response;
}

export function deleteMethodResponse(
  state: ApiGatewayState,
  restApiId: string,
  resourceId: string,
  httpMethod: string,
  statusCode: string,
): void {
  methodResponse(state, restApiId, resourceId, httpMethod, statusCode);
  delete state.method(restApiId, resourceId, httpMethod).method.methodResponses[statusCode];
}

/** UpdateMethod for the fields tools change in place; other paths answer AWS's `Invalid patch path <path>`. */
export function updateMethod(
  state: ApiGatewayState,
  restApiId: string,
  resourceId: string,
  httpMethod: string,
  operations: PatchOperation[],
): StoredMethod {
  const { method } = state.method(restApiId, resourceId, httpMethod);
  for (const { op, path = '', value } of operations) {
    if (path.startsWith('/requestParameters/')) {
      const name = path.slice('/requestParameters/'.length);
      const params = { ...method.requestParameters };
      if (op === 'remove') delete params[name];
      else params[name] = value === 'true';
      method.requestParameters = params;
      continue;
    }
    // AWS-validated message for add/remove on scalar fields (LocalStack snapshot test_update_method_validation).
    if (op !== 'replace') throw new BadRequestException('Invalid patch operation specified. Must be one of: [replace]');
    if (path === '/authorizationType') method.authorizationType = value ?? 'NONE';
    else if (path === '/apiKeyRequired') method.apiKeyRequired = value === 'true';
    else if (path === '/operationName') method.operationName = value ?? '';
    else if (path === '/authorizerId' && value !== undefined) method.authorizerId = value;
    else if (path === '/requestValidatorId' && value !== undefined) method.requestValidatorId = value;
    else throw new BadRequestException(`Invalid patch path ${path}`);
  }
  return method;
}
