/**
 * The AWS_PROXY integration's one call into Lambda, through the generated, stable interface: the Lambda service
 * module from the server's registry and its `invoke` method, exactly as the Invoke API reaches it. Whatever
 * Lambda implements (process or Docker executors, warm pools) is used unchanged.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { InvocationRequest, InvocationResponse, LambdaServiceBase } from '../../../generated/lambda/index.js';
import type { AwsRequest, RequestContext } from '../../runtime/request.js';
import { getService } from '../registry.js';

export interface FunctionResult {
  payload: Uint8Array;
  /** Set when the function failed (X-Amz-Function-Error: Unhandled / Handled). */
  functionError?: string;
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` → its parts. */
export function parseFunctionArn(arn: string): { region: string; accountId: string; name: string; qualifier?: string } | undefined {
  const m = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([^:/]+)(?::([^:/]+))?$/.exec(arn);
  if (!m?.[1] || !m[2] || !m[3]) return undefined;
  return m[4] ? { region: m[1], accountId: m[2], name: m[3], qualifier: m[4] } : { region: m[1], accountId: m[2], name: m[3] };
}

/** The Invoke request this call stands for, for handlers that look at `ctx.request`. */
function invokeRequest(name: string, payload: Uint8Array): AwsRequest {
  return {
    method: 'POST',
    path: `/2015-03-31/functions/${encodeURIComponent(name)}/invocations`,
    rawQuery: '',
    query: [],
    headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
    labels: { FunctionName: name },
    stream: () => Readable.from([Buffer.from(payload)]),
    bytes: async () => payload,
  };
}

/**
 * Invokes the function synchronously (RequestResponse) with the proxy event. Resolves to the function's result
 * bytes; rejects with the AwsServiceError Invoke would answer (e.g. ResourceNotFoundException).
 */
export async function invokeFunction(functionArn: string, event: unknown, baseUrl: string): Promise<FunctionResult> {
  const arn = parseFunctionArn(functionArn);
  if (!arn) throw new Error(`not a Lambda function ARN: ${functionArn}`);
  const payload = Buffer.from(JSON.stringify(event));
  const input: InvocationRequest = { FunctionName: arn.name, InvocationType: 'RequestResponse', Payload: payload };
  if (arn.qualifier) input.Qualifier = arn.qualifier;
  // The function lives in the account and region its ARN names, whatever the invoke URL's host.
  const ctx: RequestContext = {
    requestId: randomUUID(),
    accountId: arn.accountId,
    region: arn.region,
    host: new URL(baseUrl).host,
    request: invokeRequest(arn.name, payload),
    baseUrl,
  };
  const lambda = (await getService('lambda')).instance as LambdaServiceBase;
  const out: InvocationResponse = await lambda.invoke(input, ctx);
  const result: FunctionResult = { payload: await toBytes(out.Payload) };
  if (out.FunctionError) result.functionError = out.FunctionError;
  return result;
}

/** The model types Payload as bytes; a string or a stream (should a handler return one) is read the same way. */
async function toBytes(payload: unknown): Promise<Uint8Array> {
  if (payload instanceof Uint8Array) return payload;
  if (typeof payload === 'string') return Buffer.from(payload);
  if (payload && typeof payload === 'object' && Symbol.asyncIterator in payload) {
    const chunks: Buffer[] = [];
    for await (const chunk of payload as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  return new Uint8Array();
}
