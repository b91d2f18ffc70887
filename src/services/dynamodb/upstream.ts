/**
 * STANDIN_DYNAMODB_UPSTREAM=<url>: every DynamoDB request is forwarded to another DynamoDB-compatible endpoint
 * (DynamoDB Local, ScyllaDB Alternator, dynalite, another Standin) instead of the native engine. ARNs are
 * rewritten both ways so clients see their own account and region, and the credential scope's region is set to
 * STANDIN_DYNAMODB_UPSTREAM_REGION (default us-east-1). The request is not re-signed: use it with endpoints that
 * do not check signatures.
 */
import type { OperationHandler, OperationTable } from '../../runtime/operation.js';
import type { AwsRequest, AwsResponse, RequestContext } from '../../runtime/request.js';

const ARN = /arn:aws:dynamodb:([a-z0-9-]+):(\d{12}):/g;

interface Forwarded {
  req: AwsRequest;
  body: Uint8Array;
}

interface UpstreamReply {
  upstream: AwsResponse;
}

export interface UpstreamOptions {
  url: string;
  region: string;
}

export function upstreamOptions(env: NodeJS.ProcessEnv = process.env): UpstreamOptions | undefined {
  const url = env.STANDIN_DYNAMODB_UPSTREAM;
  if (!url) return undefined;
  return { url: url.replace(/\/+$/, ''), region: env.STANDIN_DYNAMODB_UPSTREAM_REGION ?? 'us-east-1' };
}

/** The upstream's own account id, learned from the ARNs it answers with. */
let upstreamAccount: string | undefined;

async function forward(options: UpstreamOptions, input: Forwarded, ctx: RequestContext): Promise<UpstreamReply> {
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'x-amz-target', 'x-amz-date', 'x-amz-security-token', 'authorization']) {
    const v = input.req.headers[name];
    if (v !== undefined)
      headers[name] = name === 'authorization' ? v.replace(/(Credential=[^/]+\/\d{8}\/)[^/]+\//, `$1${options.region}/`) : v;
  }
  const account = upstreamAccount ?? ctx.accountId;
  const body = Buffer.from(input.body).toString('utf8').replace(ARN, `arn:aws:dynamodb:${options.region}:${account}:`);
  const res = await fetch(`${options.url}/`, { method: 'POST', headers, body });
  let text = await res.text();
  text = text.replace(ARN, (_m, _region: string, acct: string) => {
    upstreamAccount = acct;
    return `arn:aws:dynamodb:${ctx.region}:${ctx.accountId}:`;
  });
  return { upstream: { status: res.status, headers: [], body: Buffer.from(text) } };
}

/** The same operation table, with every operation forwarded instead of handled. */
export function upstreamTable<S>(table: OperationTable<S>, options: UpstreamOptions): OperationTable<S> {
  const out: Record<string, OperationHandler<S>> = {};
  for (const name of Object.keys(table)) {
    out[name] = {
      parse: async (req) => ({ req, body: await req.bytes() }) satisfies Forwarded,
      invoke: (_service, input, ctx) => forward(options, input as Forwarded, ctx),
      serialize: (output) => (output as UpstreamReply).upstream,
    };
  }
  return out;
}
