/**
 * API Gateway data-plane benchmark: latency (p50/p99) and requests/s of `GET /items` through a REST API stage,
 * against the floor of calling the same backend directly, in the same run. Rows:
 *   - MOCK: API Gateway's own cost (no backend);
 *   - HTTP_PROXY to a local Node server, vs that server called directly;
 *   - AWS_PROXY to a warm Python Lambda, vs Lambda Invoke called directly (only when Lambda Invoke is available);
 *   - the figure: `GET /notes` of examples/flask-app (Flask reading DynamoDB) on a warm Lambda behind each
 *     adapter, vs the same Flask app served directly by waitress (the floor), both reading the same Standin table.
 * No peer serves the REST API data plane without a licence (moto cannot, LocalStack needs Docker), so the
 * comparison is Standin's overhead over the direct call.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { CreateFunctionCommand, InvokeCommand, LambdaClient, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { zipSync } from 'fflate';
import { freePort } from './net.js';
import { median, percentile, table } from './stats.js';

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function get(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${url}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

export interface LatencyRow {
  name: string;
  p50: number;
  p99: number;
  rps: number;
}

async function inFlight(count: number, concurrency: number, call: () => Promise<number>): Promise<void> {
  let left = count;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await call();
    }),
  );
}

/**
 * Sequential latencies after a warm-up, then requests/s with `concurrency` requests in flight. The warm-up runs
 * `concurrency` wide so that every Lambda instance the concurrent phase needs is already warm.
 */
async function measure(name: string, call: () => Promise<number>, requests: number, concurrency = 8): Promise<LatencyRow> {
  await inFlight(200, concurrency, call);
  const latencies: number[] = [];
  for (let i = 0; i < requests; i++) latencies.push(await call());
  const started = performance.now();
  await inFlight(requests, concurrency, call);
  const rps = requests / ((performance.now() - started) / 1000);
  return { name, p50: median(latencies), p99: percentile(latencies, 99), rps };
}

