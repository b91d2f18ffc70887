/**
 * API Gateway control-plane state for one (account, region): REST APIs with their resource tree, methods,
 * integrations, deployments (each a frozen copy of the tree, which is what the data plane serves) and stages.
 */
import { randomBytes } from 'node:crypto';
import type { Integration, IntegrationResponse, Method, MethodResponse, RestApi, Stage } from '../../../generated/apigateway/index.js';
import { NotFoundException } from '../../../generated/apigateway/index.js';

export interface StoredMethod extends Method {
  httpMethod: string;
  methodResponses: Record<string, MethodResponse>;
  methodIntegration?: StoredIntegration;
}

export interface StoredIntegration extends Integration {
  integrationResponses: Record<string, IntegrationResponse>;
}

export interface StoredResource {
  id: string;
  parentId?: string;
  pathPart?: string;
  path: string;
  methods: Map<string, StoredMethod>;
}

/** What a deployment froze: the resource tree and the API settings the data plane reads. */
export interface DeploymentSnapshot {
  resources: StoredResource[];
  binaryMediaTypes: string[];
}

export interface StoredDeployment {
  id: string;
  description?: string;
  createdDate: Date;
  snapshot: DeploymentSnapshot;
}

export interface StoredRestApi {
  api: RestApi & { id: string; name: string; rootResourceId: string };
  accountId: string;
  region: string;
  resources: Map<string, StoredResource>;
  deployments: Map<string, StoredDeployment>;
  stages: Map<string, Stage & { stageName: string; deploymentId: string }>;
}

export class ApiGatewayState {
  readonly apis = new Map<string, StoredRestApi>();

  constructor(
    readonly accountId: string,
    readonly region: string,
  ) {}

  api(restApiId: string): StoredRestApi {
    const api = this.apis.get(restApiId);
    // AWS names the caller's account in this message (LocalStack snapshot test_apigateway_api: "…specified 111111111111:api_id").
    if (!api) throw new NotFoundException(`Invalid API identifier specified ${this.accountId}:${restApiId}`);
    return api;
  }

  /** Resource lookups answer "Invalid Resource identifier specified" even when the API itself is unknown (AWS-validated). */
  resource(restApiId: string, resourceId: string): { api: StoredRestApi; resource: StoredResource } {
    const api = this.apis.get(restApiId);
    const resource = api?.resources.get(resourceId);
    if (!api || !resource) throw new NotFoundException('Invalid Resource identifier specified');
    return { api, resource };
  }

  method(
    restApiId: string,
    resourceId: string,
    httpMethod: string,
  ): { api: StoredRestApi; resource: StoredResource; method: StoredMethod } {
    const { api, resource } = this.resource(restApiId, resourceId);
    const method = resource.methods.get(httpMethod.toUpperCase());
    if (!method) throw new NotFoundException('Invalid Method identifier specified');
    return { api, resource, method };
  }

  integration(restApiId: string, resourceId: string, httpMethod: string): StoredIntegration {
    const { method } = this.method(restApiId, resourceId, httpMethod);
    if (!method.methodIntegration) throw new NotFoundException('Invalid Integration identifier specified');
    return method.methodIntegration;
  }
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Lower-case alphanumeric ids as AWS makes them: 10 characters for APIs and root resources, 6 for the rest. */
export function newId(length: number): string {
  let out = '';
  for (const b of randomBytes(length)) out += ALPHABET[b % ALPHABET.length];
  return out;
}

/** Paging over an ordered list with AWS's `position` (opaque: here the next item's id) and `limit` (default 25, max 500). */
export function page<T>(
  items: T[],
  idOf: (item: T) => string,
  position: string | undefined,
  limit: number | undefined,
): { items: T[]; position?: string } {
  let start = 0;
  if (position) {
    const at = items.findIndex((item) => idOf(item) === position);
    start = at < 0 ? items.length : at;
  }
  const size = Math.min(Math.max(limit ?? 25, 1), 500);
  const slice = items.slice(start, start + size);
  const next = items[start + size];
  return next === undefined ? { items: slice } : { items: slice, position: idOf(next) };
}
