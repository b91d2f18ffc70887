/**
 * The API Gateway REST (v1) data plane: invoke URL → API and stage → deployed resource and method → integration
 * (AWS_PROXY to Lambda, MOCK, HTTP_PROXY) → HTTP response, with `x-amzn-RequestId` and `x-amz-apigw-id` on every answer.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AwsRequest } from '../../runtime/request.js';
import type { APIGatewayService } from '../../services/apigateway/apigateway-service.js';
import { lambdaFunctionArn } from '../../services/apigateway/lambda-uri.js';
import type { StoredDeployment, StoredIntegration } from '../../services/apigateway/state.js';
import type { Config } from '../config.js';
import { log } from '../log.js';
import { getService } from '../registry.js';
import { forwardHttp, integrationUrl } from './http-proxy.js';
import { invokeTarget } from './invoke-target.js';
import { invokeFunction } from './lambda-integration.js';
import { mockResponse } from './mock.js';
import { buildProxyEvent } from './proxy-event.js';
import { mapProxyResponse } from './proxy-response.js';
import { buildTree, matchRoute, type RouteMatch, type RouteTree } from './resource-router.js';
import {
  badGateway,
  forbidden,
  type GatewayAnswer,
  internalError,
  missingAuthenticationToken,
  requestTooLarge,
  timedOut,
  unknownApi,
} from './responses.js';

/** What the edge knows about the connection beside the neutral request. */
export interface Connection {
  /** Header lines with the client's casing (IncomingMessage.rawHeaders), in order. */
  rawHeaders: Array<[string, string]>;
  sourceIp: string;
  localPort: string;
  baseUrl: string;
}

export function connectionOf(req: AwsRequest, incoming: IncomingMessage | undefined, baseUrl: string, config: Config): Connection {
  const rawHeaders: Array<[string, string]> = [];
  if (incoming) {
    const raw = incoming.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) rawHeaders.push([raw[i] ?? '', raw[i + 1] ?? '']);
  } else {
    for (const [name, value] of Object.entries(req.headers)) rawHeaders.push([name, value]);
  }
  const sourceIp = (incoming?.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const localPort = String(incoming?.socket.localPort ?? config.port);
  // The function's own SDK calls must not come back through an `<apiId>.execute-api.` host, which identify() would
  // send to the data plane: hand Lambda the plain server address for host-style invoke URLs.
  const hostStyle = /^[a-z0-9_-]+\.execute-api\./i.test(req.headers.host ?? '');
  const loopback = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return { rawHeaders, sourceIp, localPort, baseUrl: hostStyle ? `http://${loopback}:${localPort}` : baseUrl };
}

const trees = new WeakMap<StoredDeployment, RouteTree | undefined>();

function treeOf(deployment: StoredDeployment): RouteTree | undefined {
  if (!trees.has(deployment)) trees.set(deployment, buildTree(deployment.snapshot.resources));
  return trees.get(deployment);
}

/** Runs `work` against the integration timeout; `undefined` means it did not finish in time. */
async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(undefined);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `${stageVariables.name}` in an integration URI, filled from the stage (e.g. a Lambda alias per stage):
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/aws-api-gateway-stage-variables-reference.html
 */
export function withStageVariables(uri: string, variables: Record<string, string> | undefined): string {
  return uri.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, name: string) => variables?.[name] ?? '');
}

interface Invocation {
  req: AwsRequest;
  conn: Connection;
  config: Config;
  apiId: string;
  accountId: string;
  stage: string;
  path: string;
  deployment: StoredDeployment;
  stageVariables: Record<string, string> | undefined;
  match: RouteMatch;
  integration: StoredIntegration;
  requestId: string;
  extendedRequestId: string;
}

async function awsProxy(inv: Invocation, body: Uint8Array): Promise<GatewayAnswer> {
  const functionArn = lambdaFunctionArn(withStageVariables(inv.integration.uri ?? '', inv.stageVariables));
  if (!functionArn) return internalError();
  const event = buildProxyEvent({
    httpMethod: inv.req.method,
    path: inv.path,
    stage: inv.stage,
    rawQuery: inv.req.rawQuery,
    headers: inv.conn.rawHeaders,
    body,
    sourceIp: inv.conn.sourceIp,
    port: inv.conn.localPort,
    resourceId: inv.match.resource.id,
    resourcePath: inv.match.resource.path,
    pathParameters: inv.match.pathParameters,
    stageVariables: inv.stageVariables,
    apiId: inv.apiId,
    accountId: inv.accountId,
    deploymentId: inv.deployment.id,
    requestId: inv.requestId,
    extendedRequestId: inv.extendedRequestId,
    binaryMediaTypes: inv.deployment.snapshot.binaryMediaTypes,
    includeContentLength: inv.config.apigwEventContentLength,
    now: new Date(),
  });
  let result: Awaited<ReturnType<typeof invokeFunction>> | undefined;
  try {
    result = await withTimeout(inv.integration.timeoutInMillis ?? 29000, () => invokeFunction(functionArn, event, inv.conn.baseUrl));
  } catch (error) {
    console.error(
      `standin: execute-api ${inv.apiId}: Lambda invoke of ${functionArn} failed:`,
      error instanceof Error ? error.message : error,
    );
    return internalError();
  }
  if (!result) return timedOut();
  if (result.functionError) return badGateway();
  const mapped = mapProxyResponse(result.payload, inv.deployment.snapshot.binaryMediaTypes, inv.req.headers.accept);
  if (!mapped) return badGateway();
  // AWS answers Lambda proxy requests with the trace id it put in the event (LocalStack response_enricher.py).
  const trace = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'x-amzn-trace-id')?.[1];
  if (trace) mapped.headers.push(['X-Amzn-Trace-Id', trace]);
  return mapped;
}

