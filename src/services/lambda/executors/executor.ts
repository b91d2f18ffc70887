/** What an executor (process or Docker) starts for one execution environment. */

export interface EnvironmentSpec {
  functionName: string;
  runtime: string;
  handler: string;
  /** Directory holding the function's code (LAMBDA_TASK_ROOT on the host). */
  codeDir: string;
  /** Variables as real Lambda sets them, the function's own, and AWS_LAMBDA_RUNTIME_API. */
  env: Record<string, string>;
  /** PackageType Image: the image to run, with the function's ImageConfig overrides. */
  image?: { uri: string; entryPoint?: string[]; command?: string[]; workingDirectory?: string };
}

export interface RunningEnvironment {
  /** Stops the environment at once (SIGKILL for processes, kill + remove for containers). */
  kill(): void;
}

export interface ExecutorCallbacks {
  output(chunk: string): void;
  exit(description: string): void;
}

export interface Executor {
  readonly name: string;
  start(spec: EnvironmentSpec, callbacks: ExecutorCallbacks): Promise<RunningEnvironment>;
}
