/**
 * API Gateway data-plane benchmark: latency (p50/p99) and requests/s of `GET /items` through a REST API stage,
 * against the floor of calling the same backend directly, in the same run. Rows:
 *   - MOCK: API Gateway's own cost (no backend);
 *   - HTTP_PROXY to a local Node server, vs that server called directly;
 *   - AWS_PROXY to a warm Python Lambda, vs Lambda Invoke called directly (only when Lambda Invoke is available).
 * No peer serves the REST API data plane without a licence (moto cannot, LocalStack needs Docker), so the
 * comparison is Standin's overhead over the direct call.
 */
import { spawn } from 'node:child_process';
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

/** Sequential latencies after a warm-up, then requests/s with `concurrency` requests in flight. */
async function measure(name: string, call: () => Promise<number>, requests: number, concurrency = 8): Promise<LatencyRow> {
  for (let i = 0; i < 200; i++) await call();
  const latencies: number[] = [];
  for (let i = 0; i < requests; i++) latencies.push(await call());
  const started = performance.now();
  let left = requests;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await call();
    }),
  );
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
    return table(
      ['GET /items', 'p50 ms', 'p99 ms', 'req/s (8 in flight)', 'added p50 ms'],
      rows.map((r) => [r.name, fmt(r.p50), fmt(r.p99), fmt(r.rps, 0), fmt(added(r))]),
    );
  } finally {
    standin.stop();
    agent.destroy();
    backend.close();
  }
}
