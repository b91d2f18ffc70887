/**
 * S3 benchmark, side by side with peers: PutObject/GetObject of 4 KiB and 1 MiB objects (ops/s, p50/p99 ms) and a
 * streamed upload/download of BENCH_S3_BIG_MIB (default 256) MiB (MiB/s and the server's peak RSS growth).
 * Requests are plain path-style HTTP over a keep-alive agent, so the figures measure the servers, not an SDK.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './net.js';
import type { PeerCommand } from './peers.js';
import { median, percentile, table } from './stats.js';

const MiB = 1024 * 1024;

export interface S3BenchResult {
  name: string;
  ops: Record<string, { opsPerSec: number; p50: number; p99: number }>;
  big: { uploadMiBs: number; downloadMiBs: number; peakRssGrowthMiB: number };
}

const rssMiB = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;

/**
 * moto's all-services server picks the service from the SigV4 credential scope, so requests carry an (unchecked)
 * S3 scope; s3rver checks signatures when present, so it gets none. Standin accepts both.
 */
let authHeader: string | undefined;

function send(agent: Agent, port: number, method: string, path: string, body?: Buffer | Readable, length?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (authHeader) headers.authorization = authHeader;
    if (length !== undefined) headers['content-length'] = String(length);
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body instanceof Readable) body.pipe(req);
    else req.end(body);
  });
}

async function timed(n: number, concurrency: number, op: (i: number) => Promise<number>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        const status = await op(i);
        if (status >= 300) throw new Error(`status ${status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { opsPerSec: n / seconds, p50: median(latencies), p99: percentile(latencies, 99) };
}

/** A stream of `total` bytes made from one reused 1 MiB buffer, so the client holds no large body. */
function zeros(total: number): Readable {
  const chunk = Buffer.alloc(MiB, 7);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const n = Math.min(MiB, total - sent);
      sent += n;
      this.push(n === MiB ? chunk : chunk.subarray(0, n));
    },
  });
}

async function benchOne(name: string, argv: string[], bigMiB: number, smallOps: number): Promise<S3BenchResult> {
  const port = await freePort();
  const args = argv.map((a) => a.replace('{port}', String(port)));
  const child = spawn(args[0] ?? '', args.slice(1), { env: { ...process.env, STANDIN_PORT: String(port) }, stdio: 'ignore' });
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  authHeader = /moto/.test(name)
    ? 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00'
    : undefined;
  try {
    for (let i = 0; ; i++) {
      try {
        await send(agent, port, 'GET', '/');
        break;
      } catch {
        if (i > 3000) throw new Error(`${name} did not start`);
        await sleep(10);
      }
    }
    const bucket = `bench-${Date.now()}`;
    await send(agent, port, 'PUT', `/${bucket}`);
    // Warm-up (JIT, connection pool) for every server alike, as a test server is warm after its first tests; not measured.
    const warm = Buffer.alloc(4096, 2);
    await timed(Math.min(1500, smallOps), 4, (i) => send(agent, port, 'PUT', `/${bucket}/warm-${i}`, warm, warm.length));
    await timed(Math.min(1500, smallOps), 4, (i) => send(agent, port, 'GET', `/${bucket}/warm-${i}`));
    const ops: S3BenchResult['ops'] = {};
    for (const [label, size, n] of [
      ['4 KiB', 4096, smallOps],
      ['1 MiB', MiB, Math.max(20, Math.floor(smallOps / 10))],
    ] as const) {
      const body = Buffer.alloc(size, 1);
      ops[`put ${label}`] = await timed(n, 4, (i) => send(agent, port, 'PUT', `/${bucket}/k${size}-${i}`, body, size));
      ops[`get ${label}`] = await timed(n, 4, (i) => send(agent, port, 'GET', `/${bucket}/k${size}-${i}`));
    }
    const pid = child.pid ?? 0;
    const baseline = rssMiB(pid);
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMiB(pid));
    }, 25);
    const total = bigMiB * MiB;
    let t = performance.now();
    const status = await send(agent, port, 'PUT', `/${bucket}/big`, zeros(total), total);
    if (status >= 300) throw new Error(`big upload answered ${status}`);
    const uploadMiBs = bigMiB / ((performance.now() - t) / 1000);
    t = performance.now();
    await send(agent, port, 'GET', `/${bucket}/big`);
    const downloadMiBs = bigMiB / ((performance.now() - t) / 1000);
    clearInterval(sampler);
    peak = Math.max(peak, rssMiB(pid));
    return { name, ops, big: { uploadMiBs, downloadMiBs, peakRssGrowthMiB: peak - baseline } };
  } finally {
    agent.destroy();
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function benchS3(standinArgv: string[], peers: PeerCommand[]): Promise<{ report: string; results: S3BenchResult[] }> {
  const bigMiB = Number(process.env.BENCH_S3_BIG_MIB ?? 256);
  const smallOps = Number(process.env.BENCH_S3_OPS ?? 1000);
  const results = [await benchOne('Standin', standinArgv, bigMiB, smallOps)];
  for (const peer of peers.filter((p) => /moto|s3rver/.test(p.name))) {
    try {
      results.push(await benchOne(peer.name, peer.argv, bigMiB, smallOps));
    } catch (error) {
      console.warn(`bench: ${peer.name} S3 run failed (${(error as Error).message}); skipping it`);
    }
  }
  const [standin] = results;
  const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');
  const ratio = (mine: number, theirs: number) => (Number.isFinite(theirs) && theirs > 0 ? `${f(mine / theirs, 1)}×` : '-');
  const rows: string[][] = [];
  for (const r of results) {
    for (const [op, m] of Object.entries(r.ops)) {
      const base = standin?.ops[op];
      rows.push([
        r.name,
        op,
        f(m.opsPerSec),
        f(m.p50, 2),
        f(m.p99, 2),
        r === standin ? '1.0×' : ratio(base?.opsPerSec ?? Number.NaN, m.opsPerSec),
      ]);
    }
    const b = r.big;
    rows.push([
      r.name,
      `put ${bigMiB} MiB`,
      `${f(b.uploadMiBs)} MiB/s`,
      '',
      '',
      r === standin ? '1.0×' : ratio(standin?.big.uploadMiBs ?? Number.NaN, b.uploadMiBs),
    ]);
    rows.push([
      r.name,
      `get ${bigMiB} MiB`,
      `${f(b.downloadMiBs)} MiB/s`,
      '',
      '',
      r === standin ? '1.0×' : ratio(standin?.big.downloadMiBs ?? Number.NaN, b.downloadMiBs),
    ]);
    rows.push([r.name, 'peak RSS growth', `${f(b.peakRssGrowthMiB, 1)} MiB`, '', '', '']);
  }
  const report = table(['server', 'operation', 'throughput', 'p50 ms', 'p99 ms', 'Standin vs this'], rows);
  return { report, results };
}
