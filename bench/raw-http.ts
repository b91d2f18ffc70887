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
    const headEnd = buf.indexOf(HEADER_END);
    if (headEnd < 0) return false;
    const head = buf.toString('latin1', 0, headEnd);
    const lines = head.split('\r\n');
    const status = Number(lines[0]?.split(' ')[1]);
    if (status === 100) {
      this.buffered = buf.subarray(headEnd + 4);
      return this.parse(ended);
    }
    let length = -1;
    let chunked = false;
    let close = lines[0]?.startsWith('HTTP/1.0') ?? false;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line
        .slice(colon + 1)
        .trim()
        .toLowerCase();
      if (name === 'content-length') length = Number(value);
      else if (name === 'transfer-encoding') chunked = value.includes('chunked');
      else if (name === 'connection') close = value.includes('close') || (close && !value.includes('keep-alive'));
    }
    const start = headEnd + 4;
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
