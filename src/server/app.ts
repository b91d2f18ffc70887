/**
 * The server: a Node request listener that serves AWS traffic straight from Node's request and response
 * (identify → dispatch → write, docs/decisions/010), and the Hono app for Standin's own endpoints.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import { parseSigV4 } from '../protocols/sigv4.js';
import type { Config } from './config.js';
import { dispatch } from './dispatch.js';
import { type Env, toAwsRequest, writeResponse } from './edge.js';
import { connectionOf, executeApi } from './execute-api/gateway.js';
import { identify } from './identify.js';
import { isInternalRequest, mountInternal } from './internal.js';

function baseUrl(host: string | undefined, forwardedProto: string | undefined, config: Config): string {
  return `${forwardedProto ?? 'http'}://${host ?? `${config.host}:${config.port}`}`;
}

const UNKNOWN_SERVICE = Buffer.from(JSON.stringify({ message: 'Standin does not serve this request yet (unknown service)' }));

/** One AWS request, answered in full; dispatch turns every failure into an AWS-shaped error itself. */
async function serveAws(incoming: IncomingMessage, outgoing: ServerResponse, config: Config): Promise<void> {
  const req = toAwsRequest(incoming);
  const scope = parseSigV4(req);
  const destination = identify(req, scope);
  if (!destination) {
    writeResponse({ status: 501, headers: [['Content-Type', 'application/json']], body: UNKNOWN_SERVICE }, req.method, outgoing);
    return;
  }
  const base = baseUrl(req.headers.host, req.headers['x-forwarded-proto'], config);
  // The API Gateway data plane (src/server/execute-api) is an HTTP front end, not an AWS API.
  const res =
    destination === 'execute-api'
      ? await executeApi(req, connectionOf(req, incoming, base, config), config)
      : await dispatch(destination, req, { scope, baseUrl: base }, config);
  writeResponse(res, req.method, outgoing);
}

/** A failure outside dispatch's own error handling: logged, answered 500 if nothing was sent yet, never a crash. */
function lastResort(error: unknown, outgoing: ServerResponse): void {
  console.error('standin: unhandled error:', error);
  if (outgoing.headersSent) {
    outgoing.destroy();
    return;
  }
  outgoing.writeHead(500, { 'Content-Type': 'application/json' });
  outgoing.end(JSON.stringify({ message: 'Internal server error' }));
}

/** Standin's own endpoints; anything else under their prefixes is AWS traffic after all. */
export function createApp(config: Config): Hono<Env> {
  const app = new Hono<Env>();
  mountInternal(app);
  app.all('*', async (c) => {
    const { incoming, outgoing } = c.env;
    if (!incoming || !outgoing) return c.json({ message: 'Standin needs a Node request' }, 500);
    await serveAws(incoming, outgoing, config);
    return RESPONSE_ALREADY_SENT;
  });
  app.onError((error, c) => {
    console.error('standin: unhandled error:', error);
    return c.json({ message: 'Internal server error' }, 500);
  });
  return app;
}

export function createListener(config: Config): RequestListener {
  const internal = getRequestListener(createApp(config).fetch);
  return (incoming, outgoing) => {
    if (isInternalRequest(incoming.method, incoming.url ?? '/')) {
      internal(incoming, outgoing);
      return;
    }
    serveAws(incoming, outgoing, config).catch((error: unknown) => lastResort(error, outgoing));
  };
}
