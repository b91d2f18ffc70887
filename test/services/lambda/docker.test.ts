/**
 * The Docker executor against a real engine (set up by .ci/docker-setup.sh: dockerd on vfs, host networking, a
 * registry-free local image with the host's /usr bind-mounted read-only, built here if missing). Skipped only when no
 * engine is reachable outside CI; in CI (CI=true) a missing engine fails the run.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateFunctionCommand, GetFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import Docker from 'dockerode';
import { strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JS helper shared with scripts/test.mjs
import { startServer } from '../../../scripts/lib/server.mjs';
import { uniqueName } from '../../support/clients.js';
import { createFunction, json, ROLE } from './helpers.js';

const IMAGE = 'standin-lambda-host:local';
const docker = new Docker();

/** The same registry-free skeleton .ci/docker-setup.sh imports, built here when an engine lacks it. */
async function buildBaseImage(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'standin-base-'));
  const rootfs = join(dir, 'rootfs');
  for (const d of ['usr', 'etc', 'tmp', 'var/task', 'var/runtime', 'opt', 'root']) mkdirSync(join(rootfs, d), { recursive: true });
  for (const d of ['bin', 'lib', 'lib64', 'sbin']) symlinkSync(`usr/${d}`, join(rootfs, d));
  writeFileSync(join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
  writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY rootfs/ /\n');
  const stream = await docker.buildImage({ context: dir, src: ['Dockerfile', 'rootfs'] }, { t: IMAGE });
  await new Promise((resolve, reject) => docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve(undefined))));
  rmSync(dir, { recursive: true, force: true });
}

/** Whether a Docker engine answers; the base image is built on it when missing. */
async function engineReady(): Promise<boolean> {
  try {
    await docker.ping();
  } catch {
    return false;
  }
  try {
    await docker.getImage(IMAGE).inspect();
  } catch {
    await buildBaseImage();
  }
  return true;
}

const ready = await engineReady();
const inCi = process.env.CI === 'true';

let server: { endpoint: string; stop: () => Promise<void>; child: { pid: number } };

const client = () =>
  new LambdaClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  });

async function standinContainers(): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`standin.pid=${server.child.pid}`] } });
}

describe.skipIf(!ready && !inCi)('Lambda Docker executor', () => {
  beforeAll(async () => {
    if (!ready) throw new Error('CI needs a reachable Docker engine: .ci/docker-setup.sh starts one');
    server = await startServer({
      STANDIN_LAMBDA_EXECUTOR: 'docker',
      // Per-runtime mapping; any other runtime would ask for AWS's base image.
      STANDIN_LAMBDA_DOCKER_IMAGES: JSON.stringify({ 'python3.12': IMAGE, 'nodejs20.x': IMAGE }),
      STANDIN_LAMBDA_DOCKER_HOST_RUNTIMES: '1',
      STANDIN_VALIDATE_OUTPUT: '1',
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('runs a Python handler in a container with the code at /var/task, warm across invokes', async () => {
    const source = `
import os
calls = 0
def handler(event, context):
    global calls
    calls += 1
    return {"calls": calls, "cwd": os.getcwd(), "in_docker": os.path.exists("/.dockerenv"),
            "task_root": os.environ["LAMBDA_TASK_ROOT"], "event": event, "fn": context.function_name}
`;
    const name = await createFunction(client(), { 'app.py': source });
    const first = json((await client().send(new InvokeCommand({ FunctionName: name, Payload: strToU8('{"k":1}') }))).Payload);
    expect(first).toEqual({ calls: 1, cwd: '/var/task', in_docker: true, task_root: '/var/task', event: { k: 1 }, fn: name });
    const second = json((await client().send(new InvokeCommand({ FunctionName: name, Payload: strToU8('{}') }))).Payload) as {
      calls: number;
    };
    expect(second.calls).toBe(2);
    const containers = await standinContainers();
    expect(containers.filter((c) => c.Labels['standin.lambda'] === name)).toHaveLength(1);
  });

  it('runs a Node handler in a container', async () => {
    const name = await createFunction(client(), {
      'index.js': "const fs = require('fs');\nexports.handler = async (e) => ({ inDocker: fs.existsSync('/.dockerenv'), e });\n",
    });
    const res = await client().send(new InvokeCommand({ FunctionName: name, Payload: strToU8('{"n":2}') }));
    expect(json(res.Payload)).toEqual({ inDocker: true, e: { n: 2 } });
  });

  it('replaces a container whose handler timed out', async () => {
    const source = 'import time\ndef handler(e, c):\n    if e.get("sleep"):\n        time.sleep(10)\n    return "ok"\n';
    const name = await createFunction(client(), { 'app.py': source }, { Timeout: 1 });
    const res = await client().send(new InvokeCommand({ FunctionName: name, Payload: strToU8('{"sleep":true}') }));
    expect(res.FunctionError).toBe('Unhandled');
    expect((json(res.Payload) as { errorType: string }).errorType).toBe('Sandbox.Timedout');
    expect(json((await client().send(new InvokeCommand({ FunctionName: name, Payload: strToU8('{}') }))).Payload)).toBe('ok');
  });

  it('runs a PackageType Image function from a locally built image, its CMD naming the handler', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-image-'));
    writeFileSync(join(dir, 'app.py'), 'def handler(event, context):\n    return {"from": "image", "event": event}\n');
    // The base image holds no binaries: Standin bind-mounts the host's /usr and its runtimes read-only (CI mode).
    writeFileSync(
      join(dir, 'Dockerfile'),
      `FROM ${IMAGE}\nCOPY app.py /var/task/app.py\nENTRYPOINT ["/usr/bin/python3", "/opt/standin/runtimes/python/bootstrap.py"]\nCMD ["app.handler"]\n`,
    );
    const tag = `standin-test-fn:${Date.now()}`;
    const build = await docker.buildImage({ context: dir, src: ['Dockerfile', 'app.py'] }, { t: tag });
    await new Promise((resolve, reject) => docker.modem.followProgress(build, (error) => (error ? reject(error) : resolve(undefined))));
    rmSync(dir, { recursive: true, force: true });
    try {
      const name = uniqueName('image');
      const created = await client().send(
        new CreateFunctionCommand({ FunctionName: name, PackageType: 'Image', Role: ROLE, Code: { ImageUri: tag } }),
      );
      expect(created.PackageType).toBe('Image');
      const got = await client().send(new GetFunctionCommand({ FunctionName: name }));
      expect(got.Code).toMatchObject({ RepositoryType: 'ECR', ImageUri: tag });
      const res = await client().send(new InvokeCommand({ FunctionName: name, Payload: strToU8('{"i":1}') }));
      expect(json(res.Payload)).toEqual({ from: 'image', event: { i: 1 } });
    } finally {
      await docker
        .getImage(tag)
        .remove({ force: true })
        .catch(() => undefined);
    }
  });

  it('removes its containers when the server stops', async () => {
    expect((await standinContainers()).length).toBeGreaterThan(0);
    await server.stop();
    let left = await standinContainers();
    for (let i = 0; i < 50 && left.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = await standinContainers();
    }
    expect(left).toEqual([]);
  });
});
