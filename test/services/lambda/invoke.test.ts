/** Invoke through the JS SDK v3 with the process executor: modes, warm reuse, errors, logs, limits, concurrency. */
import {
  CreateAliasCommand,
  InvokeAsyncCommand,
  InvokeCommand,
  type LambdaServiceException,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { lambda } from '../../support/clients.js';
import { createFunction, json, text, zipOf } from './helpers.js';

const COUNTER = `
import os, time
STARTED = time.time()
calls = 0

def handler(event, context):
    global calls
    calls += 1
    print("got", event)
    return {"pid": os.getpid(), "calls": calls, "event": event}
`;

async function invoke(name: string, payload: unknown, extra: Record<string, unknown> = {}) {
  return lambda().send(new InvokeCommand({ FunctionName: name, Payload: strToU8(JSON.stringify(payload)), ...extra }));
}

describe('Lambda Invoke (Python, process executor)', () => {
  it('returns the handler result with 200 and reuses the warm environment', async () => {
    const name = await createFunction(lambda(), { 'app.py': COUNTER });
    const first = await invoke(name, { n: 1 });
    expect(first.StatusCode).toBe(200);
    expect(first.FunctionError).toBeUndefined();
    expect(first.ExecutedVersion).toBe('$LATEST');
    const a = json(first.Payload) as { pid: number; calls: number; event: unknown };
    expect(a).toMatchObject({ calls: 1, event: { n: 1 } });
    const b = json((await invoke(name, { n: 2 })).Payload) as { pid: number; calls: number };
    // Module state survives: the same process served both, and module init ran once.
    expect(b).toMatchObject({ pid: a.pid, calls: 2 });
  });

  it('answers Event with 202 and runs the handler in the background, DryRun with 204', async () => {
    const name = await createFunction(lambda(), { 'app.py': COUNTER });
    const event = await invoke(name, {}, { InvocationType: 'Event' });
    expect(event.StatusCode).toBe(202);
    expect(text(event.Payload)).toBe('');
    const dry = await invoke(name, {}, { InvocationType: 'DryRun' });
    expect(dry.StatusCode).toBe(204);
    // The event invocation ran (or is running) in the warm environment: a later call counts it.
    let calls = 0;
    for (let i = 0; i < 50 && calls < 2; i++) {
      calls = (json((await invoke(name, {})).Payload) as { calls: number }).calls;
      if (calls < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(calls).toBeGreaterThanOrEqual(2);
  });

  it('accepts the legacy InvokeAsync with 202 and runs the handler', async () => {
    const name = await createFunction(lambda(), { 'app.py': COUNTER });
    const res = await lambda().send(new InvokeAsyncCommand({ FunctionName: name, InvokeArgs: strToU8('{"legacy":true}') }));
    expect(res.Status).toBe(202);
    let calls = 0;
    for (let i = 0; i < 50 && calls < 2; i++) {
      calls = (json((await invoke(name, {})).Payload) as { calls: number }).calls;
      if (calls < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(calls).toBe(2);
  });

  it('returns the Python error JSON with X-Amz-Function-Error Unhandled', async () => {
    const name = await createFunction(lambda(), { 'app.py': 'def handler(event, context):\n    raise ValueError("bad input")\n' });
    const res = await invoke(name, {});
    expect(res.StatusCode).toBe(200);
    expect(res.FunctionError).toBe('Unhandled');
    const body = json(res.Payload) as { errorMessage: string; errorType: string; requestId: string; stackTrace: string[] };
    expect(body.errorMessage).toBe('bad input');
    expect(body.errorType).toBe('ValueError');
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.stackTrace.join('')).toContain('raise ValueError("bad input")');
  });

  it('returns START, output, END and REPORT base64-encoded for LogType Tail', async () => {
    const name = await createFunction(lambda(), { 'app.py': COUNTER });
    const res = await invoke(name, { hello: 'log' }, { LogType: 'Tail' });
    const log = Buffer.from(res.LogResult ?? '', 'base64').toString('utf8');
    expect(log).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/);
    expect(log).toContain("got {'hello': 'log'}\n");
    expect(log).toMatch(
      /END RequestId: [0-9a-f-]{36}\nREPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB/,
    );
    expect(log).toContain('Init Duration:');
  });

  it('keeps only the last 4 KB of a long log', async () => {
    const name = await createFunction(lambda(), { 'app.py': 'def handler(event, context):\n    print("x" * 10000)\n    return 1\n' });
    const res = await invoke(name, {}, { LogType: 'Tail' });
    const log = Buffer.from(res.LogResult ?? '', 'base64');
    expect(log.length).toBe(4096);
    expect(log.toString()).toContain('REPORT RequestId:');
  });

  it('rejects a payload that is not JSON with InvalidRequestContentException', async () => {
    const name = await createFunction(lambda(), { 'app.py': COUNTER });
    const error = (await lambda()
      .send(new InvokeCommand({ FunctionName: name, Payload: strToU8('not json') }))
      .catch((e: unknown) => e)) as LambdaServiceException;
    expect(error.name).toBe('InvalidRequestContentException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      "Could not parse request body into json: Could not parse payload into json: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 4]",
    );
  });

  it('reports invalid UTF-8 and control characters in the payload as AWS does', async () => {
    const name = await createFunction(lambda(), { 'app.py': COUNTER });
    const send = (bytes: Uint8Array) =>
      lambda()
        .send(new InvokeCommand({ FunctionName: name, Payload: bytes }))
        .catch((e: unknown) => e as LambdaServiceException);
    const utf8 = (await send(Uint8Array.from([0x6e, 0x87, 0x72]))) as LambdaServiceException;
    expect(utf8.message).toBe(
      'Could not parse request body into json: Could not parse payload into json: Invalid UTF-8 start byte 0x87\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 3]',
    );
    const ctrl = (await send(strToU8('\u0099x'))) as LambdaServiceException;
    expect(ctrl.message).toMatch(/Unexpected character \(\(CTRL-CHAR, code 153\)\): expected a valid value [\s\S]* line: 1, column: 1\]$/);
  });

  it('rejects a synchronous payload over 6 MB with 413', async () => {
    const name = await createFunction(lambda(), { 'app.py': COUNTER });
    const big = strToU8(JSON.stringify({ data: 'x'.repeat(6 * 1024 * 1024) }));
    const error = (await lambda()
      .send(new InvokeCommand({ FunctionName: name, Payload: big }))
      .catch((e: unknown) => e)) as LambdaServiceException;
    expect(error.$metadata.httpStatusCode).toBe(413);
    expect(error.name).toBe('RequestEntityTooLargeException');
    expect(error.message).toBe('Request must be smaller than 6291456 bytes for the InvokeFunction operation');
  });

  it('rejects an Event payload over 1 MB with 413', async () => {
    const name = await createFunction(lambda(), { 'app.py': COUNTER });
    const big = strToU8(JSON.stringify({ data: 'x'.repeat(1024 * 1024) }));
    const error = (await lambda()
      .send(new InvokeCommand({ FunctionName: name, InvocationType: 'Event', Payload: big }))
      .catch((e: unknown) => e)) as LambdaServiceException;
    expect(error.$metadata.httpStatusCode).toBe(413);
    expect(error.name).toBe('RequestEntityTooLargeException');
    expect(error.message).toBe(`${big.length} byte payload is too large for the Event invocation type (limit 1048576 bytes)`);
  });

  it('reports Function.ResponseSizeTooLarge for a response over 6 MB', async () => {
    const name = await createFunction(lambda(), { 'app.py': 'def handler(event, context):\n    return "x" * (7 * 1024 * 1024)\n' });
    const res = await invoke(name, {});
    expect(res.FunctionError).toBe('Unhandled');
    expect(json(res.Payload)).toEqual({
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
      errorType: 'Function.ResponseSizeTooLarge',
    });
  });

  it('times out with Sandbox.Timedout and replaces the environment', async () => {
    const source = `
import os, time
def handler(event, context):
    if event.get("sleep"):
        time.sleep(event["sleep"])
    return os.getpid()
`;
    const name = await createFunction(lambda(), { 'app.py': source }, { Timeout: 1 });
    const before = json((await invoke(name, {})).Payload);
    const res = await invoke(name, { sleep: 5 });
    expect(res.FunctionError).toBe('Unhandled');
    const body = json(res.Payload) as { errorType: string; errorMessage: string };
    expect(body.errorType).toBe('Sandbox.Timedout');
    expect(body.errorMessage).toMatch(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/);
    const after = json((await invoke(name, {})).Payload);
    expect(after).not.toBe(before);
  });

  it('reports Runtime.ExitError when the handler exits the process, and recovers', async () => {
    const source = 'import os\ndef handler(event, context):\n    if event.get("die"):\n        os._exit(3)\n    return "alive"\n';
    const name = await createFunction(lambda(), { 'app.py': source });
    const res = await invoke(name, { die: true });
    expect(res.FunctionError).toBe('Unhandled');
    expect(json(res.Payload)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: expect.stringMatching(/^RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 3$/),
    });
    expect(json((await invoke(name, {})).Payload)).toBe('alive');
  });

  it('reports a clean exit from the handler as a runtime exit without a reason', async () => {
    const name = await createFunction(lambda(), { 'app.py': 'import sys\ndef handler(event, context):\n    sys.exit(0)\n' });
    const res = await invoke(name, {});
    expect(res.FunctionError).toBe('Unhandled');
    expect(json(res.Payload)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: expect.stringMatching(/^RequestId: [0-9a-f-]{36} Error: Runtime exited without providing a reason$/),
    });
  });

  it('reports Runtime.ImportModuleError and Runtime.HandlerNotFound from init', async () => {
    const missing = await createFunction(lambda(), { 'app.py': 'import no_such_module\n' });
    const a = await invoke(missing, {});
    expect(a.FunctionError).toBe('Unhandled');
    expect(json(a.Payload)).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Unable to import module 'app': No module named 'no_such_module'",
    });
    const wrong = await createFunction(lambda(), { 'app.py': 'def other(e, c):\n    return 1\n' });
    const b = await invoke(wrong, {});
    expect(json(b.Payload)).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: "Handler 'handler' missing on module 'app'",
    });
  });

  it('runs the version an alias or qualifier designates and reports it as executed', async () => {
    const client = lambda();
    const name = await createFunction(client, { 'app.py': 'def handler(e, c):\n    return "v1"\n' });
    await client.send(new PublishVersionCommand({ FunctionName: name }));
    await client.send(new CreateAliasCommand({ FunctionName: name, Name: 'prod', FunctionVersion: '1' }));
    await client.send(
      new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf({ 'app.py': 'def handler(e, c):\n    return "v2"\n' }) }),
    );
    expect(json((await invoke(name, {})).Payload)).toBe('v2');
    const viaAlias = await invoke(name, {}, { Qualifier: 'prod' });
    expect(json(viaAlias.Payload)).toBe('v1');
    expect(viaAlias.ExecutedVersion).toBe('1');
    expect(json((await invoke(`${name}:1`, {})).Payload)).toBe('v1');
  });

  it('routes an alias by its RoutingConfig weights', async () => {
    const client = lambda();
    const name = await createFunction(client, { 'app.py': 'def handler(e, c):\n    return "v1"\n' });
    await client.send(new PublishVersionCommand({ FunctionName: name }));
    await client.send(
      new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf({ 'app.py': 'def handler(e, c):\n    return "v2"\n' }) }),
    );
    await client.send(new PublishVersionCommand({ FunctionName: name }));
    // All traffic on the additional version: every invoke of the alias runs version 2.
    await client.send(
      new CreateAliasCommand({
        FunctionName: name,
        Name: 'canary',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': 1 } },
      }),
    );
    const res = await invoke(name, {}, { Qualifier: 'canary' });
    expect(json(res.Payload)).toBe('v2');
    expect(res.ExecutedVersion).toBe('2');
  });

  it('rejects a qualifier that contradicts the one in the function name', async () => {
    const name = await createFunction(lambda(), { 'app.py': COUNTER });
    const error = (await invoke(`${name}:$LATEST`, {}, { Qualifier: '1' }).catch((e: unknown) => e)) as LambdaServiceException;
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.message).toBe('The derived qualifier from the function name does not match the specified qualifier.');
  });

  it('refuses to invoke a runtime the process executor cannot run', async () => {
    const name = await createFunction(
      lambda(),
      { 'Handler.java': 'class Handler {}' },
      { Runtime: 'java21', Handler: 'Handler::handleRequest' },
    );
    const error = (await invoke(name, {}).catch((e: unknown) => e)) as LambdaServiceException;
    expect(error.name).toBe('InvalidRuntimeException');
    expect(error.message).toBe("The runtime parameter of java21 is not supported by Standin's process executor");
  });

  it('gives the handler a context with every field the Python runtime has', async () => {
    const source = `
def handler(event, context):
    return {
        "aws_request_id": context.aws_request_id,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "invoked_function_arn": context.invoked_function_arn,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "remaining": context.get_remaining_time_in_millis(),
        "custom": context.client_context.custom if context.client_context else None,
        "identity": context.identity.cognito_identity_id,
    }
`;
    const name = await createFunction(lambda(), { 'app.py': source }, { MemorySize: 256, Timeout: 7 });
    const clientContext = Buffer.from(JSON.stringify({ custom: { k: 'v' }, env: {}, client: {} })).toString('base64');
    const ctx = json((await invoke(name, {}, { ClientContext: clientContext })).Payload) as Record<string, unknown>;
    expect(ctx).toMatchObject({
      function_name: name,
      function_version: '$LATEST',
      invoked_function_arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      memory_limit_in_mb: '256',
      log_group_name: `/aws/lambda/${name}`,
      custom: { k: 'v' },
      identity: null,
    });
    expect(ctx.aws_request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ctx.log_stream_name).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(ctx.remaining).toBeGreaterThan(6000);
    expect(ctx.remaining).toBeLessThanOrEqual(7000);
  });

  it('sets the environment real Lambda sets, the function variables and AWS_ENDPOINT_URL', async () => {
    const source = 'import os\ndef handler(e, c):\n    return dict(os.environ)\n';
    const name = await createFunction(lambda(), { 'app.py': source }, { Environment: { Variables: { MY_VAR: 'mine' } } });
    const env = json((await invoke(name, {})).Payload) as Record<string, string>;
    expect(env).toMatchObject({
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: name,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
      AWS_EXECUTION_ENV: 'AWS_Lambda_python3.12',
      _HANDLER: 'app.handler',
      TZ: ':UTC',
      MY_VAR: 'mine',
    });
    for (const key of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'LAMBDA_TASK_ROOT',
      'LAMBDA_RUNTIME_DIR',
      'AWS_LAMBDA_LOG_STREAM_NAME',
    ]) {
      expect(env[key], key).toBeTruthy();
    }
    expect(env.AWS_ENDPOINT_URL).toMatch(/^http:\/\/(127\.0\.0\.1|localhost):\d+$/);
    expect(env.AWS_LAMBDA_RUNTIME_API).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('overlaps 10 concurrent invocations of a 200 ms handler in separate environments', async () => {
    const source =
      'import time, os\ndef handler(e, c):\n    start = time.time()\n    time.sleep(0.2)\n    return [start, time.time(), os.getpid()]\n';
    const name = await createFunction(lambda(), { 'app.py': source });
    // A first parallel round scales the pool out to 10 environments; the second one measures warm overlap.
    await Promise.all(Array.from({ length: 10 }, () => invoke(name, {})));
    const results = await Promise.all(Array.from({ length: 10 }, () => invoke(name, {})));
    const spans = results.map((r) => json(r.Payload) as [number, number, number]);
    // The most handlers running at one instant, from the start and end times they recorded themselves.
    const concurrent = Math.max(...spans.map(([at]) => spans.filter(([s, e]) => s <= at && at < e).length));
    expect(concurrent).toBeGreaterThanOrEqual(5);
    const wall = Math.max(...spans.map((s) => s[1])) - Math.min(...spans.map((s) => s[0]));
    expect(wall).toBeLessThan((10 * 0.2) / 2);
    expect(new Set(spans.map((s) => s[2])).size).toBeGreaterThanOrEqual(5);
  });

  it('keeps other functions working while one loops forever', async () => {
    const looping = await createFunction(lambda(), { 'app.py': 'def handler(e, c):\n    while True:\n        pass\n' }, { Timeout: 1 });
    const healthy = await createFunction(lambda(), { 'app.py': COUNTER });
    const [loop, ok] = await Promise.all([invoke(looping, {}), invoke(healthy, { fine: true })]);
    expect((json(loop.Payload) as { errorType: string }).errorType).toBe('Sandbox.Timedout');
    expect(json(ok.Payload)).toMatchObject({ event: { fine: true } });
  });
});

