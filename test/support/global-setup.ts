/**
 * One Standin server for the whole vitest run (shared by all test files, as README's test budget needs).
 * scripts/test.mjs starts it and passes STANDIN_ENDPOINT; running vitest directly starts one here.
 */
import type { TestProject } from 'vitest/node';
// @ts-expect-error: plain JS helper shared with scripts/test.mjs
import { build } from '../../scripts/lib/build.mjs';
// @ts-expect-error: plain JS helper shared with scripts/test.mjs
import { startServer, testServerEnv } from '../../scripts/lib/server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    endpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.STANDIN_ENDPOINT;
  if (given) {
    project.provide('endpoint', given);
    return async () => {};
  }
  build();
  const server = await startServer(testServerEnv);
  project.provide('endpoint', server.endpoint);
  return () => server.stop();
}
