// The Python side of the tests: a virtualenv in .venv with test/python/requirements.txt installed,
// re-installed only when the requirements change.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashOf, root } from './build.mjs';

export const venvPython = join(root, '.venv/bin/python');

export function ensurePythonEnv() {
  const stamp = join(root, '.venv/.requirements-hash');
  const want = hashOf(['test/python/requirements.txt']);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === want) return;
  if (!existsSync(venvPython)) execFileSync('python3', ['-m', 'venv', join(root, '.venv')], { stdio: 'inherit' });
  execFileSync(venvPython, ['-m', 'pip', 'install', '-q', '-r', join(root, 'test/python/requirements.txt')], { stdio: 'inherit' });
  writeFileSync(stamp, `${want}\n`);
}
