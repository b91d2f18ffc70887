/**
 * A lean HTTP/1.1 client for the benchmarks, in the manner of wrk: keep-alive sockets, one request in flight per
 * socket, responses framed by Content-Length or chunked encoding, reconnecting after `Connection: close`. Node's
 * http.Agent spends tens of microseconds per request, which on a 2-core machine (client and server share it)
 * caps every server at the client's speed and hides the differences being measured.
 */
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  body: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');

class Connection {
  private socket: Socket | undefined;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (r: RawResponse) => void; reject: (e: Error) => void } | undefined;
  private closeAfter = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  private open(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      if (this.socket !== socket) return;
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      this.parse(false);
    });
    const fail = (error: Error) => {
      // A replaced socket closing late must not touch its successor's request.
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (!this.parse(true)) {
        const w = this.waiting;
        this.waiting = undefined;
        w?.reject(error);
      }
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed before the response ended')));
    this.socket = socket;
    this.buffered = Buffer.alloc(0);
    return socket;
  }

  request(data: Buffer): Promise<RawResponse> {
    if (this.waiting) return Promise.reject(new Error('one request at a time per connection'));
    const socket = this.socket && !this.closeAfter ? this.socket : this.reopen();
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      socket.write(data);
    });
  }

  private reopen(): Socket {
    this.socket?.destroy();
    this.closeAfter = false;
    return this.open();
  }

  /** Completes the waiting request if the buffer holds its whole response; `ended`: the socket has closed. */
  private parse(ended: boolean): boolean {
    const w = this.waiting;
    if (!w) return false;
    const buf = this.buffered;
    const head = readHead(buf);
    if (!head) return false;
    const { status, start, length, chunked } = head;
    let close = head.close;
    if (status === 100) {
      this.buffered = buf.subarray(start);
      return this.parse(ended);
    }
    let body: Buffer;
    let consumed: number;
    if (chunked) {
      const parts: Buffer[] = [];
      let at = start;
      for (;;) {
        const lineEnd = buf.indexOf('\r\n', at);
        if (lineEnd < 0) return false;
        const size = Number.parseInt(buf.toString('latin1', at, lineEnd), 16);
        if (buf.length < lineEnd + 2 + size + 2) return false;
        if (size === 0) {
          const trailerEnd = buf.indexOf(HEADER_END, lineEnd);
          consumed = trailerEnd >= 0 ? trailerEnd + 4 : lineEnd + 4;
          break;
        }
        parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else if (length >= 0) {
      if (buf.length < start + length) return false;
      body = buf.subarray(start, start + length);
      consumed = start + length;
    } else {
      // No framing: the body runs to the end of the connection.
      if (!ended) return false;
      body = buf.subarray(start);
      consumed = buf.length;
      close = true;
    }
    this.buffered = buf.subarray(consumed);
    this.closeAfter = close;
    this.waiting = undefined;
    w.resolve({ status, body });
    return true;
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }
}

/** A pool of connections to one server: each call takes an idle connection or opens one. */
export class RawHttpClient {
  private readonly idle: Connection[] = [];
  private readonly all: Connection[] = [];
  private readonly host: string;
  private readonly port: number;

  constructor(endpoint: string) {
    const url = new URL(endpoint);
    this.host = url.hostname;
    this.port = Number(url.port);
  }

  /** The bytes of a whole POST request, so a benchmark can build its requests before the clock starts. */
  encode(path: string, headers: Record<string, string>, body: string): Buffer {
    const payload = Buffer.from(body);
    let head = `POST ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\nContent-Length: ${payload.length}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    return Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), payload]);
  }

  async send(data: Buffer): Promise<RawResponse> {
    let conn = this.idle.pop();
    if (!conn) {
      conn = new Connection(this.host, this.port);
      this.all.push(conn);
    }
    try {
      return await conn.request(data);
    } finally {
      this.idle.push(conn);
    }
  }

  post(path: string, headers: Record<string, string>, body: string): Promise<RawResponse> {
    return this.send(this.encode(path, headers, body));
  }

  close(): void {
    for (const c of this.all) c.close();
  }
}

const CONTENT_LENGTH = Buffer.from('\r\ncontent-length:');
const TRANSFER_ENCODING = Buffer.from('\r\ntransfer-encoding:');
const CONNECTION_CLOSE = Buffer.from('\r\nconnection: close');

interface Head {
  status: number;
  /** Where the body starts. */
  start: number;
  /** Content-Length, or -1 without one. */
  length: number;
  chunked: boolean;
  /** The server closes the connection after this answer (HTTP/1.0 or `Connection: close`). */
  close: boolean;
}

/**
 * A response head, read from the bytes (the load generator's per-answer cost); undefined while it is incomplete.
 * Header names are case-insensitive, so a copy of the head (a few hundred bytes) is lower-cased once.
 */
function readHead(buf: Buffer): Head | undefined {
  const end = buf.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const status = (buf[9] as number) * 100 + (buf[10] as number) * 10 + (buf[11] as number) - 5328;
  const head = Buffer.from(buf.subarray(0, end + 2));
  for (let i = 0; i < head.length; i++) {
    const c = head[i] as number;
    if (c >= 65 && c <= 90) head[i] = c + 32;
  }
  let length = -1;
  const at = head.indexOf(CONTENT_LENGTH);
  if (at >= 0) {
    let i = at + CONTENT_LENGTH.length;
    while (head[i] === 32) i++;
    for (length = 0; (head[i] as number) >= 48 && (head[i] as number) <= 57; i++) length = length * 10 + (head[i] as number) - 48;
  }
  const te = head.indexOf(TRANSFER_ENCODING);
  const chunked = te >= 0 && head.toString('latin1', te, head.indexOf('\r\n', te + 2)).includes('chunked');
  const close = head[7] === 48 || head.indexOf(CONNECTION_CLOSE) >= 0;
  return { status, start: end + 4, length, chunked, close };
}

/**
 * wrk's model in Node: `connections` keep-alive sockets, each writing its next pre-encoded request in the same
 * turn as it reads an answer, for `seconds` (a server that closes after each answer gets a new socket). Returns
 * how many answers came back (all must be 200) and records each latency. It costs the client a few microseconds
 * per request, so the server under test sets the pace.
 */
export function hammer(endpoint: string, requests: Buffer[], connections: number, seconds: number, latencies?: number[]): Promise<number> {
  const url = new URL(endpoint);
  const deadline = performance.now() + seconds * 1000;
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    let running = connections;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      reject(error);
    };
    const finished = () => {
      if (--running === 0 && !failed) resolve(done);
    };
    const open = (): void => {
      const socket = connect({ host: url.hostname, port: Number(url.port), noDelay: true });
      let buffered: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      let settled = false;
      const send = () => {
        sentAt = performance.now();
        socket.write(requests[next++ % requests.length] as Buffer);
      };
      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
        const f = readHead(buffered);
        if (f && (f.length < 0 || f.chunked)) {
          fail(new Error('load generator: answers must carry Content-Length'));
          socket.destroy();
          return;
        }
        if (!f || buffered.length < f.start + f.length) return;
        if (f.status !== 200) fail(new Error(`${f.status} ${buffered.toString('utf8', f.start, f.start + f.length).slice(0, 200)}`));
        buffered = buffered.subarray(f.start + f.length);
        latencies?.push(performance.now() - sentAt);
        done++;
        const more = performance.now() < deadline && !failed;
        if (f.close) {
          settled = true;
          socket.destroy();
          if (more) open();
          else finished();
        } else if (more) {
          send();
        } else {
          settled = true;
          socket.end();
          finished();
        }
      });
      socket.on('error', (error) => {
        if (!settled) fail(error);
      });
      socket.on('close', () => {
        if (!settled) fail(new Error('the server closed a connection before answering'));
      });
    };
    for (let c = 0; c < connections; c++) open();
  });
}
