/** What Standin's own log says about functions: their output with function and request id, and interpreter fallbacks. */
import { spawnSync } from 'node:child_process';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JS helper shared with scripts/test.mjs
import { startServer } from '../../../scripts/lib/server.mjs';
import { createFunction } from './helpers.js';

let server: { endpoint: string; stop: () => Promise<void>; child: { stderr: NodeJS.ReadableStream } };
let log = '';
beforeAll(async () => {
  server = await startServer({});
  server.child.stderr.on('data', (d: Buffer) => {
    log += d.toString();
  });
});
afterAll(() => server.stop());

const client = () =>
  new LambdaClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  });

async function until(text: string): Promise<boolean> {
  for (let i = 0; i < 50 && !log.includes(text); i++) await new Promise((r) => setTimeout(r, 20));
  return log.includes(text);
}

describe('Lambda in Standin’s log', () => {
  it('prefixes function output with the function name and request id', async () => {
    const name = await createFunction(client(), { 'app.py': 'def handler(e, c):\n    print("visible line")\n    return 1\n' });
    const res = await client().send(new InvokeCommand({ FunctionName: name, Payload: strToU8('{}') }));
    const requestId = res.$metadata.requestId;
    expect(requestId).toBeDefined();
    expect(await until('visible line')).toBe(true);
    expect(log).toMatch(new RegExp(`\\[lambda ${name} [0-9a-f-]{36}\\] visible line\\n`));
  });

  it('says which interpreter runs a Python runtime the host lacks', async () => {
    const hostHas39 = spawnSync('python3.9', ['-c', 'pass']).status === 0;
    const name = await createFunction(
      client(),
      { 'app.py': 'import sys\ndef handler(e, c):\n    return sys.version\n' },
      { Runtime: 'python3.9' },
    );
    await client().send(new InvokeCommand({ FunctionName: name, Payload: strToU8('{}') }));
    const said = await until('lambda runtime python3.9: no working python3.9 on this host, using ');
    expect(said).toBe(!hostHas39);
  });
});