describe('Lambda Invoke (Node.js, process executor)', () => {
  it('runs an async CommonJS handler and a callback handler', async () => {
    const asyncFn = await createFunction(lambda(), {
      'index.js':
        'let n = 0;\nexports.handler = async (event, context) => ({ n: ++n, name: context.functionName, rem: context.getRemainingTimeInMillis() > 0, event });\n',
    });
    expect(json((await invoke(asyncFn, { a: 1 })).Payload)).toMatchObject({ n: 1, name: asyncFn, rem: true, event: { a: 1 } });
    expect(json((await invoke(asyncFn, {})).Payload)).toMatchObject({ n: 2 });
    const callbackFn = await createFunction(lambda(), {
      'index.js': 'exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { cb: event.x }), 10); };\n',
    });
    expect(json((await invoke(callbackFn, { x: 7 })).Payload)).toEqual({ cb: 7 });
  });

  it('runs an ESM handler from an .mjs file', async () => {
    const name = await createFunction(lambda(), { 'index.mjs': 'export const handler = async (event) => ({ esm: true, event });\n' });
    expect(json((await invoke(name, { b: 2 })).Payload)).toEqual({ esm: true, event: { b: 2 } });
  });

  it('returns the Node error JSON for a thrown error', async () => {
    const name = await createFunction(lambda(), { 'index.js': "exports.handler = async () => { throw new TypeError('nope'); };\n" });
    const res = await invoke(name, {});
    expect(res.FunctionError).toBe('Unhandled');
    const body = json(res.Payload) as { errorType: string; errorMessage: string; trace: string[] };
    expect(body.errorType).toBe('TypeError');
    expect(body.errorMessage).toBe('nope');
    expect(body.trace[0]).toBe('TypeError: nope');
  });

  it('reports Runtime.ImportModuleError for a missing module and a callback error as the function error', async () => {
    const missing = await createFunction(lambda(), { 'other.js': 'exports.handler = async () => 1;\n' });
    const a = await invoke(missing, {});
    expect(a.FunctionError).toBe('Unhandled');
    expect(json(a.Payload)).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: expect.stringContaining("Cannot find module 'index'"),
    });
    const failing = await createFunction(lambda(), { 'index.js': "exports.handler = (e, c, cb) => cb(new RangeError('out of range'));\n" });
    const b = await invoke(failing, {});
    expect(b.FunctionError).toBe('Unhandled');
    expect(json(b.Payload)).toMatchObject({ errorType: 'RangeError', errorMessage: 'out of range' });
  });

  it('reports Runtime.HandlerNotFound for a missing export', async () => {
    const name = await createFunction(lambda(), { 'index.js': 'exports.other = async () => 1;\n' });
    const res = await invoke(name, {});
    expect(json(res.Payload)).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.handler is undefined or not exported',
    });
  });
});
