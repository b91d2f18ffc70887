// Standin's Node.js runtime: loads a CommonJS or ESM handler once, then serves invocations from the Lambda
// Runtime API. Async and callback handlers; error payloads and context follow the AWS Node.js runtime
// (errorType/errorMessage/trace, Runtime.ImportModuleError, Runtime.HandlerNotFound).
import { existsSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const [host, port] = (process.env.AWS_LAMBDA_RUNTIME_API ?? '').split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const BASE = '/2018-06-01/runtime';

function request(method, urlPath, body, headers = {}) {
  return new Promise((resolve) => {
    const req = http.request({ host, port: Number(port), method, path: BASE + urlPath, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    // Standin went away: an execution environment never outlives it.
    req.on('error', () => process.exit(0));
    req.end(body);
  });
}

const post = (urlPath, payload, errorType) =>
  request('POST', urlPath, payload, {
    'Content-Type': 'application/json',
    ...(errorType ? { 'Lambda-Runtime-Function-Error-Type': errorType } : {}),
  });

function errorJson(error) {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n') };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

// The Node runtime's text log format: <time>\t<request id>\t<LEVEL>\t<message>
let currentRequestId;
for (const [method, level] of [
  ['log', 'INFO'],
  ['info', 'INFO'],
  ['warn', 'WARN'],
  ['error', 'ERROR'],
  ['debug', 'DEBUG'],
  ['trace', 'TRACE'],
]) {
  console[method] = (...args) => {
    process.stdout.write(`${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${format(...args)}\n`);
  };
}

async function loadHandler(spec) {
  const root = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
  const dot = spec.lastIndexOf('.');
  if (dot < 1) throw Object.assign(new Error(`Bad handler ${spec}`), { name: 'Runtime.MalformedHandlerName' });
  const modulePath = spec.slice(0, dot);
  const name = spec.slice(dot + 1);
  const base = path.resolve(root, modulePath);
  const file = ['.js', '.mjs', '.cjs'].map((ext) => base + ext).find((f) => existsSync(f));
  let mod;
  try {
    if (file) mod = await import(pathToFileURL(file).href);
    else mod = createRequire(path.join(root, 'noop.js'))(modulePath);
  } catch (error) {
    if (error?.code === 'MODULE_NOT_FOUND' || error?.code === 'ERR_MODULE_NOT_FOUND' || !file) {
      const message = `${error?.name ?? 'Error'}: ${error?.message ?? error}`;
      throw Object.assign(new Error(message), { name: 'Runtime.ImportModuleError' });
    }
    throw error;
  }
  const handler = mod?.[name] ?? mod?.default?.[name];
  if (typeof handler !== 'function') {
    throw Object.assign(new Error(`${modulePath}.${name} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
  }
  return handler;
}

function invokeHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (error, result) => {
      if (settled) return;
      settled = true;
      if (error !== undefined && error !== null) reject(error);
      else resolve(result);
    };
    context.done = callback;
    context.succeed = (result) => callback(null, result);
    context.fail = (error) => callback(error ?? new Error('handled'));
    try {
      const out = handler(event, context, callback);
      // Async handlers (and handlers returning a promise) settle with their promise; callback style waits.
      if (out && typeof out.then === 'function')
        out.then(
          (r) => callback(null, r),
          (e) => callback(e ?? new Error('rejected')),
        );
      else if (handler.length < 3 && out !== undefined) callback(null, out);
    } catch (error) {
      callback(error);
    }
  });
}

let handler;
try {
  handler = await loadHandler(process.env._HANDLER ?? '');
} catch (error) {
  const body = errorJson(error);
  process.stdout.write(`${new Date().toISOString()}\tundefined\tERROR\t${JSON.stringify(body)}\n`);
  await post('/init/error', JSON.stringify(body), body.errorType);
  process.exit(1);
}

for (;;) {
  const next = await request('GET', '/invocation/next');
  const h = next.headers;
  const requestId = h['lambda-runtime-aws-request-id'];
  currentRequestId = requestId;
  const deadline = Number(h['lambda-runtime-deadline-ms']);
  if (h['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = h['lambda-runtime-trace-id'];
  const context = {
    awsRequestId: requestId,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: h['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
  };
  if (h['lambda-runtime-client-context']) context.clientContext = JSON.parse(h['lambda-runtime-client-context']);
  if (h['lambda-runtime-cognito-identity']) context.identity = JSON.parse(h['lambda-runtime-cognito-identity']);
  try {
    const event = next.body.length ? JSON.parse(next.body.toString('utf8')) : {};
    const result = await invokeHandler(handler, event, context);
    await post(`/invocation/${requestId}/response`, JSON.stringify(result === undefined ? null : result));
  } catch (error) {
    const body = errorJson(error);
    process.stdout.write(`${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(body)}\n`);
    await post(`/invocation/${requestId}/error`, JSON.stringify(body), body.errorType);
  }
}
