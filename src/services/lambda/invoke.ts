/**
 * Invoke: payload checks, the environment pool of the resolved version, and the response AWS gives
 * (aws-wire-checklist.md §5.1): 200 with the function's output or error JSON plus X-Amz-Function-Error,
 * 202 for Event, 204 for DryRun, X-Amz-Log-Result with the last 4 KB of the log for LogType Tail.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InvocationRequest, InvocationResponse } from '../../../generated/lambda/index.js';
import {
  InvalidRequestContentException,
  InvalidRuntimeException,
  RequestEntityTooLargeException,
} from '../../../generated/lambda/index.js';
import type { RequestContext } from '../../runtime/request.js';
import { EnvironmentPool, type InvocationResult, type PoolSettings } from './environments.js';
import type { EnvironmentSpec, Executor } from './executors/executor.js';
import { ProcessExecutor, runtimesDir, supportedRuntime } from './executors/process.js';
import { functionArn, LATEST, resolveVersion } from './functions.js';
import type { LambdaFunction, LambdaRegionState, VersionRecord } from './state.js';

// API_Invoke: "the maximum payload size is 6 MB" sync and "1 MB" async.
const MAX_SYNC_PAYLOAD = 6291456;
const MAX_ASYNC_PAYLOAD = 1048576;
const TAIL_BYTES = 4096;

function settingsFromEnv(): PoolSettings {
  return {
    maxEnvironments: Number(process.env.STANDIN_LAMBDA_MAX_ENVIRONMENTS ?? 16),
    keepAliveMs: Number(process.env.STANDIN_LAMBDA_KEEPALIVE_MS ?? 600000),
    initTimeoutMs: 10000,
  };
}

/** Cheap change detector for hot-reload folders: newest mtime and file count, skipping dependency folders. */
function fingerprint(dir: string): string {
  let newest = 0;
  let count = 0;
  const walk = (path: string, depth: number) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '__pycache__' || entry.name.startsWith('.')) continue;
      const full = join(path, entry.name);
      if (entry.isDirectory()) {
        if (depth < 8) walk(full, depth + 1);
      } else {
        count++;
        newest = Math.max(newest, statSync(full).mtimeMs);
      }
    }
  };
  try {
    walk(dir, 0);
  } catch {
    return 'missing';
  }
  return `${count}:${newest}`;
}

/** Every warm pool of this Standin process, keyed by function version and revision. */
export class LambdaExecution {
  private readonly pools = new Map<string, EnvironmentPool>();
  private readonly settings = settingsFromEnv();
  private executorPromise: Promise<Executor> | undefined;
  private dockerPromise: Promise<Executor> | undefined;

  /** Image functions always run in Docker, whatever the default executor. */
  private imageExecutor(): Promise<Executor> {
    this.dockerPromise ??= import('./executors/docker.js').then((m) => new m.DockerExecutor());
    return this.dockerPromise;
  }

  /** The process executor, or Docker's when STANDIN_LAMBDA_EXECUTOR=docker (dockerode loads only then). */
  private executor(): Promise<Executor> {
    this.executorPromise ??=
      process.env.STANDIN_LAMBDA_EXECUTOR === 'docker'
        ? import('./executors/docker.js').then((m) => new m.DockerExecutor())
        : Promise.resolve(new ProcessExecutor());
    return this.executorPromise;
  }

