#!/usr/bin/env node
// npm test: build (codegen + compile when stale), type-check, lint, set up the Python test env, start ONE
// Standin server shared by every test file, then run vitest (JS SDK) and pytest (boto3) side by side.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, root } from './lib/build.mjs';
import { ensurePythonEnv, venvPython } from './lib/python.mjs';
import { startServer, testServerEnv } from './lib/server.mjs';

function run(name, cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (d) => {
      out += d;
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('exit', (code) => resolve({ name, code: code ?? 1, out }));
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC
const ANSI = /\u001b\[[0-9;]*m/g;
const stripAnsi = (text) => text.replace(ANSI, '');
const step = (label) => process.stdout.write(`\n== ${label}\n`);
const started = Date.now();
const only = process.argv.slice(2);

try {
  step('build');
  build();
  step('python environment');
  ensurePythonEnv();
} catch {
  process.exit(1);
}

const tsc = join(root, 'node_modules/typescript/bin/tsc');
const biome = join(root, 'node_modules/@biomejs/biome/bin/biome');
step('type check and lint');
const checks = await Promise.all([
  run('tsc', process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit']),
  run('biome', process.execPath, [biome, 'check', '.']),
]);
for (const c of checks) {
  if (c.code !== 0) {
    process.stdout.write(c.out);
    console.error(`${c.name} failed`);
    process.exit(1);
  }
}
console.log('tsc and biome: clean');

step('tests');
const server = await startServer(testServerEnv);
const env = {
  STANDIN_ENDPOINT: server.endpoint,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'us-east-1',
};
const vitestArgs = [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...only];
const pytestArgs = ['-m', 'pytest', '-q', '-n', '2', 'test/python', 'examples/flask-app'];
const results = await Promise.all([run('vitest', process.execPath, vitestArgs, env), run('pytest', venvPython, pytestArgs, env)]);
await server.stop();

/** Pass/fail counts from a runner's closing lines (vitest `Tests  N failed | M passed`, pytest `N failed, M passed`). */
function counts(name, out) {
  const clean = stripAnsi(out);
  const line =
    name === 'vitest'
      ? (/Tests\s+(?:(\d+) failed \| )?(\d+) passed/.exec(clean) ?? undefined)
      : (/(?:(\d+) failed, )?(\d+) passed/.exec(
          clean
            .split('\n')
            .filter((l) => /passed|failed/.test(l))
            .at(-1) ?? '',
        ) ?? undefined);
  return { passed: Number(line?.[2] ?? 0), failed: Number(line?.[1] ?? 0) };
}

let passed = 0;
let failed = 0;
for (const r of results) {
  process.stdout.write(`\n-- ${r.name} (exit ${r.code})\n${r.out.slice(-20000)}`);
  const c = counts(r.name, r.out);
  passed += c.passed;
  // A runner that failed without reporting failed tests (a crash, a collection error) still counts as a failure.
  failed += r.code !== 0 && c.failed === 0 ? 1 : c.failed;
}
console.log(`\nStandin tests finished in ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
