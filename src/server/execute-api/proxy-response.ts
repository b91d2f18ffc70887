/**
 * Maps a Lambda proxy result to the HTTP response as API Gateway does (aws-wire-checklist §6.3, from LocalStack's
 * AWS-validated snapshot "test_aws_proxy_response_payload_format_validation"). Anything malformed is `undefined`,
 * which the caller answers with 502 {"message": "Internal server error"}.
 */
import { isHeaderValue } from '../../runtime/http-values.js';
import { firstAccepted, isBinaryMediaType } from './media-types.js';

export interface MappedResponse {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection']);

/** An HTTP header name is a token (RFC 9110 §5.1). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function statusOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return 200;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** headers and multiValueHeaders merged: multi-value lines first, names matched case-insensitively, the multi-value casing kept. */
function mergeHeaders(headers: unknown, multi: unknown): Array<[string, string]> | undefined {
  if (headers !== undefined && headers !== null && !isObject(headers)) return undefined;
  if (multi !== undefined && multi !== null && !isObject(multi)) return undefined;
  const groups = new Map<string, { name: string; values: string[] }>();
  if (isObject(multi)) {
    for (const [name, values] of Object.entries(multi)) {
      if (!Array.isArray(values)) return undefined;
      groups.set(name.toLowerCase(), { name, values: values.map(text) });
    }
  }
  if (isObject(headers)) {
    for (const [name, value] of Object.entries(headers)) {
      if (value === null || value === undefined) continue;
      const group = groups.get(name.toLowerCase());
      if (group) group.values.push(text(value));
      else groups.set(name.toLowerCase(), { name, values: [text(value)] });
    }
  }
  const out: Array<[string, string]> = [];
  for (const { name, values } of groups.values()) {
    // Framing is API Gateway's own: a function's Content-Length (WSGI adapters always send one) may not match the
    // body that is finally sent (base64 left undecoded), so the server computes it instead.
    if (FRAMING.has(name.toLowerCase())) continue;
    // A header HTTP cannot carry (a newline, a name with spaces) makes the whole response malformed: our choice,
    // not checked against AWS, and better than a response Node refuses to send.
    if (!HEADER_NAME.test(name) || !values.every(isHeaderValue)) return undefined;
    for (const value of values) out.push([name, value]);
  }
  return out;
}

/**
 * `payload` is the function's result bytes. `binaryMediaTypes` are the deployed API's; `accept` is the request's
 * Accept header: an `isBase64Encoded` body is decoded only when the first accepted type is a binary media type
 * (otherwise the base64 text goes back unchanged, as AWS does).
 */
export function mapProxyResponse(
  payload: Uint8Array,
  binaryMediaTypes: readonly string[],
  accept: string | undefined,
): MappedResponse | undefined {
  let result: unknown;
  try {
    result = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(result) || Object.keys(result).length === 0) return undefined;
  if (Object.keys(result).some((key) => !KEYS.has(key))) return undefined;
  const status = statusOf(result.statusCode);
  if (status === undefined) return undefined;
  const headers = mergeHeaders(result.headers, result.multiValueHeaders);
  if (!headers) return undefined;
  const body = result.body;
  if (body !== undefined && body !== null && typeof body !== 'string') return undefined;
  const flag = result.isBase64Encoded;
  if (flag !== undefined && flag !== null && typeof flag !== 'boolean') return undefined;
  const decode = flag === true && isBinaryMediaType(firstAccepted(accept), binaryMediaTypes);
  const bytes = typeof body === 'string' ? Buffer.from(body, decode ? 'base64' : 'utf8') : Buffer.alloc(0);
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/json']);
  return { status, headers, body: bytes };
}
