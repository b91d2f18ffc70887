// Build steps shared by the npm scripts: compile the generator, regenerate generated/ when its inputs
// changed, compile the server. Each step is skipped when the hash of its inputs matches its stamp.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');

function listFiles(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => (name === 'node_modules' ? [] : listFiles(join(path, name))));
}

export function hashOf(paths, extra = '') {
  const hash = createHash('sha256');
  for (const path of paths) {
    for (const file of listFiles(join(root, path))) {
      hash.update(relative(root, file));
      hash.update(readFileSync(file));
    }
  }
  hash.update(extra);
  return hash.digest('hex');
}

const stampOf = (file) => (existsSync(file) ? readFileSync(file, 'utf8').trim() : '');
const writeStamp = (file, value) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${value}\n`);
};

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

/** Regenerates generated/ when models/, codegen/ or the runtime schema changed (or when forced). */
export function codegen({ force = false } = {}) {
  const inputs = hashOf(['models', 'codegen', 'src/runtime/schema.ts', 'package-lock.json'], process.env.SMITHY_MODELS_DIR ?? '');
  const stamp = join(root, 'generated/.stamp');
  if (!force && stampOf(stamp) === inputs) return false;
  run(process.execPath, [tsc, '-p', 'codegen/tsconfig.json']);
  run(process.execPath, [join(root, 'dist/codegen/main.js')]);
  writeStamp(stamp, inputs);
  return true;
}

/** Compiles src/, generated/, scripts/ and bench/ to dist/ when any of them changed. */
export function compile({ force = false } = {}) {
  const inputs = hashOf(['src', 'generated', 'scripts', 'bench', 'tsconfig.base.json', 'tsconfig.build.json']);
  const stamp = join(root, 'dist/.stamp');
  if (!force && stampOf(stamp) === inputs) return false;
  run(process.execPath, [tsc, '-p', 'tsconfig.build.json']);
  writeStamp(stamp, inputs);
  return true;
}

export function build(options = {}) {
  codegen(options);
  compile(options);
}
