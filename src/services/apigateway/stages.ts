/** Stages: CreateStage, GetStage(s), UpdateStage (patch operations incl. stage variables), DeleteStage. */
import {
  BadRequestException,
  ConflictException,
  type CreateStageRequest,
  type MethodSetting,
  NotFoundException,
  type PatchOperation,
  type Stage,
} from '../../../generated/apigateway/index.js';
import type { StoredRestApi } from './state.js';

type StoredStage = StoredRestApi['stages'] extends Map<string, infer S> ? S : never;

/** A new stage as AWS describes it (LocalStack snapshot test_apigateway_common "create-stage"). */
export function newStage(stageName: string, deploymentId: string): StoredStage {
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  return {
    stageName,
    deploymentId,
    cacheClusterEnabled: false,
    cacheClusterStatus: 'NOT_AVAILABLE',
    methodSettings: {},
    tracingEnabled: false,
    createdDate: now,
    lastUpdatedDate: now,
  };
}

export function createStage(api: StoredRestApi, input: CreateStageRequest): StoredStage {
  if (!api.deployments.has(input.deploymentId)) throw new NotFoundException('Invalid Deployment identifier specified');
  if (api.stages.has(input.stageName)) throw new ConflictException('Stage already exists');
  const stage = newStage(input.stageName, input.deploymentId);
  if (input.description !== undefined) stage.description = input.description;
  if (input.cacheClusterEnabled !== undefined) stage.cacheClusterEnabled = input.cacheClusterEnabled;
  if (input.cacheClusterSize !== undefined) stage.cacheClusterSize = input.cacheClusterSize;
  if (input.variables && Object.keys(input.variables).length > 0) stage.variables = { ...input.variables };
  if (input.documentationVersion !== undefined) stage.documentationVersion = input.documentationVersion;
  if (input.tracingEnabled !== undefined) stage.tracingEnabled = input.tracingEnabled;
  if (input.tags && Object.keys(input.tags).length > 0) stage.tags = { ...input.tags };
  api.stages.set(input.stageName, stage);
  return stage;
}

export function getStage(api: StoredRestApi, stageName: string): StoredStage {
  const stage = api.stages.get(stageName);
  if (!stage) throw new NotFoundException('Invalid Stage identifier specified');
  return stage;
}

export function stageView(stage: StoredStage): Stage {
  return structuredClone(stage);
}

// AWS's own message for a path UpdateStage does not know (LocalStack snapshot test_apigateway_common "error-update-tags").
const INVALID_PATH = (path: string): string =>
  `Invalid method setting path: ${path}. Must be one of: [/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, /{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, /{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]`;

const SETTINGS: Record<string, [keyof MethodSetting, 'bool' | 'int' | 'float' | 'string']> = {
  'metrics/enabled': ['metricsEnabled', 'bool'],
  'logging/dataTrace': ['dataTraceEnabled', 'bool'],
  'logging/loglevel': ['loggingLevel', 'string'],
  'throttling/burstLimit': ['throttlingBurstLimit', 'int'],
  'throttling/rateLimit': ['throttlingRateLimit', 'float'],
  'caching/ttlInSeconds': ['cacheTtlInSeconds', 'int'],
  'caching/enabled': ['cachingEnabled', 'bool'],
  'caching/dataEncrypted': ['cacheDataEncrypted', 'bool'],
  'caching/requireAuthorizationForCacheControl': ['requireAuthorizationForCacheControl', 'bool'],
  'caching/unauthorizedCacheControlHeaderStrategy': ['unauthorizedCacheControlHeaderStrategy', 'string'],
};

/** A method-settings entry as AWS fills it on first use (LocalStack snapshot test_apigateway_common "update-stage"). */
const defaultSetting = (): MethodSetting => ({
  metricsEnabled: false,
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
});

function settingValue(kind: 'bool' | 'int' | 'float' | 'string', value: string | undefined): boolean | number | string {
  if (kind === 'bool') return value === 'true';
  if (kind === 'string') return value ?? '';
  const n = Number(value);
  if (!Number.isFinite(n)) throw new BadRequestException(`Invalid value ${value}`);
  return kind === 'int' ? Math.trunc(n) : n;
}

function applyMethodSetting(stage: StoredStage, path: string, value: string | undefined): boolean {
  // `/{resourcePath}/{httpMethod}/<group>/<name>`, the resource path's own slashes escaped as ~1 (RFC 6901).
  const parts = path.slice(1).split('/');
  if (parts.length !== 4) return false;
  const [resourcePath = '', httpMethod = '', group = '', name = ''] = parts;
  const setting = SETTINGS[`${group}/${name}`];
  if (!setting) return false;
  const key = `${resourcePath.replace(/~1/g, '/').replace(/^\//, '')}/${httpMethod}`;
  const settings = stage.methodSettings ?? {};
  const entry = settings[key] ?? defaultSetting();
  settings[key] = entry;
  stage.methodSettings = settings;
  (entry as Record<string, unknown>)[setting[0]] = settingValue(setting[1], value);
  return true;
}

export function updateStage(api: StoredRestApi, stageName: string, operations: PatchOperation[]): StoredStage {
  const stage = getStage(api, stageName);
  for (const op of operations) {
    const path = op.path ?? '';
    const remove = op.op === 'remove';
    if (path.startsWith('/variables/')) {
      const name = path.slice('/variables/'.length);
      const variables = { ...stage.variables };
      if (remove) delete variables[name];
      else variables[name] = op.value ?? '';
      if (Object.keys(variables).length > 0) stage.variables = variables;
      else delete stage.variables;
    } else if (path === '/description') {
      if (remove) delete stage.description;
      else stage.description = op.value ?? '';
    } else if (path === '/deploymentId') {
      if (!op.value || !api.deployments.has(op.value)) throw new BadRequestException('Deployment id does not exist');
      stage.deploymentId = op.value;
    } else if (path === '/tracingEnabled') {
      stage.tracingEnabled = op.value === 'true';
    } else if (path === '/cacheClusterEnabled') {
      stage.cacheClusterEnabled = op.value === 'true';
    } else if (path === '/cacheClusterSize') {
      stage.cacheClusterSize = (op.value ?? '0.5') as NonNullable<Stage['cacheClusterSize']>;
    } else if (!applyMethodSetting(stage, path, op.value)) {
      throw new BadRequestException(INVALID_PATH(path));
    }
  }
  stage.lastUpdatedDate = new Date(Math.floor(Date.now() / 1000) * 1000);
  return stage;
}

export type { StoredStage };