function startStandin(root: string): Promise<{ endpoint: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(root, 'dist/src/server/main.js')], {
    env: { ...process.env, STANDIN_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`Standin exited with ${code}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1] && out.includes('Ready.')) resolve({ endpoint: m[1], stop: () => child.kill('SIGTERM') });
    });
  });
}

const ITEMS = JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => ({ id: `item-${i}`, name: `Item ${i}` })) });

const HANDLER = `
import json
ITEMS = ${JSON.stringify(ITEMS)}
def handler(event, context):
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": ITEMS}
`;

async function lambdaInvokeAvailable(lambda: LambdaClient): Promise<boolean> {
  try {
    await lambda.send(new InvokeCommand({ FunctionName: 'standin-bench-probe-missing' }));
    return true;
  } catch (error) {
    return (error as Error).name === 'ResourceNotFoundException';
  }
}

const FLASK_VENV_PINS = ['waitress==3.0.2', 'boto3==1.44.8'];
const FLASK_ADAPTERS = ['apig-wsgi', 'mangum', 'serverless-wsgi'] as const;

/** A venv in .cache/peers with waitress, boto3 and the example's own requirements (Flask and the three adapters). */
function flaskVenv(root: string): string {
  const venv = join(root, '.cache/peers/flask-venv');
  if (!existsSync(join(venv, 'bin/waitress-serve'))) {
    mkdirSync(join(root, '.cache/peers'), { recursive: true });
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'ignore' });
    const requirements = join(root, 'examples/flask-app/requirements.txt');
    execFileSync(join(venv, 'bin/pip'), ['install', '-q', '--disable-pip-version-check', ...FLASK_VENV_PINS, '-r', requirements], {
      stdio: 'inherit',
    });
  }
  return venv;
}

/** Deploys examples/flask-app once per adapter with its own deploy.py (one zip, Flask vendored); returns each stage URL. */
const DEPLOY = `
import json, os, sys
import boto3
sys.path.insert(0, sys.argv[1])
from deploy import build_zip, deploy
code = build_zip()
site = os.path.dirname(os.path.dirname(boto3.__file__))
print(json.dumps({a: deploy(sys.argv[2], a, f"bench-notes-{a}", code=code, python_path=site) for a in sys.argv[3:]}))
`;

function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', reject);
    req.end();
  });
}

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * `GET /notes?limit=10` (a DynamoDB Scan of 10 notes, 10 seeded per table) through Standin's REST API to the warm
 * Flask Lambda behind each adapter, and the same Flask app under waitress called directly, in the same run.
 */
async function benchFlaskNotes(root: string, endpoint: string, requests: number): Promise<string> {
  const venv = flaskVenv(root);
  const example = join(root, 'examples/flask-app');
  // Asynchronously: a synchronous child would block the event loop for the whole pip install, and keep-alive
  // sockets the server closes meanwhile then surface as unhandled 'socket hang up' errors.
  const deployed = spawn(join(venv, 'bin/python'), ['-c', DEPLOY, example, endpoint, ...FLASK_ADAPTERS], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  deployed.stdout.on('data', (d) => {
    stdout += d;
  });
  const code = await new Promise<number | null>((resolve) => deployed.on('exit', resolve));
  if (code !== 0) throw new Error(`deploying examples/flask-app failed (exit ${code})`);
  const urls = JSON.parse(stdout) as Record<(typeof FLASK_ADAPTERS)[number], string>;
  for (const adapter of FLASK_ADAPTERS) {
    for (let i = 0; i < 10; i++) {
      const status = await post(`${urls[adapter]}/notes`, JSON.stringify({ title: `note ${i}`, body: 'x'.repeat(200) }));
      if (status !== 201) throw new Error(`seeding ${adapter}: POST /notes answered ${status}`);
    }
  }
  const port = await freePort();
  const direct = spawn(join(venv, 'bin/waitress-serve'), [`--listen=127.0.0.1:${port}`, '--threads=8', 'notes.app:app'], {
    cwd: example,
    env: {
      ...process.env,
      // The floor reads the very table the apig-wsgi function reads, on the same Standin.
      NOTES_TABLE: 'bench-notes-apig-wsgi-notes',
      NOTES_BUCKET: 'bench-notes-apig-wsgi-files',
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
    },
    stdio: 'ignore',
  });
  try {
    const directUrl = `http://127.0.0.1:${port}/notes?limit=10`;
    for (let tries = 0; ; tries++) {
      try {
        await get(directUrl);
        break;
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    // Every row must really read the table: 10 notes from each, or the figure would be measuring an error page.
    for (const url of [directUrl, ...FLASK_ADAPTERS.map((a) => `${urls[a]}/notes?limit=10`)]) {
      const notes = (JSON.parse(await getText(url)) as { notes?: unknown[] }).notes;
      if (notes?.length !== 10) throw new Error(`${url}: expected 10 notes, got ${notes?.length}`);
    }
    const concurrency = 4;
    const floor = await measure('Flask under waitress, direct (floor)', () => get(directUrl), requests, concurrency);
    const rows = [floor];
    for (const adapter of FLASK_ADAPTERS) {
      rows.push(await measure(`Lambda (${adapter}) through Standin`, () => get(`${urls[adapter]}/notes?limit=10`), requests, concurrency));
    }
    const fmt = (n: number, d = 2) => n.toFixed(d);
    return table(
      ['GET /notes (Flask + DynamoDB)', 'p50 ms', 'p99 ms', `req/s (${concurrency} in flight)`, 'added p50 ms vs direct'],
      rows.map((r) => [r.name, fmt(r.p50), fmt(r.p99), fmt(r.rps, 0), r === floor ? '-' : fmt(r.p50 - floor.p50)]),
    );
  } finally {
    direct.kill('SIGTERM');
  }
}

export async function benchApiGateway(root: string, requests = Number(process.env.BENCH_APIGW_REQUESTS ?? 1000)): Promise<string> {
  const backend = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(ITEMS);
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  const standin = await startStandin(root);
  try {
    const config = { endpoint: standin.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
    const apigw = new APIGatewayClient(config);
    const lambda = new LambdaClient(config);
    const api = await apigw.send(new CreateRestApiCommand({ name: 'bench' }));
    const restApiId = api.id ?? '';
    const route = async (pathPart: string, integration: ConstructorParameters<typeof PutIntegrationCommand>[0]) => {
      const resource = await apigw.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart }));
      const items = await apigw.send(new CreateResourceCommand({ restApiId, parentId: resource.id, pathPart: 'items' }));
      await apigw.send(new PutMethodCommand({ restApiId, resourceId: items.id, httpMethod: 'GET', authorizationType: 'NONE' }));
      await apigw.send(new PutIntegrationCommand({ ...integration, restApiId, resourceId: items.id, httpMethod: 'GET' }));
    };
    await route('mock', {
      restApiId,
      resourceId: '',
      httpMethod: 'GET',
      type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
    });
    await route('http', {
      restApiId,
      resourceId: '',
      httpMethod: 'GET',
      type: 'HTTP_PROXY',
      integrationHttpMethod: 'GET',
      uri: `${backendUrl}/items`,
    });
    const withLambda = await lambdaInvokeAvailable(lambda);
    if (withLambda) {
      const fn = await lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'bench-items',
          Runtime: 'python3.12',
          Handler: 'index.handler',
          Role: 'arn:aws:iam::000000000000:role/bench',
          Code: { ZipFile: zipSync({ 'index.py': Buffer.from(HANDLER) }) },
        }),
      );
      await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 60 }, { FunctionName: 'bench-items' });
      const uri = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fn.FunctionArn}/invocations`;
      await route('lambda', { restApiId, resourceId: '', httpMethod: 'GET', type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri });
    }
    await apigw.send(new CreateDeploymentCommand({ restApiId, stageName: 'bench' }));
    const stage = `${standin.endpoint}/_aws/execute-api/${restApiId}/bench`;
    const rows: LatencyRow[] = [];
    rows.push(await measure('MOCK through Standin', () => get(`${stage}/mock/items`), requests));
    rows.push(await measure('Node backend, direct (floor)', () => get(`${backendUrl}/items`), requests));
    rows.push(await measure('HTTP_PROXY through Standin', () => get(`${stage}/http/items`), requests));
    if (withLambda) {
      const payload = Buffer.from('{}');
      rows.push(
        await measure(
          'Lambda Invoke, direct (floor)',
          async () => {
            const started = performance.now();
            await lambda.send(new InvokeCommand({ FunctionName: 'bench-items', Payload: payload }));
            return performance.now() - started;
          },
          requests,
        ),
      );
      rows.push(await measure('AWS_PROXY through Standin', () => get(`${stage}/lambda/items`), requests));
    }
    const floorOf = (name: string) => rows.find((r) => r.name.startsWith(name))?.p50 ?? Number.NaN;
    const added = (r: LatencyRow) =>
      r.name.startsWith('HTTP_PROXY')
        ? r.p50 - floorOf('Node backend')
        : r.name.startsWith('AWS_PROXY')
          ? r.p50 - floorOf('Lambda Invoke')
          : Number.NaN;
    const fmt = (n: number, d = 2) => (Number.isNaN(n) ? '-' : n.toFixed(d));
    const report = table(
      ['GET /items', 'p50 ms', 'p99 ms', 'req/s (8 in flight)', 'added p50 ms'],
      rows.map((r) => [r.name, fmt(r.p50), fmt(r.p99), fmt(r.rps, 0), fmt(added(r))]),
    );
    if (!withLambda || process.env.BENCH_APIGW_FLASK === '0') return report;
    const flaskRequests = Number(process.env.BENCH_APIGW_FLASK_REQUESTS ?? 500);
    return `${report}\n\n${await benchFlaskNotes(root, standin.endpoint, flaskRequests)}`;
  } finally {
    standin.stop();
    agent.destroy();
    backend.close();
  }
}
