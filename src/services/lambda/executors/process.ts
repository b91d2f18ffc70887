/**
 * The default executor: each execution environment is a child process on this host running one of Standin's
 * bootstraps (runtimes/), in its own process group so a handler's own children die with it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EnvironmentSpec, Executor, ExecutorCallbacks, RunningEnvironment } from './executor.js';

/** The package root (where src/services/lambda/runtimes lives), from either src/ or dist/src/. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const runtimesDir = join(packageRoot(), 'src/services/lambda/runtimes');

/**
 * The interpreter `command` really runs, or undefined when it does not start. Probing once also looks through
 * version-manager shims (pyenv's cost tens of ms per start, and may exist for versions that are not active).
 */
function probePython(command: string): string | undefined {
  const probe = spawnSync(command, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8', timeout: 10000 });
  const executable = probe.status === 0 ? probe.stdout.trim() : '';
  return executable || undefined;
}

const pythonChoice = new Map<string, string>();

/** `python3.12` → the host's python3.12 if it runs, else python3 (said once in the log); STANDIN_LAMBDA_PYTHON overrides. */
export function pythonFor(runtime: string): string {
  const override = process.env.STANDIN_LAMBDA_PYTHON;
  if (override) return override;
  let chosen = pythonChoice.get(runtime);
  if (!chosen) {
    const exact = probePython(runtime);
    chosen = exact ?? probePython('python3') ?? 'python3';
    if (!exact) process.stderr.write(`standin: lambda runtime ${runtime}: no working ${runtime} on this host, using ${chosen} instead\n`);
    pythonChoice.set(runtime, chosen);
  }
  return chosen;
}

/** The command line that starts `runtime`'s bootstrap, or undefined when Standin cannot run it. */
export function bootstrapCommand(runtime: string, codeDir: string): { command: string; args: string[] } | undefined {
  if (/^python3\.\d+$/.test(runtime)) return { command: pythonFor(runtime), args: [join(runtimesDir, 'python/bootstrap.py')] };
  // Every nodejs runtime runs on the Node that runs Standin.
  if (/^nodejs\d+\.x$/.test(runtime)) return { command: process.execPath, args: [join(runtimesDir, 'node/bootstrap.mjs')] };
  // OS-only runtimes run the package's own `bootstrap` executable, as Lambda does.
  if (/^provided(\.al2|\.al2023)?$/.test(runtime)) return { command: join(codeDir, 'bootstrap'), args: [] };
  return undefined;
}

export function supportedRuntime(runtime: string): boolean {
  return bootstrapCommand(runtime, '') !== undefined;
}

export class ProcessExecutor implements Executor {
  readonly name = 'process';

  async start(spec: EnvironmentSpec, callbacks: ExecutorCallbacks): Promise<RunningEnvironment> {
    const boot = bootstrapCommand(spec.runtime, spec.codeDir);
    if (!boot) throw new Error(`runtime ${spec.runtime} is not supported by the process executor`);
    const child = spawn(boot.command, boot.args, {
      cwd: spec.codeDir,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout
      .setEncoding('utf8')
      .on('data', callbacks.output)
      .on('error', () => undefined);
    child.stderr
      .setEncoding('utf8')
      .on('data', callbacks.output)
      .on('error', () => undefined);
    let exited = false;
    child.on('error', (error) => {
      if (exited) return;
      exited = true;
      callbacks.exit(`Runtime failed to start: ${error.message}`);
    });
    child.on('exit', (code, signal) => {
      if (exited) return;
      exited = true;
      callbacks.exit(signal ? `signal: ${signal.replace(/^SIG/, '').toLowerCase()}` : `exit status ${code}`);
    });
    return {
      kill: () => {
        if (exited || child.pid === undefined) return;
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      },
    };
  }
}
