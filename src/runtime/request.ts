/**
 * Framework-neutral request and response: the only HTTP types generated code and services see.
 * src/server converts Hono's request to this at the edge.
 */
import type { Readable } from 'node:stream';

export interface AwsRequest {
  method: string;
  /** Raw path as sent, still percent-encoded, without the query string. */
  path: string;
  /** Raw query string without the leading `?`. */
  rawQuery: string;
  /** Decoded query parameters in order; a key without `=` has value ''. */
  query: ReadonlyArray<readonly [string, string]>;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Readonly<Record<string, string>>;
  /** Decoded URI labels, filled by the router. */
  labels: Record<string, string>;
  /** The request body as a stream (read once). */
  stream(): Readable;
  /** The whole request body (buffered; read once, cached). */
  bytes(): Promise<Uint8Array>;
}

export type ResponseBody = Uint8Array | string | Readable;

export interface AwsResponse {
  status: number;
  /** Header lines in order; names as they should be sent. Repeated names are sent as separate lines. */
  headers: Array<[string, string]>;
  body?: ResponseBody;
}

/** What every handler receives beside its typed input. */
export interface RequestContext {
  requestId: string;
  accountId: string;
  region: string;
  /** Access key from SigV4, if the request was signed. */
  accessKeyId?: string;
  /** Host header as received. */
  host: string;
  /** The raw request, for the rare handler that needs more than its input (e.g. S3 checksums). */
  request: AwsRequest;
  /** Base URL clients used to reach Standin (scheme://host[:port]). */
  baseUrl: string;
}

export function newResponse(status: number): AwsResponse {
  return { status, headers: [] };
}

function headerIndex(res: AwsResponse, name: string): number {
  const lower = name.toLowerCase();
  const headers = res.headers;
  for (let i = 0; i < headers.length; i++) {
    const n = (headers[i] as [string, string])[0];
    if (n.length === lower.length && n.toLowerCase() === lower) return i;
  }
  return -1;
}

export function getHeader(res: AwsResponse, name: string): string | undefined {
  const index = headerIndex(res, name);
  return index < 0 ? undefined : res.headers[index]?.[1];
}

export function setHeader(res: AwsResponse, name: string, value: string): void {
  const index = headerIndex(res, name);
  if (index >= 0) res.headers[index] = [name, value];
  else res.headers.push([name, value]);
}
