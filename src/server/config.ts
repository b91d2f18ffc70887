/** Standin's configuration, read once from the environment. */

export interface Config {
  host: string;
  port: number;
  debug: boolean;
  defaultAccountId: string;
  defaultRegion: string;
  /** STANDIN_DEBUG_HEADERS=1: add `x-standin-operation` to responses (the conformance tests read it). */
  debugHeaders: boolean;
  /** STANDIN_VALIDATE_OUTPUT=1: check every handler output against the model; violations answer 500 (tests set it). */
  validateOutput: boolean;
  /**
   * STANDIN_APIGW_EVENT_CONTENT_LENGTH=1: keep `Content-Length` in API Gateway proxy events. AWS drops it, which
   * empties Flask's `request.data` under Mangum + WsgiToAsgi (Kludex/mangum#143); off by default, as AWS.
   */
  apigwEventContentLength: boolean;
}

/** LocalStack's `GATEWAY_LISTEN` is `[host]:port[,...]`; the first entry is used. */
function fromGatewayListen(value: string | undefined): { host?: string; port?: number } {
  const first = value?.split(',')[0]?.trim();
  if (!first) return {};
  const colon = first.lastIndexOf(':');
  if (colon < 0) return { host: first };
  const host = first.slice(0, colon);
  const port = Number(first.slice(colon + 1));
  return { ...(host ? { host } : {}), ...(Number.isInteger(port) ? { port } : {}) };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const gateway = fromGatewayListen(env.GATEWAY_LISTEN);
  const port = Number(env.STANDIN_PORT ?? gateway.port ?? 4566);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`STANDIN_PORT must be a port number, not ${env.STANDIN_PORT}`);
  return {
    host: env.STANDIN_HOST ?? gateway.host ?? '127.0.0.1',
    port,
    debug: env.DEBUG === '1' || env.DEBUG === 'true',
    defaultAccountId: env.STANDIN_ACCOUNT_ID ?? '000000000000',
    defaultRegion: env.STANDIN_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    debugHeaders: env.STANDIN_DEBUG_HEADERS === '1',
    validateOutput: env.STANDIN_VALIDATE_OUTPUT === '1',
    apigwEventContentLength: env.STANDIN_APIGW_EVENT_CONTENT_LENGTH === '1' || env.STANDIN_APIGW_EVENT_CONTENT_LENGTH === 'true',
  };
}
