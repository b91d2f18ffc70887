/**
 * The REST API (v1) Lambda proxy event, built exactly as API Gateway sends it (aws-wire-checklist §6.1, from
 * LocalStack's AWS-validated snapshot test_apigateway_lambda "test_lambda_aws_proxy_integration"):
 * every top-level key present, absent maps `null`, `path` without the stage and not percent-decoded,
 * query decoded with the last value winning in the single map, header casing kept, no `version` key.
 */
import { isBinaryMediaType } from './media-types.js';

export interface ProxyEventInput {
  httpMethod: string;
  /** Path after the stage, still percent-encoded. */
  path: string;
  stage: string;
  rawQuery: string;
  /** Header lines in order, names as the client sent them. */
  headers: ReadonlyArray<readonly [string, string]>;
  body: Uint8Array;
  sourceIp: string;
  /** Port the client connected to, for X-Forwarded-Port. */
  port: string;
  resourceId: string;
  resourcePath: string;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string> | undefined;
  apiId: string;
  accountId: string;
  deploymentId: string;
  requestId: string;
  extendedRequestId: string;
  binaryMediaTypes: readonly string[];
  /** Keep `Content-Length` in the event headers (AWS drops it; see README, STANDIN_APIGW_EVENT_CONTENT_LENGTH). */
  includeContentLength: boolean;
  now: Date;
}

export interface ProxyEvent {
  resource: string;
  path: string;
  httpMethod: string;
  headers: Record<string, string> | null;
  multiValueHeaders: Record<string, string[]> | null;
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string> | null;
  requestContext: Record<string, unknown>;
  body: string | null;
  isBase64Encoded: boolean;
}

/** Connection-level headers API Gateway does not hand to the integration (absent from the AWS snapshot). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'upgrade', 'expect', 'proxy-connection']);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** `09/Apr/2015:12:34:56 +0000`, the format of requestContext.requestTime. */
export function requestTime(date: Date): string {
  return `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

function decodeQueryPart(value: string): string {
  const spaced = value.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Query maps: decoded, in order; the single map keeps the last value of a repeated key. */
export function queryMaps(rawQuery: string): { single: Record<string, string> | null; multi: Record<string, string[]> | null } {
  const pairs = rawQuery.split('&').filter((p) => p !== '');
  if (pairs.length === 0) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = decodeQueryPart(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeQueryPart(pair.slice(eq + 1));
    single[key] = value;
    const list = multi[key] ?? [];
    list.push(value);
    multi[key] = list;
  }
  return { single, multi };
}

function headerValue(headers: ReadonlyArray<readonly [string, string]>, name: string): string | undefined {
  const lower = name.toLowerCase();
  let found: string | undefined;
  for (const [n, v] of headers) if (n.toLowerCase() === lower) found = v;
  return found;
}

function traceId(now: Date): string {
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  return `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${hex(24)}`;
}

/** The headers the function sees: the client's (casing kept, last value wins in the single map) plus API Gateway's own. */
export function eventHeaders(input: ProxyEventInput): { single: Record<string, string>; multi: Record<string, string[]> } {
  const lines: Array<[string, string]> = [];
  for (const [name, value] of input.headers) {
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower)) continue;
    if (lower === 'content-length' && !input.includeContentLength) continue;
    if (lower === 'x-forwarded-for' || lower === 'x-forwarded-port' || lower === 'x-forwarded-proto') continue;
    lines.push([name, value]);
  }
  // With the switch on, a chunked request (no Content-Length from the client) gets one too, so WSGI adapters that
  // need it read the whole body.
  const hasLength = lines.some(([name]) => name.toLowerCase() === 'content-length');
  if (input.includeContentLength && !hasLength && input.body.length > 0) lines.push(['Content-Length', String(input.body.length)]);
  const forwardedFor = headerValue(input.headers, 'X-Forwarded-For');
  lines.push(['X-Forwarded-For', forwardedFor ? `${forwardedFor}, ${input.sourceIp}` : input.sourceIp]);
  lines.push(['X-Forwarded-Port', input.port]);
  lines.push(['X-Forwarded-Proto', headerValue(input.headers, 'X-Forwarded-Proto') ?? 'http']);
  if (headerValue(input.headers, 'X-Amzn-Trace-Id') === undefined) lines.push(['X-Amzn-Trace-Id', traceId(input.now)]);
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of lines) {
    single[name] = value;
    const list = multi[name] ?? [];
    list.push(value);
    multi[name] = list;
  }
  return { single, multi };
}

export function buildProxyEvent(input: ProxyEventInput): ProxyEvent {
  const { single: headers, multi: multiValueHeaders } = eventHeaders(input);
  const query = queryMaps(input.rawQuery);
  const host = headerValue(input.headers, 'Host') ?? '';
  const domainName = host.replace(/:\d+$/, '');
  const contentType = headerValue(input.headers, 'Content-Type');
  const binary = isBinaryMediaType(contentType, input.binaryMediaTypes);
  let body: string | null = null;
  if (input.body.length > 0) body = Buffer.from(input.body).toString(binary ? 'base64' : 'utf8');
  const hasParams = Object.keys(input.pathParameters).length > 0;
  const hasVariables = input.stageVariables !== undefined && Object.keys(input.stageVariables).length > 0;
  return {
    resource: input.resourcePath,
    path: input.path,
    httpMethod: input.httpMethod,
    headers,
    multiValueHeaders,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: hasParams ? { ...input.pathParameters } : null,
    stageVariables: hasVariables ? { ...input.stageVariables } : null,
    requestContext: {
      resourceId: input.resourceId,
      resourcePath: input.resourcePath,
      httpMethod: input.httpMethod,
      extendedRequestId: input.extendedRequestId,
      requestTime: requestTime(input.now),
      path: `/${input.stage}${input.path}`,
      accountId: input.accountId,
      protocol: 'HTTP/1.1',
      stage: input.stage,
      domainPrefix: domainName.split('.')[0] ?? '',
      requestTimeEpoch: input.now.getTime(),
      requestId: input.requestId,
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp: input.sourceIp,
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent: headerValue(input.headers, 'User-Agent') ?? null,
        user: null,
      },
      domainName,
      deploymentId: input.deploymentId,
      apiId: input.apiId,
    },
    body,
    isBase64Encoded: binary && body !== null,
  };
}
