/**
 * Lambda benchmark: cold start (create a function, first Invoke) and warm Invoke latency, p50/p99, for a trivial
 * Python handler and a Flask app (vendored Flask + apig-wsgi behind an API Gateway v1 proxy event), with the process
 * executor and, when a Docker engine with the CI image is reachable, the Docker executor. Latency is measured by
 * the client around one raw Invoke HTTP call, so it includes Standin's whole path. LocalStack's published figures
 * are printed beside for comparison; they were measured on other hardware.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { strToU8, type Zippable, zipSync } from 'fflate';
import { table } from './stats.js';

const root = join(new URL('../..', import.meta.url).pathname);
const COLD_RUNS = Number(process.env.BENCH_LAMBDA_COLD ?? 10);
const WARM_RUNS = Number(process.env.BENCH_LAMBDA_WARM ?? 300);
const ROLE = 'arn:aws:iam::000000000000:role/bench';

const TRIVIAL = 'def handler(event, context):\n    return {"ok": True}\n';
const FLASK_APP = `from apig_wsgi import make_lambda_handler
from flask import Flask, jsonify

app = Flask(__name__)

@app.route("/hello")
def hello():
    return jsonify(message="hello")

handler = make_lambda_handler(app)
`;
const FLASK_EVENT = JSON.stringify({
  resource: '/hello',
  path: '/hello',
  httpMethod: 'GET',
  headers: { Host: 'x.execute-api.us-east-1.amazonaws.com' },
  multiValueHeaders: { Host: ['x.execute-api.us-east-1.amazonaws.com'] },
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: null,
  stageVariables: null,
  requestContext: { path: '/prod/hello', stage: 'prod', httpMethod: 'GET', requestId: 'bench', identity: { sourceIp: '127.0.0.1' } },
  body: null,
  isBase64Encoded: false,
});

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function zipFolder(dir: string, extra: Record<string, string>): Uint8Array {
  const files: Zippable = {};
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(dir, full)] = readFileSync(full);
    }
  };
  if (dir) walk(dir);
  for (const [name, text] of Object.entries(extra)) files[name] = strToU8(text);
  return zipSync(files);
}

/** Flask and apig-wsgi vendored with pip into .cache, once; undefined when pip cannot fetch them. */
function flaskZip(): Uint8Array | undefined {
  const dir = join(root, '.cache/bench-flask');
  if (!existsSync(join(dir, 'flask'))) {
    const python = existsSync(join(root, '.venv/bin/python')) ? join(root, '.venv/bin/python') : 'python3';
    try {
      execFileSync(python, ['-m', 'pip', 'install', '-q', '--target', dir, 'flask==3.1.3', 'apig-wsgi==2.20.0'], { stdio: 'ignore' });
    } catch {
      return undefined;
    }
  }
  return zipFolder(dir, { 'app.py': FLASK_APP });
}

async function startStandin(env: Record<string, string>): Promise<{ endpoint: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(root, 'dist/src/server/main.js')], {
    env: { ...process.env, STANDIN_PORT: '0', STANDIN_LAMBDA_QUIET: '1', ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1] && out.includes('Ready.')) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`Standin exited: ${out}`)));
  });
  return { endpoint, stop: () => child.kill('SIGTERM') };
}

async function invoke(endpoint: string, name: string, payload: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${endpoint}/2015-03-31/functions/${name}/invocations`, { method: 'POST', body: payload });
  await res.arrayBuffer();
  const ms = performance.now() - started;
  if (res.status !== 200 || res.headers.get('x-amz-function-error')) throw new Error(`invoke ${name} failed: ${res.status}`);
  return ms;
}

interface Row {
  executor: string;
  handler: string;
  coldP50: number;
  coldP99: number;
  warmP50: number;
  warmP99: number;
}

async function measure(endpoint: string, executor: string, label: string, zip: Uint8Array, handler: string, payload: string): Promise<Row> {
  const client = new LambdaClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  const create = async (name: string) =>
    client.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'python3.12',
        Handler: handler,
        Role: ROLE,
        Timeout: 30,
        Code: { ZipFile: zip },
      }),
    );
  // One untimed function first: interpreter discovery and executor start-up happen once per server.
  await create(`warmup-${label}`);
  await invoke(endpoint, `warmup-${label}`, payload);
  const cold: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const name = `cold-${label}-${i}`;
    await create(name);
    cold.push(await invoke(endpoint, name, payload));
  }
  // Untimed calls first, so JIT warm-up of Standin and of the client is not counted as invoke overhead.
  for (let i = 0; i < 50; i++) await invoke(endpoint, `cold-${label}-0`, payload);
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push(await invoke(endpoint, `cold-${label}-0`, payload));
  return {
    executor,
    handler: label,
    coldP50: percentile(cold, 50),
    coldP99: percentile(cold, 99),
    warmP50: percentile(warm, 50),
    warmP99: percentile(warm, 99),
  };
}

async function dockerReady(): Promise<boolean> {
  try {
    const { default: Docker } = await import('dockerode');
    const docker = new Docker();
    await docker.ping();
    await docker.getImage('standin-lambda-host:local').inspect();
    return true;
  } catch {
    return false;
  }
}

export async function benchLambda(): Promise<string> {
  const trivial = zipSync({ 'app.py': strToU8(TRIVIAL) });
  const flask = flaskZip();
  const executors: Array<[string, Record<string, string>]> = [['process', {}]];
  if (await dockerReady()) {
    executors.push([
      'docker',
      {
        STANDIN_LAMBDA_EXECUTOR: 'docker',
        STANDIN_LAMBDA_DOCKER_IMAGE: 'standin-lambda-host:local',
        STANDIN_LAMBDA_DOCKER_HOST_RUNTIMES: '1',
      },
    ]);
  }
  const rows: Row[] = [];
  for (const [executor, env] of executors) {
    const server = await startStandin(env);
    try {
      rows.push(await measure(server.endpoint, executor, 'python-trivial', trivial, 'app.handler', '{}'));
      if (flask) rows.push(await measure(server.endpoint, executor, 'flask', flask, 'app.handler', FLASK_EVENT));
    } finally {
      server.stop();
    }
  }
  const fmt = (n: number) => n.toFixed(1);
  // LocalStack's published figures: ~10 ms warm, ~600–870 ms cold on Linux (Docker); ratios are against those.
  const body = rows.map((r) => [
    `Standin ${r.executor}`,
    r.handler,
    fmt(r.coldP50),
    fmt(r.coldP99),
    fmt(r.warmP50),
    fmt(r.warmP99),
    // LocalStack's figures are for a trivial handler; a Flask app's own import time is not comparable.
    r.handler === 'python-trivial' ? `${(600 / r.coldP50).toFixed(1)}–${(870 / r.coldP50).toFixed(1)}×` : '-',
    r.handler === 'python-trivial' ? `${(10 / r.warmP50).toFixed(1)}×` : '-',
  ]);
  body.push(['LocalStack (published)', 'python', '600–870', '-', '10', '-', '1.0×', '1.0×']);
  const header = [
    'server',
    'handler',
    'cold p50 ms',
    'cold p99 ms',
    'warm p50 ms',
    'warm p99 ms',
    'LocalStack cold ÷ this',
    'LocalStack warm ÷ this',
  ];
  const report = table(header, body);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/lambda.md'), `${report}\n`);
  writeFileSync(join(root, 'bench/results/lambda.json'), `${JSON.stringify({ COLD_RUNS, WARM_RUNS, rows }, null, 2)}\n`);
  return report;
}
