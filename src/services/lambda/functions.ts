/**
 * The function registry: create/get/update/delete, published versions and aliases, name and ARN resolution.
 * Messages follow AWS responses recorded in aws-wire-checklist.md §5.2–5.3.
 */
import { createHash, randomUUID } from 'node:crypto';
import type {
  AliasConfiguration,
  CreateFunctionRequest,
  Environment,
  FunctionConfiguration,
  UpdateFunctionConfigurationRequest,
} from '../../../generated/lambda/index.js';
import {
  InvalidParameterValueException,
  ResourceConflictException,
  ResourceNotFoundException,
  ValidationException,
} from '../../../generated/lambda/index.js';
import type { LambdaFunction, LambdaRegionState, VersionRecord } from './state.js';

export const LATEST = '$LATEST';

/** `2024-01-31T12:00:00.000+0000`, the format Lambda uses for LastModified. */
export function lastModified(date = new Date()): string {
  return date.toISOString().replace('Z', '+0000');
}

export function functionArn(state: LambdaRegionState, name: string, qualifier?: string): string {
  const base = `arn:aws:lambda:${state.region}:${state.accountId}:function:${name}`;
  return qualifier ? `${base}:${qualifier}` : base;
}

/** A FunctionName as given: a name, `name:qualifier`, a full ARN or a partial `account:function:name` ARN. */
export function parseFunctionName(value: string): { name: string; qualifier?: string; region?: string } {
  const arn = /^(?:arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):)?\d{12}:function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9$_-]+))?$/.exec(value);
  if (arn?.[2]) return { name: arn[2], ...(arn[3] ? { qualifier: arn[3] } : {}), ...(arn[1] ? { region: arn[1] } : {}) };
  const colon = value.indexOf(':');
  if (colon > 0) return { name: value.slice(0, colon), qualifier: value.slice(colon + 1) };
  return { name: value };
}

export function notFound(state: LambdaRegionState, name: string, qualifier?: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`Function not found: ${functionArn(state, name, qualifier)}`);
}

/** An ARN naming another region: AWS's wording (LocalStack's AWS-recorded snapshot, test_lambda_api). */
function checkRegion(state: LambdaRegionState, region: string | undefined): void {
  if (region && region !== state.region) {
    throw new ResourceNotFoundException(`Functions from '${region}' are not reachable in this region ('${state.region}')`);
  }
}

export function getFunction(state: LambdaRegionState, functionName: string): LambdaFunction {
  const { name, qualifier, region } = parseFunctionName(functionName);
  checkRegion(state, region);
  const fn = state.functions.get(name);
  if (!fn) throw notFound(state, name, qualifier);
  return fn;
}

/** An alias's version for one invocation: each additional version with its weight, the main one otherwise. */
function weightedVersion(alias: AliasConfiguration): string | undefined {
  let draw = Math.random();
  for (const [version, weight] of Object.entries(alias.RoutingConfig?.AdditionalVersionWeights ?? {})) {
    if (draw < weight) return version;
    draw -= weight;
  }
  return alias.FunctionVersion;
}

/** The qualifier given as a parameter or in the name (they must agree). */
export function qualifierOf(functionName: string, qualifierParam: string | undefined): string | undefined {
  const parsed = parseFunctionName(functionName);
  if (parsed.qualifier && qualifierParam && parsed.qualifier !== qualifierParam) {
    throw new InvalidParameterValueException('The derived qualifier from the function name does not match the specified qualifier.');
  }
  return qualifierParam ?? parsed.qualifier;
}

/** The version a name and optional qualifier (version number, alias or $LATEST) designate. */
export function resolveVersion(
  state: LambdaRegionState,
  functionName: string,
  qualifierParam?: string,
  /** Invoke only: follow the alias's RoutingConfig weights instead of always its main version. */
  route = false,
): { fn: LambdaFunction; record: VersionRecord; qualifier?: string } {
  const parsed = parseFunctionName(functionName);
  checkRegion(state, parsed.region);
  const qualifier = qualifierOf(functionName, qualifierParam);
  const fn = state.functions.get(parsed.name);
  if (!fn) throw notFound(state, parsed.name, qualifier);
  if (qualifier === undefined || qualifier === LATEST) return { fn, record: fn.latest, ...(qualifier ? { qualifier } : {}) };
  const alias = fn.aliases.get(qualifier);
  const version = (route && alias ? weightedVersion(alias) : alias?.FunctionVersion) ?? qualifier;
  const record = version === LATEST ? fn.latest : fn.versions.get(version);
  if (!record) throw notFound(state, parsed.name, qualifier);
  return { fn, record, qualifier };
}