  async invoke(state: LambdaRegionState, input: InvocationRequest, ctx: RequestContext): Promise<InvocationResponse> {
    const { fn, record, qualifier } = resolveVersion(state, input.FunctionName, input.Qualifier, true);
    const version = record.config.Version ?? LATEST;
    const type = input.InvocationType ?? 'RequestResponse';
    const payload = input.Payload ?? new Uint8Array();
    // Messages as AWS words them (models/patches/lambda.json has the evidence).
    if (type === 'Event' && payload.length > MAX_ASYNC_PAYLOAD) {
      throw new RequestEntityTooLargeException(
        `${payload.length} byte payload is too large for the Event invocation type (limit ${MAX_ASYNC_PAYLOAD} bytes)`,
      );
    }
    if (payload.length > MAX_SYNC_PAYLOAD) {
      throw new RequestEntityTooLargeException(`Request must be smaller than ${MAX_SYNC_PAYLOAD} bytes for the InvokeFunction operation`);
    }
    checkJson(payload);
    const clientContext = decodeClientContext(input.ClientContext);
    if (type === 'DryRun') return { StatusCode: 204, ExecutedVersion: version };
    const runtime = record.config.Runtime ?? '';
    const executor = record.code.imageUri ? await this.imageExecutor() : await this.executor();
    // AWS base images bring every runtime; Standin's own bootstraps only Python, Node and provided.
    const ownBootstraps = executor.name === 'process' || process.env.STANDIN_LAMBDA_DOCKER_HOST_RUNTIMES === '1';
    if (!record.code.imageUri && ownBootstraps && !supportedRuntime(runtime)) {
      throw new InvalidRuntimeException(`The runtime parameter of ${runtime} is not supported by Standin's ${executor.name} executor`);
    }
    const pool = this.poolFor(state, fn, record, ctx, executor);
    const invocation = {
      requestId: randomUUID(),
      payload,
      invokedFunctionArn: functionArn(state, fn.name, qualifier),
      traceId: `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`,
      timeoutMs: (record.config.Timeout ?? 3) * 1000,
      ...(clientContext ? { clientContext } : {}),
    };
    if (type === 'Event') {
      // Runs in the background; its outcome is only logged (AWS's async retries are not emulated).
      pool.invoke(invocation).catch((error: unknown) => process.stderr.write(`standin: lambda ${fn.name} event invoke failed: ${error}\n`));
      return { StatusCode: 202 };
    }
    const result = await pool.invoke(invocation);
    const out: InvocationResponse = { StatusCode: 200, Payload: result.payload, ExecutedVersion: version };
    if (!result.ok) out.FunctionError = 'Unhandled';
    if (input.LogType === 'Tail') out.LogResult = tail(logText(invocation.requestId, version, record, result));
    return out;
  }

  /** Stops the environments of one function (deleted or updated), or of every function. */
  retire(arnPrefix?: string): void {
    for (const [key, pool] of this.pools) {
      if (arnPrefix === undefined || key.startsWith(`${arnPrefix}|`)) {
        pool.close();
        this.pools.delete(key);
      }
    }
  }

  private poolFor(
    state: LambdaRegionState,
    fn: LambdaFunction,
    record: VersionRecord,
    ctx: RequestContext,
    executor: Executor,
  ): EnvironmentPool {
    const version = record.config.Version ?? LATEST;
    const stamp = record.code.hotReload ? fingerprint(record.code.dir) : '';
    const prefix = `${fn.arn}|${version}|`;
    const key = `${prefix}${record.revision}|${stamp}`;
    let pool = this.pools.get(key);
    if (!pool) {
      // A newer revision (or edited hot-reload folder) replaces the warm environments of the old one; invocations
      // already running on it finish first, as in AWS.
      for (const [other, old] of this.pools) {
        if (other.startsWith(prefix)) {
          old.retire();
          this.pools.delete(other);
        }
      }
      const endpoint = process.env.STANDIN_LAMBDA_ENDPOINT_URL ?? ctx.baseUrl;
      pool = new EnvironmentPool(() => environmentSpec(state, fn, record, endpoint), executor, this.settings);
      this.pools.set(key, pool);
    }
    return pool;
  }
}

function checkJson(payload: Uint8Array): void {
  if (payload.length === 0) return;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(payload);
    JSON.parse(text);
  } catch {
    // [aws-snap] test_lambda_invoke_payload_encoding_error: "Could not parse request body into json: Could not parse
    // payload into json: …" followed by the wording of AWS's JSON parser (Jackson), source redacted.
    throw new InvalidRequestContentException(
      `Could not parse request body into json: Could not parse payload into json: ${jacksonReason(payload)}`,
    );
  }
}

