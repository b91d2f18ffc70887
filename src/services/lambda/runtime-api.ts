/**
 * The Lambda Runtime API one execution environment talks to, on its own 127.0.0.1 listener and ephemeral port
 * (passed as AWS_LAMBDA_RUNTIME_API). Routes and headers follow the AWS Runtime API reference and the
 * Runtime Interface Emulator (aws-wire-checklist.md §5.4): `GET /2018-06-01/runtime/invocation/next` long-polls,
 * `POST …/{id}/response`, `…/{id}/error` and `/runtime/init/error` answer 202 `{"status":"OK"}`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What `next` hands the runtime. */
export interface NextInvocation {
  requestId: string;
  payload: Uint8Array;
  /** Wall-clock epoch ms (the runtime clients compute get_remaining_time_in_millis from it). */
  deadlineMs: number;
  invokedFunctionArn: string;
  traceId: string;
  /** Decoded ClientContext JSON. */
  clientContext?: string;
  cognitoIdentity?: string;
}

export interface RuntimeApiHandlers {
  /** The runtime is ready for work; answer with `send` when an invocation is assigned. */
  next(send: (invocation: NextInvocation) => void): void;
  response(requestId: string, body: Buffer, truncated: boolean): void;
  error(requestId: string, body: Buffer, errorType: string | undefined): void;
  initError(body: Buffer, errorType: string | undefined): void;
}

/** Responses above this become Function.ResponseSizeTooLarge; body collection stops just past it. */
export const MAX_RESPONSE_BYTES = 6291556;

const PREFIX = '/2018-06-01/runtime/';

function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) truncated = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), truncated }));
    req.on('error', reject);
  });
}

function accepted(res: ServerResponse): void {
  res.writeHead(202, { 'Content-Type': 'application/json', 'Content-Length': '15' }).end('{"status":"OK"}');
}

function fail(res: ServerResponse, status: number, errorType: string, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ errorMessage: message, errorType }));
}

export class RuntimeApiServer {
  private readonly server: Server;
  private parked: ServerResponse | undefined;

  constructor(private readonly handlers: RuntimeApiHandlers) {
    this.server = createServer({ noDelay: true, keepAlive: true }, (req, res) => {
      this.route(req, res).catch(() => {
        if (!res.headersSent) fail(res, 500, 'ServiceException', 'Internal error');
      });
    });
    this.server.keepAliveTimeout = 0;
    this.server.requestTimeout = 0;
    // The `next` long poll may wait for minutes between invocations.
    this.server.headersTimeout = 0;
  }

  /** Binds 127.0.0.1 on an ephemeral port; returns `host:port` for AWS_LAMBDA_RUNTIME_API. */
  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        // A socket-level failure later must never take Standin down; the environment's own timeout covers it.
        this.server.on('error', () => undefined);
        const { port } = this.server.address() as AddressInfo;
        resolve(`127.0.0.1:${port}`);
      });
    });
  }

  close(): void {
    this.parked?.destroy();
    this.parked = undefined;
    this.server.closeAllConnections();
    this.server.close();
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith(PREFIX)) return fail(res, 404, 'InvalidRequest', 'Unknown Runtime API path');
    const rest = path.slice(PREFIX.length);
    const errorType = headerValue(req, 'lambda-runtime-function-error-type');
    if (req.method === 'GET' && rest === 'invocation/next') {
      this.parked = res;
      res.on('close', () => {
        if (this.parked === res) this.parked = undefined;
      });
      this.handlers.next((invocation) => {
        if (this.parked !== res || res.destroyed) return;
        this.parked = undefined;
        const headers = invocationHeaders(invocation);
        headers['Content-Length'] = String(invocation.payload.length);
        res.writeHead(200, headers).end(invocation.payload);
      });
      return;
    }
    if (req.method !== 'POST') return fail(res, 405, 'InvalidRequest', 'Method not allowed');
    if (rest === 'init/error') {
      const { body } = await readBody(req, MAX_RESPONSE_BYTES);
      accepted(res);
      return this.handlers.initError(body, errorType);
    }
    const match = /^invocation\/([^/]+)\/(response|error)$/.exec(rest);
    if (!match?.[1]) return fail(res, 404, 'InvalidRequest', 'Unknown Runtime API path');
    const requestId = decodeURIComponent(match[1]);
    const { body, truncated } = await readBody(req, MAX_RESPONSE_BYTES);
    accepted(res);
    if (match[2] === 'response') this.handlers.response(requestId, body, truncated);
    else this.handlers.error(requestId, body, errorType);
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// Header set of RIE's renderInvokeHeaders; empty values are omitted.
function invocationHeaders(invocation: NextInvocation): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Lambda-Runtime-Aws-Request-Id': invocation.requestId,
    'Lambda-Runtime-Deadline-Ms': String(invocation.deadlineMs),
    'Lambda-Runtime-Invoked-Function-Arn': invocation.invokedFunctionArn,
    'Lambda-Runtime-Trace-Id': invocation.traceId,
  };
  if (invocation.clientContext) headers['Lambda-Runtime-Client-Context'] = invocation.clientContext;
  if (invocation.cognitoIdentity) headers['Lambda-Runtime-Cognito-Identity'] = invocation.cognitoIdentity;
  return headers;
}
