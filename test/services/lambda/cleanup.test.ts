/** Execution environments never outlive a reset or the server: checked on a private server with real processes. */
import { readFileSync } from 'node:fs';
import { DeleteFunctionCommand, InvokeCommand, LambdaClient, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JS helper shared with scripts/test.mjs
import { startServer } from '../../../scripts/lib/server.mjs';
import { createFunction, json, zipOf } from './helpers.js';

let server: { endpoint: string; stop: () => Promise<void> };
beforeAll(async () => {
  server = await startServer({ STANDIN_LAMBDA_QUIET: '1', STANDIN_LAMBDA_KEEPALIVE_MS: '1500', STANDIN_LAMBDA_MAX_ENVIRONMENTS: '2' });
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

  it('reaps an environment idle for longer than the keep-alive', async () => {
    const pid = await warmPid();
    expect(alive(pid)).toBe(true);
    await new Promise((r) => setTimeout(r, 1600));
    expect(await gone(pid)).toBe(true);
  });

  it('bounds scale-out: concurrent invokes beyond the limit queue for a warm environment', async () => {
    const source = 'import os, time\ndef handler(e, c):\n    time.sleep(0.1)\n    return os.getpid()\n';
    const name = await createFunction(client(), { 'app.py': source });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => client().send(new InvokeCommand({ FunctionName: name, Payload: strToU8('{}') }))),
    );
    const pids = new Set(results.map((r) => json(r.Payload)));
    expect(results.every((r) => r.FunctionError === undefined)).toBe(true);
    expect(pids.size).toBeLessThanOrEqual(2);
  });

  it('lets an invocation finish on the old code while an update takes over', async () => {
    const source = 'import time\ndef handler(e, c):\n    time.sleep(0.5)\n    return "old"\n';
    const name = await createFunction(client(), { 'app.py': source });
    const running = client().send(new InvokeCommand({ FunctionName: name, Payload: strToU8('{}') }));
    await new Promise((r) => setTimeout(r, 300));
    await client().send(
      new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf({ 'app.py': 'def handler(e, c):\n    return "new"\n' }) }),
    );
    expect(json((await client().send(new InvokeCommand({ FunctionName: name, Payload: strToU8('{}') }))).Payload)).toBe('new');
    expect(json((await running).Payload)).toBe('old');
  });

  it('answers an invocation whose function is deleted while it runs', async () => {
    const name = await createFunction(client(), { 'app.py': 'import time\ndef handler(e, c):\n    time.sleep(2)\n    return 1\n' });
    const running = client().send(new InvokeCommand({ FunctionName: name, Payload: strToU8('{}') }));
    await new Promise((r) => setTimeout(r, 300));
    await client().send(new DeleteFunctionCommand({ FunctionName: name }));
    const res = await running;
    expect(res.FunctionError).toBe('Unhandled');
    expect((json(res.Payload) as { errorType: string }).errorType).toBe('Runtime.ExitError');
  });

  it('kills warm environments when the server stops', async () => {
    const pid = await warmPid();
    expect(alive(pid)).toBe(true);
    await server.stop();
    expect(await gone(pid)).toBe(true);
  });
});
