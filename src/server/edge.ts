/**
 * The edge: Hono's request ↔ Standin's neutral AwsRequest/AwsResponse (smithy-typescript's "tiny converters").
 * The raw path comes from Node's IncomingMessage when there is one, because WHATWG URL parsing would
 * normalise `..` and `//`, which are legal parts of S3 keys.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline, Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { AwsRequest, AwsResponse } from '../runtime/request.js';

export type Env = { Bindings: { incoming?: IncomingMessage; outgoing?: ServerResponse } };

function parseQuery(raw: string): Array<[string, string]> {
  if (raw === '') return [];
  return [...new URLSearchParams(raw)];
}

function headersOf(c: Context<Env>, incoming: IncomingMessage | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (incoming) {
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return out;
  }
  c.req.raw.headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

export function toAwsRequest(c: Context<Env>): AwsRequest {
  const incoming = c.env?.incoming;
  const rawUrl = incoming?.url ?? new URL(c.req.url).pathname + new URL(c.req.url).search;
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
  let cached: Promise<Uint8Array> | undefined;
  let streamed = false;
  const stream = (): Readable => {
    streamed = true;
    if (incoming) return incoming;
    const body = c.req.raw.body;
    return body ? Readable.fromWeb(body as unknown as NodeReadableStream) : Readable.from([]);
  };
  return {
    method: c.req.method,
    path,
    rawQuery,
    query: parseQuery(rawQuery),
    headers: headersOf(c, incoming),
    labels: {},
    stream,
    bytes() {
      if (!cached) {
        if (streamed) return Promise.reject(new Error('request body was already streamed'));
        cached = (async () => {
          const chunks: Buffer[] = [];
          for await (const chunk of stream()) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
          return Buffer.concat(chunks);
        })();
      }
      return cached;
    },
  };
}

/**
 * Writes the answer straight to Node's ServerResponse: no web Headers/Response objects on the hot path, and
 * Node streams (S3 object bodies) piped to the socket (a detour through a web ReadableStream cost large downloads
 * about two thirds of their throughput, bench/s3.ts). `Content-Length` is always set for byte bodies, `0` for
 * empty answers, as AWS sends rather than chunked encoding; HEAD keeps the handler's value.
 */
function writeDirect(res: AwsResponse, method: string, outgoing: ServerResponse): void {
  const noBody = method === 'HEAD' || NO_BODY.has(res.status);
  const flat: string[] = [];
  let hasLength = false;
  for (const [name, value] of res.headers) {
    flat.push(name, value);
    if (!hasLength && name.length === 14 && name.toLowerCase() === 'content-length') hasLength = true;
  }
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
  const bytes = noBody || body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
  if (!hasLength && !noBody) flat.push('Content-Length', String(bytes?.byteLength ?? 0));
  outgoing.writeHead(res.status, flat);
  outgoing.end(bytes);
}

/** Statuses that never carry a body. */
const NO_BODY = new Set([101, 204, 205, 304]);

type ResponseInit = { body: ConstructorParameters<typeof Response>[0] };

export function toResponse(res: AwsResponse, method: string, outgoing?: ServerResponse): Response {
  // Not for HEAD: Hono answers HEAD by re-wrapping the GET response in a new Response, which would write twice.
  if (outgoing && method !== 'HEAD') {
    writeDirect(res, method, outgoing);
    return RESPONSE_ALREADY_SENT;
  }
  const headers = new Headers();
  for (const [name, value] of res.headers) headers.append(name, value);
  let body: ResponseInit['body'] | null = null;
  if (method !== 'HEAD' && !NO_BODY.has(res.status) && res.body !== undefined) {
    const b = res.body;
    body = b instanceof Readable ? (Readable.toWeb(b) as unknown as ReadableStream) : (b as ResponseInit['body']);
  } else if (res.body instanceof Readable) {
    res.body.destroy();
  }
  // AWS sends `Content-Length: 0` on empty answers rather than chunked encoding; HEAD keeps the handler's value.
  if (body === null && method !== 'HEAD' && !NO_BODY.has(res.status) && !headers.has('content-length')) {
    headers.set('Content-Length', '0');
  }
  return new Response(body, { status: res.status, headers });
}
