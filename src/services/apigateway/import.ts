/**
 * ImportRestApi / PutRestApi from an OpenAPI 3 or Swagger 2 document (JSON or YAML, as AWS accepts both) with
 * API Gateway's extensions:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html
 */

import { parse as parseYaml } from 'yaml';
import {
  BadRequestException,
  type ImportRestApiRequest,
  type IntegrationType,
  type PutRestApiRequest,
} from '../../../generated/apigateway/index.js';
import { putIntegration, putIntegrationResponse } from './integrations.js';
import { putMethod, putMethodResponse } from './methods.js';
import { createResource } from './resources.js';
import { createRestApi } from './rest-apis.js';
import type { ApiGatewayState, StoredRestApi } from './state.js';

type Json = Record<string, unknown>;

const OPERATIONS: Record<string, string> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  patch: 'PATCH',
  options: 'OPTIONS',
  head: 'HEAD',
  'x-amazon-apigateway-any-method': 'ANY',
};

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): Record<string, string> | undefined =>
  isObject(value)
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))
    : undefined;

// AWS's answer to a document it cannot read (LocalStack snapshot test_apigateway_import).
const invalid = (): BadRequestException => new BadRequestException('Invalid OpenAPI input.');

function parseDocument(body: Uint8Array | undefined): Json {
  // An empty request has no payload at all.
  if (body === undefined) throw invalid();
  const text = Buffer.from(body).toString('utf8');
  let doc: unknown;
  try {
    // YAML is a superset of JSON, but JSON.parse is faster and exact for the common case.
    doc = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch {
    throw invalid();
  }
  if (!isObject(doc) || !(typeof doc.openapi === 'string' || typeof doc.swagger === 'string') || !isObject(doc.info)) throw invalid();
  return doc;
}

function resourceFor(state: ApiGatewayState, api: StoredRestApi, path: string): string {
  let current = api.api.rootResourceId;
  for (const part of path.split('/').filter((p) => p !== '')) {
    const existing = [...api.resources.values()].find((r) => r.parentId === current && r.pathPart === part);
    current = existing ? existing.id : createResource(state, api.api.id, current, part).id;
  }
  return current;
}

function addPaths(state: ApiGatewayState, api: StoredRestApi, doc: Json): void {
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const resourceId = resourceFor(state, api, path);
    for (const [key, operation] of Object.entries(item)) {
      const httpMethod = OPERATIONS[key];
      if (!httpMethod || !isObject(operation)) continue;
      const base = { restApiId: api.api.id, resourceId, httpMethod };
      const apiKeyRequired = Array.isArray(operation.security) && operation.security.some((s) => isObject(s) && 'api_key' in s);
      putMethod(state, { ...base, authorizationType: 'NONE', apiKeyRequired });
      if (isObject(operation.responses)) {
        for (const statusCode of Object.keys(operation.responses)) {
          if (/^[1-5]\d\d$/.test(statusCode)) putMethodResponse(state, { ...base, statusCode });
        }
      }
      const integration = operation['x-amazon-apigateway-integration'];
      if (!isObject(integration)) continue;
      const input: Parameters<typeof putIntegration>[1] = {
        ...base,
        type: String(integration.type ?? '').toUpperCase() as IntegrationType,
      };
      if (typeof integration.httpMethod === 'string') input.integrationHttpMethod = integration.httpMethod;
      if (typeof integration.uri === 'string') input.uri = integration.uri;
      if (typeof integration.passthroughBehavior === 'string') input.passthroughBehavior = integration.passthroughBehavior.toUpperCase();
      if (typeof integration.timeoutInMillis === 'number') input.timeoutInMillis = integration.timeoutInMillis;
      if (typeof integration.contentHandling === 'string')
        input.contentHandling = integration.contentHandling as NonNullable<typeof input.contentHandling>;
      const templates = strings(integration.requestTemplates);
      if (templates) input.requestTemplates = templates;
      const parameters = strings(integration.requestParameters);
      if (parameters) input.requestParameters = parameters;
      putIntegration(state, input);
      if (isObject(integration.responses)) {
        for (const [selectionPattern, response] of Object.entries(integration.responses)) {
          if (!isObject(response) || response.statusCode === undefined) continue;
          const out: Parameters<typeof putIntegrationResponse>[1] = { ...base, statusCode: String(response.statusCode) };
          if (selectionPattern !== 'default') out.selectionPattern = selectionPattern;
          const responseTemplates = strings(response.responseTemplates);
          if (responseTemplates) out.responseTemplates = responseTemplates;
          const responseParameters = strings(response.responseParameters);
          if (responseParameters) out.responseParameters = responseParameters;
          putIntegrationResponse(state, out);
        }
      }
    }
  }
}

function binaryMediaTypes(doc: Json): string[] | undefined {
  const types = doc['x-amazon-apigateway-binary-media-types'];
  return Array.isArray(types) ? types.filter((t): t is string => typeof t === 'string') : undefined;
}

export function importRestApi(state: ApiGatewayState, input: ImportRestApiRequest, idTaken: (id: string) => boolean): StoredRestApi {
  const doc = parseDocument(input.body);
  const info = doc.info as Json;
  const request: Parameters<typeof createRestApi>[1] = { name: typeof info.title === 'string' ? info.title : '' };
  if (typeof info.description === 'string' && info.description !== '') request.description = info.description;
  if (typeof info.version === 'string') request.version = info.version;
  const types = binaryMediaTypes(doc);
  if (types) request.binaryMediaTypes = types;
  const api = createRestApi(state, request, idTaken);
  try {
    addPaths(state, api, doc);
  } catch (error) {
    state.apis.delete(api.api.id);
    throw error;
  }
  return api;
}

/** PutRestApi: `overwrite` replaces the resource tree (keeping the root's id); `merge` (the default) adds to it. */
export function putRestApi(state: ApiGatewayState, input: PutRestApiRequest): StoredRestApi {
  const api = state.api(input.restApiId);
  const doc = parseDocument(input.body);
  if (input.mode === 'overwrite') {
    const root = api.resources.get(api.api.rootResourceId);
    api.resources.clear();
    if (root) {
      root.methods.clear();
      api.resources.set(root.id, root);
    }
    const info = doc.info as Json;
    if (typeof info.title === 'string') api.api.name = info.title;
    if (typeof info.description === 'string') api.api.description = info.description;
  }
  const types = binaryMediaTypes(doc);
  if (types) api.api.binaryMediaTypes = [...new Set([...(input.mode === 'overwrite' ? [] : (api.api.binaryMediaTypes ?? [])), ...types])];
  addPaths(state, api, doc);
  return api;
}