// "Lambda was unable to configure your environment variables…" [aws-snap] test_lambda_api, §5.3.
function checkEnvironment(env: Environment | undefined): void {
  if (!env?.Variables) return;
  // The model's key pattern, checked first; AWS leaves the value out of this message (CLI output quoted in
  // klothoplatform/klotho#317).
  if (Object.keys(env.Variables).some((name) => !/^[a-zA-Z][a-zA-Z0-9_]+$/.test(name))) {
    throw new ValidationException(
      "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]",
    );
  }
  const measured = JSON.stringify(env.Variables);
  if (Buffer.byteLength(measured) > 4096) {
    throw new InvalidParameterValueException(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
}

/** Zip functions report the managed runtime version they run on ([aws-snap] test_lambda, CreateFunctionResponse). */
function runtimeVersion(region: string, runtime: string): { RuntimeVersionArn: string } {
  return { RuntimeVersionArn: `arn:aws:lambda:${region}::runtime:${createHash('sha256').update(runtime).digest('hex')}` };
}

/** The configuration of a new function's $LATEST, with AWS's defaults. */
export function newConfiguration(
  state: LambdaRegionState,
  input: CreateFunctionRequest,
  code: { sha256: string; size: number },
): FunctionConfiguration {
  checkEnvironment(input.Environment);
  const config: FunctionConfiguration = {
    FunctionName: input.FunctionName,
    FunctionArn: functionArn(state, input.FunctionName),
    Role: input.Role,
    CodeSize: code.size,
    Description: input.Description ?? '',
    Timeout: input.Timeout ?? 3,
    MemorySize: input.MemorySize ?? 128,
    LastModified: lastModified(),
    CodeSha256: code.sha256,
    Version: LATEST,
    TracingConfig: { Mode: input.TracingConfig?.Mode ?? 'PassThrough' },
    RevisionId: randomUUID(),
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: input.PackageType ?? 'Zip',
    Architectures: input.Architectures ?? ['x86_64'],
    EphemeralStorage: { Size: input.EphemeralStorage?.Size ?? 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${input.FunctionName}`, ...input.LoggingConfig },
  };
  if (input.Runtime) {
    config.Runtime = input.Runtime;
    config.RuntimeVersionConfig = runtimeVersion(state.region, input.Runtime);
  }
  if (input.Handler) config.Handler = input.Handler;
  if (input.Environment?.Variables) config.Environment = { Variables: { ...input.Environment.Variables } };
  if (input.Layers?.length) config.Layers = input.Layers.map((Arn) => ({ Arn, CodeSize: 0 }));
  if (input.ImageConfig) config.ImageConfigResponse = { ImageConfig: input.ImageConfig };
  if (input.DeadLetterConfig) config.DeadLetterConfig = input.DeadLetterConfig;
  if (input.KMSKeyArn) config.KMSKeyArn = input.KMSKeyArn;
  return config;
}

export function assertNew(state: LambdaRegionState, name: string): void {
  // [aws-snap] "Function already exist: <name>" (sic).
  if (state.functions.has(name)) throw new ResourceConflictException(`Function already exist: ${name}`);
}

/** Applies UpdateFunctionConfiguration to $LATEST's configuration (a new revision). */
export function applyConfiguration(config: FunctionConfiguration, input: UpdateFunctionConfigurationRequest): FunctionConfiguration {
  checkEnvironment(input.Environment);
  const next: FunctionConfiguration = { ...config, LastModified: lastModified(), RevisionId: randomUUID() };
  if (input.Role !== undefined) next.Role = input.Role;
  if (input.Handler !== undefined) next.Handler = input.Handler;
  if (input.Description !== undefined) next.Description = input.Description;
  if (input.Timeout !== undefined) next.Timeout = input.Timeout;
  if (input.MemorySize !== undefined) next.MemorySize = input.MemorySize;
  if (input.Runtime !== undefined) {
    next.Runtime = input.Runtime;
    next.RuntimeVersionConfig = runtimeVersion(config.FunctionArn?.split(':')[3] ?? 'us-east-1', input.Runtime);
  }
  if (input.Environment !== undefined) next.Environment = { Variables: { ...(input.Environment.Variables ?? {}) } };
  if (input.Layers !== undefined) next.Layers = input.Layers.map((Arn) => ({ Arn, CodeSize: 0 }));
  if (input.TracingConfig?.Mode) next.TracingConfig = { Mode: input.TracingConfig.Mode };
  if (input.EphemeralStorage) next.EphemeralStorage = input.EphemeralStorage;
  if (input.LoggingConfig) next.LoggingConfig = { ...next.LoggingConfig, ...input.LoggingConfig };
  if (input.DeadLetterConfig) next.DeadLetterConfig = input.DeadLetterConfig;
  return next;
}

/** RevisionId preconditions: a stale id is PreconditionFailed in AWS; Standin reports it the same way. */
export function checkRevision(config: FunctionConfiguration, revisionId: string | undefined, error: (m: string) => Error): void {
  if (revisionId !== undefined && revisionId !== config.RevisionId) {
    throw error(
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
    );
  }
}

/** A page of `items` after `marker` (the last key of the previous page), as Lambda's Marker/NextMarker paging. */
export function page<T>(items: T[], key: (item: T) => string, marker?: string, maxItems?: number): { items: T[]; next?: string } {
  const size = Math.min(Math.max(maxItems ?? 50, 1), 10000);
  // Ordered by the marker key itself, so a page always resumes exactly after the previous one.
  items = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const start = marker ? items.findIndex((item) => key(item) > marker) : 0;
  if (start < 0) return { items: [] };
  const slice = items.slice(start, start + size);
  const last = slice[slice.length - 1];
  return start + size < items.length && last ? { items: slice, next: key(last) } : { items: slice };
}
