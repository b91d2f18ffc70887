/** A tiny in-memory AwsRequest for runtime unit tests. */
import { Readable } from 'node:stream';
import type { AwsRequest, AwsResponse } from '../../src/runtime/request.js';

export interface FakeRequestInit {
  method?: string;
  path?: string;
  /** Raw query string (`a=1&b=%20`) or decoded pairs. */
  query?: string | ReadonlyArray<readonly [string, string]>;
  /** Header names are lower-cased as the server edge does. */
  headers?: Record<string, string>;
  labels?: Record<string, string>;
  body?: string | Uint8Array;
}

function parseQuery(raw: string): Array<[string, string]> {
  if (raw === '') return [];
  return raw.split('&').map((part) => {
    const eq = part.indexOf('=');
    const decode = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
    return eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))];
  });
}

export function fakeRequest(init: FakeRequestInit = {}): AwsRequest {
  const rawQuery = typeof init.query === 'string' ? init.query : '';
  const query = typeof init.query === 'string' ? parseQuery(init.query) : [...(init.query ?? [])];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;
  const bytes = typeof init.body === 'string' ? new TextEncoder().encode(init.body) : (init.body ?? new Uint8Array(0));
  return {
    method: init.method ?? 'POST',
    path: init.path ?? '/',
    rawQuery,
    query,
    headers,
    labels: { ...init.labels },
    stream: () => Readable.from([Buffer.from(bytes)]),
    bytes: async () => bytes,
  };
}

export function emptyResponse(): AwsResponse {
  return { status: 200, headers: [] };
}

/** The response body as text (tests only produce string or byte bodies). */
export function bodyText(res: AwsResponse): string {
  if (typeof res.body === 'string') return res.body;
  if (res.body instanceof Uint8Array) return new TextDecoder().decode(res.body);
  return '';
}
