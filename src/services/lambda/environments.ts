/**
 * Execution environments and their warm pools. One environment runs one invocation at a time; a pool per
 * function revision keeps idle ones warm (reaped after a keep-alive), scales out under concurrent invokes up to
 * a bound, and replaces an environment that timed out, crashed or failed to initialise.
 */
import { ServiceException } from '../../../generated/lambda/index.js';
import type { EnvironmentSpec, Executor, RunningEnvironment } from './executors/executor.js';
import { MAX_RESPONSE_BYTES, type NextInvocation, RuntimeApiServer } from './runtime-api.js';

export interface Invocation extends Omit<NextInvocation, 'deadlineMs'> {
  timeoutMs: number;
}

export interface InvocationResult {
  ok: boolean;
  payload: Buffer;
  /** The function's output during this invocation (and during init on a cold start). */
  output: string;
  durationMs: number;
  initDurationMs?: number;
}

export interface PoolSettings {
  maxEnvironments: number;
  keepAliveMs: number;
  /** Init phase limit before the invocation's own timeout starts (AWS: 10 s). */
  initTimeoutMs: number;
}

/**
 * The runtime's error document, or one built from Lambda-Runtime-Function-Error-Type when the runtime sent no JSON
 * (the Runtime API's OpenAPI spec: "use Lambda-Runtime-Function-Error-Type header value … when error payload is not
 * provided").
 */
function errorBody(body: Buffer, errorType: string | undefined): Buffer {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object') return body;
  } catch {
    // not JSON: fall through
  }
  return errorPayload(errorType ?? 'Unhandled', body.toString('utf8'));
}

function errorPayload(errorType: string, errorMessage: string): Buffer {
  return Buffer.from(JSON.stringify({ errorType, errorMessage }));
}

interface Current {
  invocation: Invocation;
  resolve: (result: InvocationResult) => void;
  output: string[];
  startedAt: number;
  timer?: NodeJS.Timeout;
}

export class Environment {
  private readonly api: RuntimeApiServer;
  private running: RunningEnvironment | undefined;
  private current: Current | undefined;
  private sendNext: ((invocation: NextInvocation) => void) | undefined;
  private readonly createdAt = performance.now();
  private initDurationMs: number | undefined;
  private lineBuffer = '';
  private initReported = false;
  /** The invocation that just ended, still collecting output already in the pipe. */
  private finishing: Current | undefined;
  private initFailure: Buffer | undefined;
  dead = false;
  idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly spec: EnvironmentSpec,
    private readonly executor: Executor,
    private readonly settings: PoolSettings,
    private readonly onDead: (env: Environment) => void,
  ) {
    this.api = new RuntimeApiServer({
      next: (send) => {
        if (this.initDurationMs === undefined) this.initDurationMs = performance.now() - this.createdAt;
        this.sendNext = send;
        this.dispatch();
      },
      response: (id, body, truncated) => {
        if (truncated) {
          const message = `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`;
          this.finish(id, false, errorPayload('Function.ResponseSizeTooLarge', message));
        } else this.finish(id, true, body);
      },
      error: (id, body, errorType) => this.finish(id, false, errorBody(body, errorType)),
      initError: (body, errorType) => {
        // Kept for an invocation not yet handed over: init can fail before run() is called.
        this.initFailure = errorBody(body, errorType);
        const id = this.current?.invocation.requestId;
        if (id) this.finish(id, false, this.initFailure);
        this.destroy();
      },
    });
  }

  async start(): Promise<void> {
    const address = await this.api.listen();
    this.running = await this.executor.start(
      { ...this.spec, env: { ...this.spec.env, AWS_LAMBDA_RUNTIME_API: address } },
      { output: (chunk) => this.output(chunk), exit: (description) => this.exited(description) },
    );
    // Torn down (reset, delete) while the executor was still starting it.
    if (this.dead) this.running.kill();
  }

  /** Runs one invocation; resolves with the function's result or the runtime error AWS would report. */
  run(invocation: Invocation): Promise<InvocationResult> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    return new Promise((resolve) => {
      this.current = { invocation, resolve, output: [], startedAt: performance.now() };
      if (this.dead) {
        const failure = this.initFailure ?? errorPayload('Runtime.ExitError', exitMessage(invocation));
        return this.finish(invocation.requestId, false, failure);
      }
      // Cold start: bound the init phase too, so a handler module that hangs at import cannot hold the invoke.
      if (!this.sendNext) this.armTimer(this.settings.initTimeoutMs + invocation.timeoutMs);
      this.dispatch();
    });
  }

  destroy(): void {
    if (this.dead) return;
    const current = this.current;
    // An invocation still running when its environment is torn down (function deleted, reset) gets an answer.
    if (current) this.finish(current.invocation.requestId, false, errorPayload('Runtime.ExitError', exitMessage(current.invocation)));
    this.dead = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.running?.kill();
    this.api.close();
    this.onDead(this);
  }

  private dispatch(): void {
    const current = this.current;
    const send = this.sendNext;
    if (!current || !send) return;
    this.sendNext = undefined;
    current.startedAt = performance.now();
    this.armTimer(current.invocation.timeoutMs);
    send({ ...current.invocation, deadlineMs: Date.now() + current.invocation.timeoutMs });
  }

  private armTimer(ms: number): void {
    const current = this.current;
    if (!current) return;
    if (current.timer) clearTimeout(current.timer);
    current.timer = setTimeout(() => {
      const seconds = (current.invocation.timeoutMs / 1000).toFixed(2);
      // [aws-snap] LocalStack test_lambda.snapshot.json, aws-wire-checklist.md §5.1.
      const message = `RequestId: ${current.invocation.requestId} Error: Task timed out after ${seconds} seconds`;
      this.finish(current.invocation.requestId, false, errorPayload('Sandbox.Timedout', message));
      this.destroy();
    }, ms);
  }

  private finish(requestId: string, ok: boolean, payload: Buffer): void {
    const current = this.current;
    if (!current || current.invocation.requestId !== requestId) return;
    if (current.timer) clearTimeout(current.timer);
    this.current = undefined;
    const durationMs = performance.now() - current.startedAt;
    const cold = !this.initReported;
    this.initReported = true;
    // Output written just before the runtime posted its result may still be in the pipe: read it first.
    this.finishing = current;
    setImmediate(() => {
      if (this.finishing === current) this.finishing = undefined;
      this.flushLine(current);
      const result: InvocationResult = { ok, payload, output: current.output.join(''), durationMs };
      if (cold && this.initDurationMs !== undefined) result.initDurationMs = this.initDurationMs;
      current.resolve(result);
    });
  }

  private exited(description: string): void {
    const current = this.current;
    if (current && !this.dead) {
      // [aws-snap] "…Error: Runtime exited with error: exit status 127", and for a clean exit (sys.exit(0) in a
      // handler or at import) "…Error: Runtime exited without providing a reason" (test_lambda_handler_exit).
      const message =
        description === 'exit status 0'
          ? exitMessage(current.invocation)
          : `RequestId: ${current.invocation.requestId} Error: Runtime exited with error: ${description}`;
      this.finish(current.invocation.requestId, false, errorPayload('Runtime.ExitError', message));
    }
    this.running = undefined;
    this.destroy();
  }

  private output(chunk: string): void {
    const text = this.lineBuffer + chunk;
    const lines = text.split('\n');
    this.lineBuffer = lines.pop() ?? '';
    for (const line of lines) this.line(`${line}\n`);
    if (this.lineBuffer.length > OUTPUT_KEPT) {
      this.line(this.lineBuffer);
      this.lineBuffer = '';
    }
  }

  private flushLine(current: Current): void {
    if (!this.lineBuffer) return;
    keep(current.output, this.lineBuffer);
    this.log(this.lineBuffer, current.invocation.requestId);
    this.lineBuffer = '';
  }

  private line(line: string): void {
    const owner = this.current ?? this.finishing;
    const requestId = owner?.invocation.requestId;
    if (owner) keep(owner.output, line);
    this.log(line.replace(/\n$/, ''), requestId);
  }

  private log(line: string, requestId: string | undefined): void {
    if (process.env.STANDIN_LAMBDA_QUIET === '1') return;
    process.stderr.write(`[lambda ${this.spec.functionName}${requestId ? ` ${requestId}` : ''}] ${line}\n`);
  }
}

