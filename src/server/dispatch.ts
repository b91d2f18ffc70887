/**
 * route → parse → handler → serialize, with every failure turned into the request protocol's error envelope.
 * Nothing thrown here escapes: an unexpected exception becomes a 500 InternalError (logged), never a crash.
 */
import { awsJsonProtocol } from '../protocols/aws-json.js';
import { internalErrorOf } from '../protocols/error-members.js';
import type { Protocol } from '../protocols/protocol.js';
import { restJsonProtocol } from '../protocols/rest-json.js';
import { s3Protocol } from '../protocols/s3.js';
import type { SigV4Scope } from '../protocols/sigv4.js';
import { AwsServiceError, RequestAbortedError } from '../runtime/errors.js';
import type { AwsRequest, AwsResponse, RequestContext } from '../runtime/request.js';
import type { ServiceSchema } from '../runtime/schema.js';
import { validateShape } from '../runtime/validate.js';
import type { Config } from './config.js';
import { log } from './log.js';
import { getService, loadedService, type ServiceKey } from './registry.js';

/** Each service's wire protocol; S3's rules take precedence over generic restXml. */
export const protocols: Record<ServiceKey, Protocol> = {
  s3: s3Protocol,
  dynamodb: awsJsonProtocol,
  lambda: restJsonProtocol,
  apigateway: restJsonProtocol,
};

export interface Edge {
  scope: SigV4Scope | undefined;
  baseUrl: string;
}

function accountOf(config: Config, scope: SigV4Scope | undefined): string {
  const key = scope?.accessKeyId;
  return key && /^\d{12}$/.test(key) ? key : config.defaultAccountId;
}

export async function dispatch(key: ServiceKey, req: AwsRequest, edge: Edge, config: Config): Promise<AwsResponse> {
  const protocol = protocols[key];
  const requestId = protocol.newRequestId();
  const info = { requestId, method: req.method };
  const started = config.debug ? performance.now() : 0;
  let operation = '-';
  const module = loadedService(key) ?? (await getService(key));
  let res: AwsResponse;
  try {
    const ctx: RequestContext = {
      requestId,
      accountId: accountOf(config, edge.scope),
      region: edge.scope?.region ?? config.defaultRegion,
      host: req.headers.host ?? '',
      request: req,
      baseUrl: edge.baseUrl,
    };
    if (edge.scope?.accessKeyId) ctx.accessKeyId = edge.scope.accessKeyId;
    const early = module.intercept ? await module.intercept(req, ctx) : undefined;
    if (early) {
      operation = 'intercepted';
      res = early;
    } else {
      const route = protocol.route(req, module.schema);
      operation = route.operation.name;
      req.labels = route.labels;
      const handler = module.table[operation];
      if (!handler) throw new Error(`no handler for ${operation}`);
      let input: unknown;
      try {
        input = await handler.parse(req);
      } catch (error) {
        throw module.mapParseError?.(error) ?? error;
      }
      const output = await handler.invoke(module.instance, input, ctx);
      if (config.validateOutput) checkOutput(module.schema, operation, output);
      res = handler.serialize(output);
    }
    protocol.finalize(res, module.schema, info);
  } catch (error) {
    const aws = error instanceof AwsServiceError ? error : internalError(error, module.schema, key, operation);
    res = protocol.serializeError(aws, module.schema, info);
  }
  module.decorate?.(req, res);
  if (config.debugHeaders) res.headers.push(['x-standin-operation', operation]);
  if (config.debug) {
    log(config, {
      service: key,
      operation,
      method: req.method,
      path: req.path,
      status: res.status,
      ms: performance.now() - started,
      requestId,
    });
  }
  return res;
}

/** Test mode: a handler output that breaks the model's output shape is a bug, reported as a 500. */
function checkOutput(schema: ServiceSchema, operation: string, output: unknown): void {
  const shape = schema.operations[operation]?.output;
  if (!shape) return;
  const violations = validateShape(schema.shapes, shape, output ?? {});
  if (violations.length > 0) {
    const { code } = internalErrorOf(schema);
    throw new AwsServiceError(code, 500, 'server', `Standin produced an invalid ${shape}: ${violations.join('; ')}`);
  }
}

/** A failure of Standin itself: logged, and answered with the service's own 500 error. */
function internalError(error: unknown, schema: ServiceSchema, service: string, operation: string): AwsServiceError {
  if (!(error instanceof RequestAbortedError)) console.error(`standin: ${service}.${operation} failed:`, error);
  const { code, message } = internalErrorOf(schema);
  return new AwsServiceError(code, 500, 'server', message);
}
