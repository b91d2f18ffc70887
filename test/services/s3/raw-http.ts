/** Raw HTTP for S3 wire tests: full control over headers, body chunks and Expect: 100-continue. */
import { request } from 'node:http';
import { endpoint } from '../../support/clients.js';

export interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** True when the server sent `100 Continue` before the final response. */
  continued: boolean;
}

export interface RawOptions {
  host?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | Buffer[];
  /** Send the body only after `100 Continue` (as botocore does). */
  expectContinue?: boolean;
}

export function raw(method: string, path: string, options: RawOptions = {}, base: string = endpoint()): Promise<Raw> {
  const url = new URL(base);
  const headers: Record<string, string> = { host: options.host ?? url.host, ...options.headers };
  if (options.expectContinue) headers.expect = '100-continue';
  const parts = options.body === undefined ? [] : Array.isArray(options.body) ? options.body : [Buffer.from(options.body)];
  if (!('transfer-encoding' in headers) && !('content-length' in headers)) {
    headers['content-length'] = String(parts.reduce((n, p) => n + p.length, 0));
  }
  return new Promise((resolve, reject) => {
    let continued = false;
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), continued }));
    });
    req.on('error', reject);
    const send = () => {
      for (const p of parts) req.write(p);
      req.end();
    };
    if (options.expectContinue) {
      req.on('continue', () => {
        continued = true;
        send();
      });
    } else send();
  });
}

/** An aws-chunked body: each piece as a chunk, then the terminator and trailer lines. */
export function awsChunked(pieces: Buffer[], trailers: Record<string, string> = {}, signed = false): Buffer {
  const sig = signed ? `;chunk-signature=${'0'.repeat(64)}` : '';
  const out: Buffer[] = [];
  for (const p of pieces) out.push(Buffer.from(`${p.length.toString(16)}${sig}\r\n`), p, Buffer.from('\r\n'));
  out.push(Buffer.from(`0${sig}\r\n`));
  for (const [k, v] of Object.entries(trailers)) out.push(Buffer.from(`${k}:${v}\r\n`));
  out.push(Buffer.from('\r\n'));
  return Buffer.concat(out);
}
