// Starts a Standin server from dist/ as a child process and resolves once it prints `Ready.`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from './build.mjs';

/** @returns {Promise<{ endpoint: string, port: number, child: import('node:child_process').ChildProcess, stop: () => Promise<void> }>} */
export function startServer(env = {}) {
  const child = spawn(process.execPath, [join(root, 'dist/src/server/main.js')], {
    cwd: root,
    env: { ...process.env, STANDIN_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
    if (process.env.STANDIN_TEST_VERBOSE) process.stderr.write(d);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Standin did not print Ready. within 20 s:\n${out}\n${err}`)), 20000);
    child.on('exit', (code) => reject(new Error(`Standin exited with ${code} before Ready.:\n${out}\n${err}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m && out.includes('Ready.')) {
        clearTimeout(timer);
        const endpoint = m[1];
        resolve({
          endpoint,
          /** Everything the server wrote to stderr so far (request log lines with DEBUG=1). */
          stderr: () => err,
          port: Number(new URL(endpoint).port),
          child,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

/** The environment tests give the server: model-checked outputs and the operation header. */
export const testServerEnv = { STANDIN_VALIDATE_OUTPUT: '1', STANDIN_DEBUG_HEADERS: '1' };
