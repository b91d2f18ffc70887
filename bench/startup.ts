/**
 * Start-up benchmark: time from spawning the process until it answers its first HTTP request (and, for Standin,
 * until it prints `Ready.`), and resident memory once idle. Each server is started RUNS times; medians reported.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './net.js';
import type { PeerCommand } from './peers.js';
import { median } from './stats.js';

export interface StartupResult {
  name: string;
  readyMs: number[];
  firstResponseMs: number[];
  idleRssMiB: number[];
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

async function firstResponse(port: number, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await sleep(2);
    }
  }
  throw new Error('server did not answer within 30 s');
}

async function once(argv: string[], env: NodeJS.ProcessEnv, readyLine: string | undefined) {
  const port = await freePort();
  const args = argv.map((a) => a.replace('{port}', String(port)));
  const started = performance.now();
  const child = spawn(args[0] ?? '', args.slice(1), {
    env: { ...process.env, ...env, STANDIN_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let readyMs = Number.NaN;
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    if (readyLine && Number.isNaN(readyMs) && out.includes(readyLine)) readyMs = performance.now() - started;
  });
  try {
    await firstResponse(port, started + 30_000);
    const firstMs = performance.now() - started;
    await sleep(1000);
    const rss = child.pid ? rssMiB(child.pid) : Number.NaN;
    return { readyMs, firstMs, rss };
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function measureStartup(name: string, argv: string[], runs: number, readyLine?: string): Promise<StartupResult> {
  const result: StartupResult = { name, readyMs: [], firstResponseMs: [], idleRssMiB: [] };
  for (let i = 0; i < runs; i++) {
    const r = await once(argv, {}, readyLine);
    result.readyMs.push(r.readyMs);
    result.firstResponseMs.push(r.firstMs);
    result.idleRssMiB.push(r.rss);
  }
  return result;
}

export const summarize = (r: StartupResult) => ({
  name: r.name,
  ready: median(r.readyMs),
  first: median(r.firstResponseMs),
  rss: median(r.idleRssMiB),
});

export type { PeerCommand };
