/**
 * The edge: Node's IncomingMessage ↔ Standin's neutral AwsRequest/AwsResponse (smithy-typescript's "tiny
 * converters"). AWS traffic is served straight from Node's request listener, without a web Request/Response
 * per call (docs/decisions/010); Hono serves Standin's own endpoints. The raw path comes from the request line,
 * because WHATWG URL parsing would normalise `..` and `//`, which are legal parts of S3 keys.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline, Readable } from 'node:stream';
import { RequestAbortedError } from '../runtime/errors.js';
import type { AwsRequest, AwsResponse } from '../runtime/request.js';

export type Env = { Bindings: { incoming?: IncomingMessage; outgoing?: ServerResponse } };

function parseQuery(raw: string): Array<[string, string]> {
  if (raw === '') return [];
  return [...new URLSearchParams(raw)];
}

/** Node joins repeated request headers with `, ` itself; only `set-cookie` stays an array. */
function headersOf(incoming: IncomingMessage): Record<string, string> {
  const headers = incoming.headers as Record<string, string | string[] | undefined>;
  const cookies = headers['set-cookie'];
  if (cookies === undefined) return headers as Record<string, string>;
  return { ...(headers as Record<string, string>), 'set-cookie': Array.isArray(cookies) ? cookies.join(', ') : cookies };
}

/** The whole body: one chunk is returned as is; an aborted request rejects instead of hanging. */
function readAll(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let first: Buffer | undefined;
    let rest: Buffer[] | undefined;
    incoming.on('data', (chunk: Buffer) => {
      if (first === undefined) first = chunk;
      else if (rest === undefined) rest = [first, chunk];
      else rest.push(chunk);
    });
    incoming.on('end', () => resolve(rest ? Buffer.concat(rest) : (first ?? Buffer.alloc(0))));
    incoming.on('error', (error) => reject(new RequestAbortedError(error)));
    incoming.on('close', () => {
      if (!incoming.complete) reject(new RequestAbortedError());
    });
  });
}

export function toAwsRequest(incoming: IncomingMessage): AwsRequest {
  const rawUrl = incoming.url ?? '/';
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
  let cached: Promise<Uint8Array> | undefined;
  let streamed = false;
  return {
    method: incoming.method ?? 'GET',
    path,
    rawQuery,
    query: parseQuery(rawQuery),
    headers: headersOf(incoming),
    labels: {},
    stream() {
      streamed = true;
      return incoming;
    },
    bytes() {
      if (!cached) {
        if (streamed) return Promise.reject(new Error('request body was already streamed'));
        streamed = true;
        cached = readAll(incoming);
      }
      return cached;
    },
  };
}

/** Statuses that never carry a body. */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * Writes the answer straight to Node's ServerResponse, Node streams (S3 object bodies) piped to the socket (a
 * detour through a web ReadableStream cost large downloads about two thirds of their throughput, bench/s3.ts).
 * `Content-Length` is always set for byte bodies, `0` for empty answers, as AWS sends rather than chunked
 * encoding; HEAD keeps the handler's value and sends no body.
 */
export function writeResponse(res: AwsResponse, method: string, outgoing: ServerResponse): void {
  const noBody = method === 'HEAD' || NO_BODY.has(res.status);
  const flat: string[] = [];
  // Content-Length goes last: once Node has seen it, it re-encodes a later Content-Disposition in a way that
  // refuses Latin-1 letters such as "é" (nodejs/node pull request 46528), which S3 overrides and Flask downloads send.
  let length: string | undefined;
  for (const [name, value] of res.headers) {
    if (length === undefined && name.length === 14 && name.toLowerCase() === 'content-length') length = value;
    else flat.push(name, value);
  }
  if (length !== undefined) flat.push('Content-Length', length);
  const body = res.body;
  if (body instanceof Readable) {
    outgoing.writeHead(res.status, flat);
    if (noBody) {
      body.destroy();
      outgoing.end();
    } else {
      pipeline(body, outgoing, () => {});
    }
    return;
  }
  const data = noBody ? undefined : body;
  if (length === undefined && !noBody) {
    const size = data === undefined ? 0 : typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    flat.push('Content-Length', String(size));
  }
  outgoing.writeHead(res.status, flat);
  // A string goes out in the same write as the head (Node joins them); bytes follow the head.
  outgoing.end(data);
}
