/**
 * Standin's own endpoints: health and reset, plus LocalStack's spellings of them so existing tooling
 * (testcontainers' LocalStack module, `awslocal` scripts) works unchanged.
 */
import type { Hono } from 'hono';
import type { Env } from './edge.js';
import { getService, loadedServices, resetAll, serviceKeys } from './registry.js';

const VERSION = '0.1.0';

function health() {
  const loaded = new Set(loadedServices());
  return {
    services: Object.fromEntries(serviceKeys.map((k) => [k, loaded.has(k) ? 'running' : 'available'])),
    edition: 'standin',
    version: VERSION,
  };
}

const HEALTH = new Set(['/_standin/health', '/_localstack/health']);

/**
 * Requests for Standin's own endpoints (S3 bucket names cannot start with `_`). Hono answers HEAD through the
 * GET route and would write a second head after the AWS catch-all, so HEAD is Hono's only for the health checks.
 */
export function isInternalRequest(method: string | undefined, url: string): boolean {
  if (!url.startsWith('/_standin/') && !url.startsWith('/_localstack/')) return false;
  if (method !== 'HEAD') return true;
  const q = url.indexOf('?');
  return HEALTH.has(q < 0 ? url : url.slice(0, q));
}

export function mountInternal(app: Hono<Env>): void {
  app.get('/_standin/health', (c) => c.json(health()));
  app.get('/_localstack/health', (c) => c.json(health()));
  app.on('HEAD', ['/_standin/health', '/_localstack/health'], (c) => c.body(null, 200));
  const reset = async () => {
    await resetAll();
    return { reset: true };
  };
  // Every model operation per service and which ones Standin implements (coverage:ops and tests read it).
  app.get('/_standin/operations', async (c) => {
    const out: Record<string, { model: string; operations: string[]; implemented: string[] }> = {};
    for (const key of serviceKeys) {
      const module = await getService(key);
      out[key] = {
        model: module.schema.modelOrigin,
        operations: Object.keys(module.schema.operations).sort(),
        implemented: module.implemented(),
      };
    }
    return c.json(out);
  });
  app.post('/_standin/reset', async (c) => c.json(await reset()));
  // Lambda's GetFunction answers Code.Location with a URL here that downloads the deployment package.
  app.get('/_standin/lambda/code/:token', async (c) => {
    const zip = (await getService('lambda')).download?.(c.req.param('token'));
    if (!zip) return c.json({ message: 'No such code package' }, 404);
    return c.body(new Uint8Array(zip), 200, { 'Content-Type': 'application/zip' });
  });
  app.post('/_localstack/state/reset', async (c) => c.json(await reset()));
}
