/**
 * awsJson1_0 (DynamoDB): https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
 * Requests are `POST /` with `X-Amz-Target: <TargetPrefix>.<Operation>`. Responses carry
 * `Content-Type: application/x-amz-json-1.0`, `x-amzn-RequestId` and `x-amz-crc32` (decimal CRC32 of the exact
 * body bytes, computed by Node's native zlib.crc32; botocore retries on a mismatch: aws-wire-checklist.md §4).
 * Errors: `{"__type": "<namespace>#<Code>", "message": "..."}`.
 */
import { crc32 } from 'node:zlib';
import { type AwsServiceError, UnknownOperationError } from '../runtime/errors.js';
import { type AwsRequest, type AwsResponse, setHeader } from '../runtime/request.js';
import type { ServiceSchema } from '../runtime/schema.js';
import { errorSchema, messageMember } from './error-members.js';
import { jsonErrorMembers } from './json-error-members.js';
import type { ExchangeInfo, Protocol } from './protocol.js';
import { dynamodbRequestId } from './request-ids.js';

const CONTENT_TYPE = 'application/x-amz-json-1.0';

function unknownOperation(schema: ServiceSchema): AwsServiceError {
  // DynamoDB answers an unknown target with coral's UnknownOperationException and no message.
  const shape = errorSchema(schema, 'UnknownOperationException');
  return new UnknownOperationError('UnknownOperationException', shape?.error?.httpStatus ?? 400, 'client', '');
}

export const awsJsonProtocol: Protocol = {
  newRequestId: dynamodbRequestId,

  route(req: AwsRequest, schema: ServiceSchema) {
    const target = req.headers['x-amz-target'] ?? '';
    const dot = target.lastIndexOf('.');
    const prefix = target.slice(0, dot);
    const name = target.slice(dot + 1);
    const operation = schema.operations[name];
    if (req.method !== 'POST' || dot < 0 || prefix !== schema.targetPrefix || !operation) throw unknownOperation(schema);
    return { operation, labels: {} };
  },

  serializeError(error: AwsServiceError, schema: ServiceSchema, info: ExchangeInfo): AwsResponse {
    const shape = errorSchema(schema, error.code);
    const type = shape?.error?.typeId ?? `${schema.errorNamespace ?? schema.namespace}#${error.code}`;
    const body: Record<string, unknown> = { __type: type };
    if (error.message !== '' || error.code !== 'UnknownOperationException') body[messageMember(shape)] = error.message;
    Object.assign(body, jsonErrorMembers(schema, shape, error.members, false));
    const res: AwsResponse = { status: error.httpStatus, headers: [...error.headers], body: JSON.stringify(body) };
    this.finalize(res, schema, info);
    return res;
  },

  finalize(res: AwsResponse, _schema: ServiceSchema, info: ExchangeInfo): void {
    if (res.body === undefined) res.body = '';
    const body = res.body;
    if (typeof body !== 'string' && !(body instanceof Uint8Array)) throw new Error('awsJson responses are never streams');
    // A text body stays text: zlib.crc32 hashes its UTF-8 bytes, and Node sends it in one write with the head.
    setHeader(res, 'Content-Type', CONTENT_TYPE);
    setHeader(res, 'x-amzn-RequestId', info.requestId);
    // Flattened once (charCodeAt makes V8 do it in place): the crc32 and the socket write each walk the text.
    if (typeof body === 'string') body.charCodeAt(0);
    setHeader(res, 'x-amz-crc32', String(crc32(body) >>> 0));
  },
};
