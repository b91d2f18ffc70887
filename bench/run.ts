/**
 * `npm run bench`: benchmarks run side by side with peer emulators on this machine, reported as medians and as
 * ratios against each peer. Results are printed and written to bench/results/ (ignored by git).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchApiGateway } from './apigateway.js';
import { benchDynamoDB } from './dynamodb.js';
import { installPeers } from './peers.js';
import { benchS3 } from './s3.js';
import { measureStartup, summarize } from './startup.js';
import { table } from './stats.js';

const root = join(new URL('../..', import.meta.url).pathname);
const runs = Number(process.env.BENCH_RUNS ?? 10);

const standinArgv = [process.execPath, join(root, 'dist/src/server/main.js')];
const peers = process.env.BENCH_NO_PEERS ? [] : installPeers(root);

console.log(`Start-up: ${runs} runs each, medians (process spawn → first HTTP answer; Standin also → "Ready.")`);
const results = [summarize(await measureStartup('Standin', standinArgv, runs, 'Ready.'))];
for (const peer of peers) results.push(summarize(await measureStartup(peer.name, peer.argv, runs)));

const standin = results[0];
const fmt = (n: number, digits = 0) => (Number.isNaN(n) ? '-' : n.toFixed(digits));
const rows = results.map((r) => [
  r.name,
  fmt(r.ready),
  fmt(r.first),
  fmt(r.rss, 1),
  standin && r !== standin ? `${fmt(r.first / standin.first, 1)}×` : '1.0×',
  standin && r !== standin ? `${fmt(r.rss / standin.rss, 1)}×` : '1.0×',
]);
const report = table(['server', 'Ready. ms', 'first answer ms', 'idle RSS MiB', 'start-up vs Standin', 'RSS vs Standin'], rows);
console.log(report);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/startup.md'), `${report}\n`);
writeFileSync(join(root, 'bench/results/startup.json'), `${JSON.stringify({ runs, results }, null, 2)}\n`);

if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 's3') {
  console.log('\nS3: PutObject/GetObject (concurrency 4) and a streamed large object, plain HTTP over keep-alive');
  const s3 = await benchS3(standinArgv, peers);
  console.log(s3.report);
  writeFileSync(join(root, 'bench/results/s3.md'), `${s3.report}\n`);
  writeFileSync(join(root, 'bench/results/s3.json'), `${JSON.stringify(s3.results, null, 2)}\n`);
}

if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'dynamodb') {
  const ddb = await benchDynamoDB(root, standinArgv, peers);
  console.log(ddb);
  writeFileSync(join(root, 'bench/results/dynamodb.md'), `${ddb}\n`);
}

if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'lambda') {
  console.log('\nLambda: cold start (create + first Invoke) and warm Invoke latency, raw HTTP client');
  const { benchLambda } = await import('./lambda.js');
  console.log(await benchLambda());
}

if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'apigateway') {
  console.log('\nAPI Gateway REST data plane: GET /items through a stage vs the same backend called directly');
  const apigw = await benchApiGateway(root);
  console.log(apigw);
  writeFileSync(join(root, 'bench/results/apigateway.md'), `${apigw}\n`);
}
