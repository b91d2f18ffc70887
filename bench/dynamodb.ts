/**
 * DynamoDB benchmark: PutItem, GetItem, Query (100-item pages, by table and by GSI), Scan, BatchWriteItem —
 * ops/s, p50 and p99 — for Standin, dynalite and moto's server in the same run, printed as ratios against
 * Standin; plus Query latency at two table sizes (cost must not grow with the table) and the RSS of many small
 * items held by the engine. Environment: BENCH_DDB_ITEMS (table size, default 100000), BENCH_DDB_PEER_ITEMS
 * (table size for dynalite, default the same), BENCH_DDB_MOTO_ITEMS (moto answers Query/Scan by walking the whole table, so
 * its table is smaller by default: 20000), BENCH_DDB_SECONDS (timed seconds per operation, default 3) after
 * BENCH_DDB_WARM_SECONDS of the same operation untimed (default 1: every server's JIT and caches warm alike),
 * BENCH_DDB_RSS_ITEMS (default 1000000), BENCH_DDB_AB_ROUNDS (alternating Standin/dynalite rounds, default 5). PutItem and GetItem are sent by a wrk-like load generator
 * (bench/raw-http.ts `hammer`: requests encoded before the clock starts, only the status checked), so the client's
 * own CPU does not set the pace; the other operations build and parse each request and answer.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  BatchWriteItemInput,
  CreateTableInput,
  DescribeTableInput,
  GetItemInput,
  PutItemInput,
  QueryInput,
  ScanInput,
  WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { freePort } from './net.js';
import type { PeerCommand } from './peers.js';
import { hammer, RawHttpClient } from './raw-http.js';
import { median, percentile, table } from './stats.js';

const ITEMS = Number(process.env.BENCH_DDB_ITEMS ?? 100_000);
const PEER_ITEMS = Number(process.env.BENCH_DDB_PEER_ITEMS ?? ITEMS);
const MOTO_ITEMS = Number(process.env.BENCH_DDB_MOTO_ITEMS ?? 20_000);
const SECONDS = Number(process.env.BENCH_DDB_SECONDS ?? 3);
const WARM_SECONDS = Number(process.env.BENCH_DDB_WARM_SECONDS ?? 1);
/**
 * PutItem inserts new items until this many keys exist, then replaces them in turn: every server ends with the
 * same 20,000-item table, which GetItem then reads (a faster server must not be handed a bigger table).
 */
const PUT_KEYS = 20_000;
const RSS_ITEMS = Number(process.env.BENCH_DDB_RSS_ITEMS ?? 1_000_000);
const CONCURRENCY = 4;

interface OpResult {
  opsPerSec: number;
  p50: number;
  p99: number;
}

export interface ServerResult {
  name: string;
  items: number;
  ops: Record<string, OpResult>;
}

async function start(argv: string[]): Promise<{ child: ChildProcess; endpoint: string }> {
  const port = await freePort();
  const args = argv.map((a) => a.replace('{port}', String(port)));
  const child = spawn(args[0] ?? '', args.slice(1), { env: { ...process.env, STANDIN_PORT: String(port) }, stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 3000; i++) {
    try {
      await fetch(endpoint, { signal: AbortSignal.timeout(500) });
      return { child, endpoint };
    } catch {
      await sleep(10);
    }
  }
  child.kill('SIGKILL');
  throw new Error(`${argv[0]} did not start`);
}

/**
 * A minimal awsJson1_0 client: the SDK's middleware and SigV4 signing, and even Node's http.Agent, cost more CPU
 * than the servers being measured on a small machine, so the timed requests go over bench/raw-http.ts as plain
 * inputs typed by the SDK (same bodies for every server; none of them checks signatures).
 */
interface Inputs {
  BatchWriteItem: BatchWriteItemInput;
  CreateTable: CreateTableInput;
  DescribeTable: DescribeTableInput;
  GetItem: GetItemInput;
  PutItem: PutItemInput;
  Query: QueryInput;
  Scan: ScanInput;
}

interface RawClient {
  send<K extends keyof Inputs>(operation: K, input: Inputs[K]): Promise<Record<string, unknown>>;
  /** A request built ahead of time, for the timed single-item loops (sent by `hammer`, like wrk). */
  encode<K extends keyof Inputs>(operation: K, input: Inputs[K]): Buffer;
  close(): void;
}

function rawClient(endpoint: string): RawClient {
  const http = new RawHttpClient(endpoint);
  const headers = (operation: string) => ({
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': `DynamoDB_20120810.${operation}`,
    authorization: 'AWS4-HMAC-SHA256 Credential=bench/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    'x-amz-date': '20250101T000000Z',
  });
  return {
    async send(operation, input) {
      const res = await http.post('/', headers(operation), JSON.stringify(input));
      const text = res.body.toString('utf8');
      if (res.status !== 200) throw new Error(`${operation}: ${res.status} ${text.slice(0, 200)}`);
      return JSON.parse(text || '{}') as Record<string, unknown>;
    },
    encode: (operation, input) => http.encode('/', headers(operation), JSON.stringify(input)),
    close: () => http.close(),
  };
}

/** Calls `fn` with CONCURRENCY in flight until `seconds` have passed; records latencies when given an array. */
async function runFor(seconds: number, fn: (i: number) => Promise<unknown>, latencies?: number[]): Promise<number> {
  let next = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const i = next++;
        const t = performance.now();
        await fn(i);
        latencies?.push(performance.now() - t);
      }
    }),
  );
  return next;
}

