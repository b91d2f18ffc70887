/**
 * The Docker executor (STANDIN_LAMBDA_EXECUTOR=docker): one container per execution environment, through dockerode
 * against the local engine (DOCKER_HOST or the default socket). Code is mounted read-only at /var/task and the
 * container shares the host network, so it reaches its Runtime API listener on 127.0.0.1 and Standin itself.
 *
 * Images: AWS's base images `public.ecr.aws/lambda/<runtime>` by default, whose entrypoint runs the runtime's own
 * client against AWS_LAMBDA_RUNTIME_API. STANDIN_LAMBDA_DOCKER_IMAGE names one image for every runtime instead;
 * with STANDIN_LAMBDA_DOCKER_HOST_RUNTIMES=1 the host's /usr and interpreter are bind-mounted read-only and
 * Standin's own bootstrap runs (what CI does without any registry, see .ci/docker-setup.sh).
 */
import { realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import Docker from 'dockerode';
import type { EnvironmentSpec, Executor, ExecutorCallbacks, RunningEnvironment } from './executor.js';
import { bootstrapCommand, runtimesDir } from './process.js';

const TASK_ROOT = '/var/task';
const RUNTIMES_MOUNT = '/opt/standin/runtimes';
/** Containers Standin started carry this label (and the server's pid), so they can be found and removed. */
export const CONTAINER_LABEL = 'standin.lambda';

/** `python3.12` → `public.ecr.aws/lambda/python:3.12`, `nodejs20.x` → `…/nodejs:20`, `provided.al2023` → `…/provided:al2023`. */
export function awsBaseImage(runtime: string): string {
  const python = /^python(\d+\.\d+)$/.exec(runtime);
  if (python) return `public.ecr.aws/lambda/python:${python[1]}`;
  const node = /^nodejs(\d+)\.x$/.exec(runtime);
  if (node) return `public.ecr.aws/lambda/nodejs:${node[1]}`;
  const provided = /^provided(?:\.(al2|al2023))?$/.exec(runtime);
  return `public.ecr.aws/lambda/provided:${provided?.[1] ?? 'al2023'}`;
}

/**
 * The image for a runtime: STANDIN_LAMBDA_DOCKER_IMAGES (JSON `{"python3.12": "my/image:tag"}`) first, then
 * STANDIN_LAMBDA_DOCKER_IMAGE for every runtime, then AWS's base image.
 */
export function imageFor(runtime: string, env: NodeJS.ProcessEnv = process.env): string {
  let mapping: Record<string, unknown> = {};
  try {
    mapping = JSON.parse(env.STANDIN_LAMBDA_DOCKER_IMAGES ?? '{}') as Record<string, unknown>;
  } catch {
    throw new Error('STANDIN_LAMBDA_DOCKER_IMAGES must be a JSON object mapping runtimes to images');
  }
  const mapped = mapping[runtime];
  return typeof mapped === 'string' ? mapped : (env.STANDIN_LAMBDA_DOCKER_IMAGE ?? awsBaseImage(runtime));
}

function sink(write: (chunk: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      write(chunk.toString('utf8'));
      done();
    },
  });
}

/** Read-only mounts that make the host's interpreter usable in a bare image. */
function hostRuntimeBinds(command: string): string[] {
  const binds = ['/usr:/usr:ro', `${runtimesDir}:${RUNTIMES_MOUNT}:ro`];
  let prefix = dirname(dirname(command));
  try {
    prefix = dirname(dirname(realpathSync(command)));
  } catch {
    // keep the unresolved prefix
  }
  if (prefix !== '/usr' && prefix !== '/') binds.push(`${prefix}:${prefix}:ro`);
  return binds;
}

export class DockerExecutor implements Executor {
  readonly name = 'docker';
  private readonly docker = new Docker();
  private readonly live = new Set<Docker.Container>();

  async start(spec: EnvironmentSpec, callbacks: ExecutorCallbacks): Promise<RunningEnvironment> {
    const env: Record<string, string> = { ...spec.env, LAMBDA_TASK_ROOT: TASK_ROOT };
    delete env.PATH;
    const binds = spec.image ? [] : [`${spec.codeDir}:${TASK_ROOT}:ro`];
    const options: Docker.ContainerCreateOptions = {
      Image: spec.image?.uri ?? imageFor(spec.runtime),
      WorkingDir: TASK_ROOT,
      Labels: { [CONTAINER_LABEL]: spec.functionName, 'standin.pid': String(process.pid) },
      HostConfig: { NetworkMode: 'host', Binds: binds, AutoRemove: true },
    };
    if (spec.image) {
      // The image's own ENTRYPOINT/CMD (its runtime client) unless the function's ImageConfig overrides them.
      if (spec.image.entryPoint) options.Entrypoint = spec.image.entryPoint;
      if (spec.image.command) options.Cmd = spec.image.command;
      options.WorkingDir = spec.image.workingDirectory ?? TASK_ROOT;
      delete env.LAMBDA_RUNTIME_DIR;
      if (process.env.STANDIN_LAMBDA_DOCKER_HOST_RUNTIMES === '1') binds.push('/usr:/usr:ro', `${runtimesDir}:${RUNTIMES_MOUNT}:ro`);
    } else if (process.env.STANDIN_LAMBDA_DOCKER_HOST_RUNTIMES === '1') {
      const boot = bootstrapCommand(spec.runtime, TASK_ROOT);
      if (!boot) throw new Error(`runtime ${spec.runtime} is not supported by the Docker executor`);
      binds.push(...hostRuntimeBinds(boot.command));
      options.Entrypoint = [boot.command, ...boot.args.map((a) => a.replace(runtimesDir, RUNTIMES_MOUNT))];
      env.PATH = '/usr/local/bin:/usr/bin:/bin';
      env.LAMBDA_RUNTIME_DIR = RUNTIMES_MOUNT;
    } else {
      // AWS base images: /lambda-entrypoint.sh runs the runtime's client with the handler as its argument.
      options.Cmd = [spec.handler];
      delete env.LAMBDA_RUNTIME_DIR;
    }
    options.Env = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const container = await this.docker.createContainer(options);
    this.live.add(container);
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    stream.on('error', () => undefined);
    container.modem.demuxStream(stream, sink(callbacks.output), sink(callbacks.output));
    let exited = false;
    const exit = (description: string) => {
      if (exited) return;
      exited = true;
      this.live.delete(container);
      callbacks.exit(description);
    };
    // `next-exit`: the default condition (not-running) answers at once for a container not started yet.
    container.wait({ condition: 'next-exit' }).then(
      (r: { StatusCode?: number }) => exit(`exit status ${r.StatusCode ?? 'unknown'}`),
      () => exit('Runtime exited without providing a reason'),
    );
    try {
      await container.start();
    } catch (error) {
      this.live.delete(container);
      await container.remove({ force: true }).catch(() => undefined);
      throw error;
    }
    return {
      kill: () => {
        this.live.delete(container);
        container.remove({ force: true }).catch(() => undefined);
      },
    };
  }
}
