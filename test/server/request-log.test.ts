/** DEBUG=1 writes one structured line per request; without it Standin is quiet. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JS helper shared with scripts/test.mjs
import { startServer } from '../../scripts/lib/server.mjs';

type Server = { endpoint: string; stop: () => Promise<void>; stderr: () => string };
let verbose: Server;
let quiet: Server;
beforeAll(async () => {
  [verbose, quiet] = await Promise.all([startServer({ DEBUG: '1' }), startServer({ DEBUG: '' })]);
});
afterAll(() => Promise.all([verbose.stop(), quiet.stop()]));

describe('request log', () => {
  it('logs service, operation, status, duration and request id as JSON with DEBUG=1', async () => {
    const res = await fetch(`${verbose.endpoint}/2015-03-31/functions/`);
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    const line = verbose
      .stderr()
      .split('\n')
      .find((l) => l.includes('ListFunctions'));
    const entry = JSON.parse(line ?? '{}');
    expect(entry).toMatchObject({
      service: 'lambda',
      operation: 'ListFunctions',
      method: 'GET',
      path: '/2015-03-31/functions/',
      status: 200,
    });
    expect(entry.requestId).toBe(res.headers.get('x-amzn-requestid'));
    expect(typeof entry.ms).toBe('number');
  });

  it('stays quiet by default', async () => {
    await fetch(`${quiet.endpoint}/2015-03-31/functions/`);
    await new Promise((r) => setTimeout(r, 100));
    expect(quiet.stderr()).toBe('');
  });
});