/** The same for requests encoded ahead of time, sent by bench/raw-http.ts's wrk-like load generator. */
async function measureEncoded(endpoint: string, requests: Buffer[]): Promise<OpResult> {
  if (WARM_SECONDS > 0) await hammer(endpoint, requests, CONCURRENCY, WARM_SECONDS);
  const latencies: number[] = [];
  const started = performance.now();
  const ops = await hammer(endpoint, requests, CONCURRENCY, SECONDS, latencies);
  const elapsed = (performance.now() - started) / 1000;
  return { opsPerSec: ops / elapsed, p50: median(latencies), p99: percentile(latencies, 99) };
}

/** Warms up (untimed), then measures throughput and latency percentiles over `seconds`. */
async function measure(fn: (i: number) => Promise<unknown>, seconds = SECONDS): Promise<OpResult> {
  if (WARM_SECONDS > 0) await runFor(WARM_SECONDS, fn);
  const latencies: number[] = [];
  const started = performance.now();
  const ops = await runFor(seconds, fn, latencies);
  const elapsed = (performance.now() - started) / 1000;
  return { opsPerSec: ops / elapsed, p50: median(latencies), p99: percentile(latencies, 99) };
}

const item = (i: number) => ({
  pk: { S: `user-${i}` },
  sk: { N: String(i % 1000) },
  part: { S: `p${Math.floor(i / 1000)}` },
  gpk: { S: `g${i % 100}` },
  gsk: { N: String(i) },
  name: { S: `name ${i}` },
  n: { N: String(i * 3) },
});

async function load(client: RawClient, TableName: string, count: number): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < count; i += 25) {
    batches.push(Array.from({ length: Math.min(25, count - i) }, (_, j) => ({ PutRequest: { Item: item(i + j) } })));
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches.length) {
        const b = batches[next++] as WriteRequest[];
        let pending: Record<string, WriteRequest[]> | undefined = { [TableName]: b };
        while (pending && Object.keys(pending).length > 0) {
          pending = (await client.send('BatchWriteItem', { RequestItems: pending })).UnprocessedItems as
            | Record<string, WriteRequest[]>
            | undefined;
        }
      }
    }),
  );
}

