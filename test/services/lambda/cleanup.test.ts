/** Execution environments never outlive a reset or the server: checked on a private server with real processes. */
import { readFileSync } from 'node:fs';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JS helper shared with scripts/test.mjs
import { startServer } from '../../../scripts/lib/server.mjs';
import { createFunction, json } from './helpers.js';

let server: { endpoint: string; stop: () => Promise<void> };
beforeAll(async () => {
  server = await startServer({ STANDIN_LAMBDA_QUIET: '1' });
});
afterAll(() => server.stop());

const client = () =>
  new LambdaClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  });

/** Running (a killed child not yet reaped by its new parent is a zombie, which counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
  return !alive(pid);
}

const PID = 'import os\ndef handler(e, c):\n    return os.getpid()\n';

async function warmPid(): Promise<number> {
  const name = await createFunction(client(), { 'app.py': PID });
  const res = await client().send(new InvokeCommand({ FunctionName: name, Payload: strToU8('{}') }));
  return json(res.Payload) as number;
}

describe('Lambda environment clean-up', () => {
  it('kills warm environments on POST /_standin/reset', async () => {
    const pid = await warmPid();
    expect(alive(pid)).toBe(true);
    await fetch(`${server.endpoint}/_standin/reset`, { method: 'POST' });
    expect(await gone(pid)).toBe(true);
  });

  it('kills warm environments when the server stops', async () => {
    const pid = await warmPid();
    expect(alive(pid)).toBe(true);
    await server.stop();
    expect(await gone(pid)).toBe(true);
  });
});