/** Only the tail of an invocation's output is ever shown (LogType Tail), so a chatty handler cannot grow memory. */
const OUTPUT_KEPT = 65536;

function keep(output: string[], line: string): void {
  output.push(line);
  if (output.length % 256 !== 0) return;
  const text = output.join('');
  if (text.length > 4 * OUTPUT_KEPT) output.splice(0, output.length, text.slice(-OUTPUT_KEPT));
}

function exitMessage(invocation: Invocation): string {
  return `RequestId: ${invocation.requestId} Error: Runtime exited without providing a reason`;
}

/** Warm environments of one function revision. */
export class EnvironmentPool {
  private readonly idle: Environment[] = [];
  private readonly all = new Set<Environment>();
  private readonly waiting: Array<(env: Environment) => void> = [];
  private starting = 0;
  private retired = false;

  constructor(
    private readonly spec: () => EnvironmentSpec,
    private readonly executor: Executor,
    private readonly settings: PoolSettings,
  ) {}

  get size(): number {
    return this.all.size;
  }

  async invoke(invocation: Invocation): Promise<InvocationResult> {
    const env = await this.acquire();
    try {
      return await env.run(invocation);
    } finally {
      this.release(env);
    }
  }

  /** A newer revision took over: idle environments stop now, busy ones once their invocation ends. */
  retire(): void {
    this.retired = true;
    for (const env of [...this.idle]) env.destroy();
    this.idle.length = 0;
  }

  /** Kills every environment at once (function deleted, server reset or shutdown). */
  close(): void {
    for (const env of [...this.all]) env.destroy();
    this.idle.length = 0;
  }

  private async acquire(): Promise<Environment> {
    const warm = this.idle.pop();
    if (warm) return warm;
    if (this.all.size + this.starting < this.settings.maxEnvironments) {
      this.starting++;
      try {
        const env = new Environment(this.spec(), this.executor, this.settings, (dead) => this.forget(dead));
        this.all.add(env);
        try {
          await env.start();
        } catch (error) {
          env.destroy();
          throw new ServiceException(
            `Standin could not start an execution environment (${this.executor.name} executor): ${error instanceof Error ? error.message : error}`,
          );
        }
        return env;
      } finally {
        this.starting--;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(env: Environment): void {
    if (this.retired) env.destroy();
    if (env.dead) {
      // Its replacement starts on demand; a queued invoke must not wait forever for it.
      const next = this.waiting.shift();
      if (next) this.acquire().then(next, () => undefined);
      return;
    }
    const next = this.waiting.shift();
    if (next) {
      next(env);
      return;
    }
    this.idle.push(env);
    env.idleTimer = setTimeout(() => env.destroy(), this.settings.keepAliveMs);
    env.idleTimer.unref();
  }

  private forget(env: Environment): void {
    this.all.delete(env);
    const at = this.idle.indexOf(env);
    if (at >= 0) this.idle.splice(at, 1);
  }
}