const EXPECTED = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/** Jackson's description of the first problem, for the common cases: bad UTF-8, a bare word, a stray character. */
function jacksonReason(payload: Uint8Array): string {
  const where = (column: number) =>
    `\n at [Source: REDACTED (\`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION\` disabled); line: 1, column: ${column}]`;
  const bad = firstInvalidUtf8(payload);
  if (bad !== undefined) return `Invalid UTF-8 start byte 0x${(payload[bad] ?? 0).toString(16)}${where(bad + 2)}`;
  const text = Buffer.from(payload).toString('utf8');
  const at = Math.max(text.search(/\S/), 0);
  const word = /^[A-Za-z][A-Za-z0-9_$'-]*/.exec(text.slice(at))?.[0];
  if (word) return `Unrecognized token '${word}': was expecting ${EXPECTED}${where(at + word.length + 1)}`;
  const code = text.codePointAt(at) ?? 0;
  const shown =
    code < 32 || (code >= 0x7f && code <= 0x9f) ? `(CTRL-CHAR, code ${code})` : `('${String.fromCodePoint(code)}' (code ${code}))`;
  return `Unexpected character (${shown}): expected a valid value ${EXPECTED}${where(at + 1)}`;
}

function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return undefined;
}

function decodeClientContext(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  try {
    JSON.parse(text);
  } catch {
    throw new InvalidRequestContentException('Client context must be a valid Base64-encoded JSON object.');
  }
  return text;
}

function logStreamName(version: string): string {
  const d = new Date();
  const day = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
  return `${day}/[${version}]${randomBytes(16).toString('hex')}`;
}

/** The environment of one execution environment, as real Lambda sets it (aws-wire-checklist.md §5.4). */
function environmentSpec(state: LambdaRegionState, fn: LambdaFunction, record: VersionRecord, endpoint: string) {
  const config = record.config;
  const runtime = config.Runtime ?? '';
  const version = config.Version ?? LATEST;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    _HANDLER: config.Handler ?? '',
    AWS_REGION: state.region,
    AWS_DEFAULT_REGION: state.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.MemorySize ?? 128),
    AWS_LAMBDA_FUNCTION_VERSION: version,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: config.LoggingConfig?.LogGroup ?? `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(version),
    // The account id as access key makes the function's own calls land in its account (dispatch.ts accountOf).
    AWS_ACCESS_KEY_ID: state.accountId,
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: 'test',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    LAMBDA_TASK_ROOT: record.code.dir,
    LAMBDA_RUNTIME_DIR: join(runtimesDir, runtime.startsWith('python') ? 'python' : 'node'),
  };
  if (process.env.STANDIN_LAMBDA_INJECT_ENDPOINT !== '0') env.AWS_ENDPOINT_URL = endpoint;
  if (runtime.startsWith('python')) env.PYTHONUNBUFFERED = '1';
  if (runtime.startsWith('nodejs')) env.NODE_PATH = join(record.code.dir, 'node_modules');
  Object.assign(env, config.Environment?.Variables ?? {});
  const spec: EnvironmentSpec = { functionName: fn.name, runtime, handler: config.Handler ?? '', codeDir: record.code.dir, env };
  if (record.code.imageUri) {
    const image = config.ImageConfigResponse?.ImageConfig;
    spec.image = { uri: record.code.imageUri };
    if (image?.EntryPoint?.length) spec.image.entryPoint = image.EntryPoint;
    if (image?.Command?.length) spec.image.command = image.Command;
    if (image?.WorkingDirectory) spec.image.workingDirectory = image.WorkingDirectory;
  }
  return spec;
}

function logText(requestId: string, version: string, record: VersionRecord, result: InvocationResult): string {
  const duration = result.durationMs.toFixed(2);
  const billed = Math.max(1, Math.ceil(result.durationMs));
  const memory = record.config.MemorySize ?? 128;
  const init = result.initDurationMs !== undefined ? `\tInit Duration: ${result.initDurationMs.toFixed(2)} ms` : '';
  return (
    `START RequestId: ${requestId} Version: ${version}\n${result.output}` +
    `END RequestId: ${requestId}\n` +
    `REPORT RequestId: ${requestId}\tDuration: ${duration} ms\tBilled Duration: ${billed} ms\tMemory Size: ${memory} MB\tMax Memory Used: ${memory} MB${init}\t\n`
  );
}

/** Base64 of the last 4 KB of the log. */
function tail(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)).toString('base64');
}