async function httpProxy(inv: Invocation, body: Uint8Array): Promise<GatewayAnswer> {
  const uri = withStageVariables(inv.integration.uri ?? '', inv.stageVariables);
  const method = !inv.integration.httpMethod || inv.integration.httpMethod === 'ANY' ? inv.req.method : inv.integration.httpMethod;
  const url = integrationUrl(uri, inv.match.pathParameters, inv.req.rawQuery);
  try {
    const upstream = await withTimeout(inv.integration.timeoutInMillis ?? 29000, (signal) =>
      forwardHttp(url, method, inv.conn.rawHeaders, body, signal),
    );
    return upstream ?? timedOut();
  } catch {
    return internalError();
  }
}

/** API Gateway's payload quota for REST APIs: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

async function integrate(inv: Invocation): Promise<GatewayAnswer> {
  // Refuse before buffering when the client declares the size, so an oversized upload is never held in memory.
  if (Number(inv.req.headers['content-length'] ?? 0) > MAX_PAYLOAD_BYTES) return requestTooLarge();
  const body = await inv.req.bytes();
  if (body.length > MAX_PAYLOAD_BYTES) return requestTooLarge();
  switch (inv.integration.type) {
    case 'AWS_PROXY':
      return awsProxy(inv, body);
    case 'HTTP_PROXY':
      return httpProxy(inv, body);
    case 'MOCK': {
      const mocked = mockResponse(inv.integration, inv.req.headers['content-type']);
      return mocked ? { ...mocked, body: Buffer.from(mocked.body) } : internalError();
    }
    default:
      // AWS and HTTP (non-proxy) integrations need VTL mapping templates, which Standin does not run.
      return internalError();
  }
}

async function route(
  req: AwsRequest,
  conn: Connection,
  config: Config,
  requestId: string,
  extendedRequestId: string,
): Promise<GatewayAnswer> {
  const target = invokeTarget(req.headers.host ?? '', req.path);
  if (!target) return missingAuthenticationToken();
  const service = (await getService('apigateway')).instance as APIGatewayService;
  const api = service.findRestApi(target.apiId);
  if (!api) return unknownApi(target.apiId);
  const stage = api.stages.get(target.stage);
  const deployment = stage ? api.deployments.get(stage.deploymentId) : undefined;
  if (!stage || !deployment) return forbidden();
  const match = matchRoute(treeOf(deployment), target.path, req.method);
  const integration = match?.method.methodIntegration;
  if (!match || !integration) return missingAuthenticationToken();
  return integrate({
    req,
    conn,
    config,
    apiId: api.api.id,
    accountId: api.accountId,
    stage: target.stage,
    path: target.path,
    deployment,
    stageVariables: stage.variables,
    match,
    integration,
    requestId,
    extendedRequestId,
  });
}

/** Serves one data-plane request; never throws (an unexpected failure is API Gateway's 500). */
export async function executeApi(req: AwsRequest, conn: Connection, config: Config): Promise<GatewayAnswer> {
  const started = performance.now();
  const requestId = randomUUID();
  // API Gateway's extended request id, also sent as x-amz-apigw-id: 16 base64 characters.
  const extendedRequestId = randomBytes(11).toString('base64');
  let out: GatewayAnswer;
  try {
    out = await route(req, conn, config, requestId, extendedRequestId);
  } catch (error) {
    console.error('standin: execute-api failed:', error);
    out = internalError();
  }
  out.headers.push(['x-amzn-RequestId', requestId], ['x-amz-apigw-id', extendedRequestId]);
  log(config, {
    service: 'execute-api',
    operation: '-',
    method: req.method,
    path: req.path,
    status: out.status,
    ms: performance.now() - started,
    requestId,
  });
  return out;
}
