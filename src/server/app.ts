/** The Hono app: internal endpoints first, then every request is identified and dispatched to a service. */
import { Hono } from 'hono';
import { parseSigV4 } from '../protocols/sigv4.js';
import type { Config } from './config.js';
import { dispatch } from './dispatch.js';
import { type Env, toAwsRequest, toResponse } from './edge.js';
import { connectionOf, executeApi } from './execute-api/gateway.js';
import { identify } from './identify.js';
import { mountInternal } from './internal.js';

function baseUrl(host: string | undefined, forwardedProto: string | undefined, config: Config): string {
  return `${forwardedProto ?? 'http'}://${host ?? `${config.host}:${config.port}`}`;
}

export function createApp(config: Config): Hono<Env> {
  const app = new Hono<Env>();
  mountInternal(app);
  app.all('*', async (c) => {
    const req = toAwsRequest(c);
    const scope = parseSigV4(req);
    const destination = identify(req, scope);
    if (!destination) {
      return c.json({ message: 'Standin does not serve this request yet (unknown service)' }, 501);
    }
    const base = baseUrl(req.headers.host, req.headers['x-forwarded-proto'], config);
    if (destination === 'execute-api') {
      // The API Gateway data plane (src/server/execute-api): an HTTP front end, not an AWS API.
      const answer = await executeApi(req, connectionOf(req, c.env?.incoming, base, config), config);
      return toResponse(answer, req.method, c.env?.outgoing);
    }
    const res = await dispatch(destination, req, { scope, baseUrl: base }, config);
    return toResponse(res, req.method, c.env?.outgoing);
  });
  app.onError((error, c) => {
    console.error('standin: unhandled error:', error);
    return c.json({ message: 'Internal server error' }, 500);
  });
  return app;
}
