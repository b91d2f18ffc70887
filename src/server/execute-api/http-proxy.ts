/** The HTTP_PROXY integration: the request passed through to the integration URI, the answer passed back unchanged. */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface UpstreamResponse {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

const DROP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'upgrade', 'proxy-connection', 'content-length']);

/** `http://backend/{proxy}` with the request's path parameters put in (raw, as they came). */
export function integrationUrl(uri: string, pathParameters: Record<string, string>, rawQuery: string): string {
  const url = uri.replace(/\{([^}+]+)\+?\}/g, (whole, name: string) => pathParameters[name] ?? whole);
  if (rawQuery === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${rawQuery}`;
}

export function forwardHttp(
  url: string,
  method: string,
  headers: ReadonlyArray<readonly [string, string]>,
  body: Uint8Array,
  signal: AbortSignal,
): Promise<UpstreamResponse> {
  const target = new URL(url);
  // The backend's own Host; node:http adds none when headers are given as raw lines.
  const outgoing: Array<[string, string]> = [['Host', target.host]];
  for (const [name, value] of headers) if (!DROP.has(name.toLowerCase())) outgoing.push([name, value]);
  if (body.length > 0) outgoing.push(['Content-Length', String(body.length)]);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, { method, headers: outgoing.flat(), signal }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const lines: Array<[string, string]> = [];
        const raw = res.rawHeaders;
        for (let i = 0; i + 1 < raw.length; i += 2) {
          const name = raw[i] ?? '';
          if (!DROP.has(name.toLowerCase())) lines.push([name, raw[i + 1] ?? '']);
        }
        resolve({ status: res.statusCode ?? 502, headers: lines, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end(body.length > 0 ? Buffer.from(body) : undefined);
  });
}