async function createTable(client: RawClient, TableName: string): Promise<void> {
  await client.send('CreateTable', {
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'part', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
      { AttributeName: 'gpk', AttributeType: 'S' },
      { AttributeName: 'gsk', AttributeType: 'N' },
    ],
    KeySchema: [
      { AttributeName: 'part', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'gsi',
        KeySchema: [
          { AttributeName: 'gpk', KeyType: 'HASH' },
          { AttributeName: 'gsk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  });
  // dynalite keeps a new table CREATING for a while; wait until it is ACTIVE.
  for (let i = 0; i < 600; i++) {
    const out = await client.send('DescribeTable', { TableName });
    if ((out.Table as { TableStatus?: string } | undefined)?.TableStatus === 'ACTIVE') return;
    await sleep(50);
  }
}

async function runServer(name: string, argv: string[], items: number): Promise<ServerResult> {
  const { child, endpoint } = await start(argv);
  try {
    const client = rawClient(endpoint);
    await createTable(client, 'big');
    await createTable(client, 'kvtable');
    const t0 = performance.now();
    await load(client, 'big', items);
    console.log(`  ${name}: loaded ${items} items in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const ops: Record<string, OpResult> = {};
    const kvItem = (i: number) => ({ ...item(i), part: { S: `k${i}` }, sk: { N: '0' } });
    // Single-item requests are built before the clock starts, so the client's own CPU stays out of the figures.
    const puts = Array.from({ length: PUT_KEYS }, (_, i) => client.encode('PutItem', { TableName: 'kvtable', Item: kvItem(i) }));
    ops.PutItem = await measureEncoded(endpoint, puts);
    // Keys 0…999 were all written by the PutItem run, so every GetItem finds its item.
    const gets = Array.from({ length: 1000 }, (_, i) =>
      client.encode('GetItem', { TableName: 'kvtable', Key: { part: { S: `k${i}` }, sk: { N: '0' } } }),
    );
    ops.GetItem = await measureEncoded(endpoint, gets);
    const parts = Math.max(1, Math.floor(items / 1000));
    ops['Query (table, 100/page)'] = await measure((i) =>
      client.send('Query', {
        TableName: 'big',
        KeyConditionExpression: 'part = :p AND sk >= :s',
        ExpressionAttributeValues: { ':p': { S: `p${i % parts}` }, ':s': { N: String((i * 7) % 900) } },
        Limit: 100,
      }),
    );
    ops['Query (GSI, 100/page)'] = await measure((i) =>
      client.send('Query', {
        TableName: 'big',
        IndexName: 'gsi',
        KeyConditionExpression: 'gpk = :g',
        ExpressionAttributeValues: { ':g': { S: `g${i % 100}` } },
        Limit: 100,
      }),
    );
    const scanStarted = performance.now();
    let start: Record<string, NonNullable<ReturnType<typeof item>[keyof ReturnType<typeof item>]>> | undefined;
    let pages = 0;
    const pageTimes: number[] = [];
    do {
      const t = performance.now();
      const out = await client.send('Scan', { TableName: 'big', ExclusiveStartKey: start });
      pageTimes.push(performance.now() - t);
      start = out.LastEvaluatedKey as typeof start;
      pages++;
    } while (start);
    const scanSeconds = (performance.now() - scanStarted) / 1000;
    ops[`Scan (all ${items}, pages/s)`] = { opsPerSec: pages / scanSeconds, p50: median(pageTimes), p99: percentile(pageTimes, 99) };
    ops['BatchWriteItem (25)'] = await measure((i) =>
      client.send('BatchWriteItem', {
        RequestItems: { kvtable: Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: kvItem(100_000 + i * 25 + j) } })) },
      }),
    );
    return { name, items, ops };
  } finally {
    child.kill('SIGKILL');
  }
}

const AB_ROUNDS = Number(process.env.BENCH_DDB_AB_ROUNDS ?? 5);

/**
 * GetItem and PutItem, Standin against dynalite in alternating rounds: both servers run side by side with the
 * same 20,000-item table, and each round times one then the other (2 s each, after a warm-up), so a machine
 * that speeds up or slows down during the run weighs on both alike. Reports every round's ratio and the median.
 */
async function alternating(standinArgv: string[], dynaliteArgv: string[] | undefined): Promise<string> {
  if (!dynaliteArgv) return '';
  const servers = [await start(standinArgv), await start(dynaliteArgv)];
  try {
    const prepared = [];
    for (const { endpoint } of servers) {
      const client = rawClient(endpoint);
      await createTable(client, 'kvtable');
      const items = Array.from({ length: PUT_KEYS }, (_, i) => ({ ...item(i), part: { S: `k${i}` }, sk: { N: '0' } }));
      for (let i = 0; i < items.length; i += 25) {
        await client.send('BatchWriteItem', {
          RequestItems: { kvtable: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
        });
      }
      const puts = items.map((Item) => client.encode('PutItem', { TableName: 'kvtable', Item }));
      const gets = Array.from({ length: 1000 }, (_, i) =>
        client.encode('GetItem', { TableName: 'kvtable', Key: { part: { S: `k${i * 20}` }, sk: { N: '0' } } }),
      );
      client.close();
      prepared.push({ endpoint, ops: { PutItem: puts, GetItem: gets } });
    }
    const rows: string[][] = [];
    for (const op of ['GetItem', 'PutItem'] as const) {
      for (const p of prepared) await hammer(p.endpoint, p.ops[op], CONCURRENCY, WARM_SECONDS);
      const ratios: number[] = [];
      const rates: number[][] = [[], []];
      for (let round = 0; round < AB_ROUNDS; round++) {
        for (const [k, p] of prepared.entries()) {
          const started = performance.now();
          const n = await hammer(p.endpoint, p.ops[op], CONCURRENCY, 2);
          rates[k]?.push(n / ((performance.now() - started) / 1000));
        }
        ratios.push((rates[0]?.at(-1) ?? 0) / (rates[1]?.at(-1) ?? 1));
      }
      rows.push([
        op,
        median(rates[0] ?? []).toFixed(0),
        median(rates[1] ?? []).toFixed(0),
        ratios.map((r) => `${r.toFixed(2)}×`).join(' '),
        `${median(ratios).toFixed(2)}×`,
      ]);
    }
    return table(['operation', 'Standin ops/s (median)', 'dynalite ops/s (median)', 'Standin ÷ dynalite per round', 'median'], rows);
  } finally {
    for (const s of servers) s.child.kill('SIGKILL');
  }
}

/** Query p50 on a small and a large table in one Standin: O(log n + page) means the two stay close. */
async function queryScaling(standinArgv: string[]): Promise<string> {
  const { child, endpoint } = await start(standinArgv);
  try {
    const client = rawClient(endpoint);
    const rows: string[][] = [];
    for (const size of [1_000, ITEMS]) {
      const name = `scale${size}`;
      await createTable(client, name);
      await load(client, name, size);
      const r = await measure((i) =>
        client.send('Query', {
          TableName: name,
          KeyConditionExpression: 'part = :p',
          ExpressionAttributeValues: { ':p': { S: `p${i % Math.max(1, size / 1000)}` } },
          Limit: 100,
        }),
      );
      rows.push([String(size), r.p50.toFixed(2), r.p99.toFixed(2)]);
    }
    return table(['table items', 'Query p50 ms', 'Query p99 ms'], rows);
  } finally {
    child.kill('SIGKILL');
  }
}

/** RSS of the engine holding RSS_ITEMS small items (in a child process, engine only, no HTTP). */
function engineRss(root: string): string {
  const script = `
    const { Table } = await import(${JSON.stringify(join(root, 'dist/src/services/dynamodb/table.js'))});
    const t = new Table('rss', [{ AttributeName: 'pk', KeyType: 'HASH' }], [{ AttributeName: 'pk', AttributeType: 'S' }], 'PAY_PER_REQUEST', { read: 0, write: 0 }, 'arn');
    for (let i = 0; i < ${RSS_ITEMS}; i++) t.put({ pk: { S: 'user-' + i }, n: { N: String(i) }, s: { S: 'v' } });
    globalThis.gc?.();
    console.log(JSON.stringify({ items: t.itemCount, rss: process.memoryUsage().rss / 1048576 }));
  `;
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const { items, rss } = JSON.parse(out) as { items: number; rss: number };
  return `${items} small items held in ${rss.toFixed(0)} MiB RSS (engine only, ${((rss * 1048576) / items).toFixed(0)} bytes/item)`;
}

export async function benchDynamoDB(root: string, standinArgv: string[], peers: PeerCommand[]): Promise<string> {
  const servers = [{ name: 'Standin', argv: standinArgv, items: ITEMS }];
  for (const p of peers) {
    if (/dynalite/.test(p.name)) servers.push({ name: p.name, argv: p.argv, items: PEER_ITEMS });
    if (/moto/.test(p.name)) servers.push({ name: p.name, argv: p.argv, items: MOTO_ITEMS });
  }
  const results: ServerResult[] = [];
  for (const s of servers) {
    console.log(`DynamoDB: ${s.name}`);
    try {
      results.push(await runServer(s.name, s.argv, s.items));
    } catch (error) {
      console.warn(`  ${s.name} failed: ${(error as Error).message}`);
    }
  }
  const standin = results[0];
  const headers = [
    'operation',
    ...results.flatMap((r) => [`${r.name} ops/s`, 'p50 ms', 'p99 ms']),
    ...results.slice(1).map((r) => `Standin vs ${r.name.split(' ')[0]}`),
  ];
  const rows = Object.keys(standin?.ops ?? {}).map((op) => {
    const cells = [op];
    for (const r of results) {
      const key = op.startsWith('Scan') ? (Object.keys(r.ops).find((k) => k.startsWith('Scan')) ?? op) : op;
      const v = r.ops[key];
      cells.push(v ? v.opsPerSec.toFixed(0) : '-', v ? v.p50.toFixed(2) : '-', v ? v.p99.toFixed(2) : '-');
    }
    for (const r of results.slice(1)) {
      const key = op.startsWith('Scan') ? (Object.keys(r.ops).find((k) => k.startsWith('Scan')) ?? op) : op;
      const a = standin?.ops[op];
      const b = r.ops[key];
      cells.push(a && b ? `${(a.opsPerSec / b.opsPerSec).toFixed(1)}×` : '-');
    }
    return cells;
  });
  const sizes = results.map((r) => `${r.name}: ${r.items} items`).join(', ');
  const dynalite = peers.find((p) => /dynalite/.test(p.name));
  console.log('DynamoDB: GetItem/PutItem in alternating rounds, Standin and dynalite');
  const ab = await alternating(standinArgv, dynalite?.argv);
  const report = [
    `DynamoDB (${CONCURRENCY} requests in flight over keep-alive sockets; each operation warmed up for ${WARM_SECONDS} s, then timed for ${SECONDS} s; tables: ${sizes}; ratios are Standin ops/s ÷ peer ops/s; Scan compares pages/s of 1 MB pages, so with different table sizes compare per page)`,
    table(headers, rows),
    '',
    ...(ab
      ? [
          `GetItem and PutItem, Standin and dynalite side by side on equal 20,000-item tables, ${AB_ROUNDS} alternating rounds of 2 s:`,
          ab,
          '',
        ]
      : []),
    'Query cost against table size (Standin):',
    await queryScaling(standinArgv),
    '',
    `Memory: ${engineRss(root)}`,
  ].join('\n');
  return report;
}
