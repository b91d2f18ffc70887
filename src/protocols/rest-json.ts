/**
 * restJson1 (Lambda, API Gateway control plane): https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
 * Routing by HTTP bindings; errors carry `x-amzn-ErrorType: <Code>` and a JSON body with the error's members
 * (`{"Type":"User","Message":"..."}` for Lambda, `{"message":"..."}` for API Gateway, per their models).
 */
import { type AwsServiceError, UnknownOperationError } from '../runtime/errors.js';
import { type AwsRequest, type AwsResponse, getHeader, setHeader } from '../runtime/request.js';
import type { ServiceSchema } from '../runtime/schema.js';
import { errorSchema, messageMember } from './error-members.js';
import { matchAll } from './http-router.js';
import { jsonErrorMembers } from './json-error-members.js';
import type { ExchangeInfo, Protocol } from './protocol.js';
import { uuidRequestId } from './request-ids.js';

export const restJsonProtocol: Protocol = {
  newRequestId: uuidRequestId,

  route(req: AwsRequest, schema: ServiceSchema) {
    const [best] = matchAll(schema, req);
    if (!best) {
      // API Gateway and Lambda answer unknown paths with UnknownOperationException (404 for Lambda, 404 for API Gateway).
      throw new UnknownOperationError('UnknownOperationException', 404, 'client', '');
    }
    return best;
  },

  serializeError(error: AwsServiceError, schema: ServiceSchema, info: ExchangeInfo): AwsResponse {
    const shape = errorSchema(schema, error.code);
    const body: Record<string, unknown> = {};
    // Lambda's errors model `Type` (User/Service) beside the message.
    if (shape?.members.some((m) => m.name === 'Type') && error.members.Type === undefined) {
      body.Type = error.fault === 'client' ? 'User' : 'Service';
    }
    body[messageMember(shape)] = error.message;
    Object.assign(body, jsonErrorMembers(schema, shape, error.members, true));
    const res: AwsResponse = { status: error.httpStatus, headers: [...error.headers], body: JSON.stringify(body) };
    setHeader(res, 'x-amzn-ErrorType', error.code);
    setHeader(res, 'Content-Type', 'application/json');
    this.finalize(res, schema, info);
    return res;
  },

  finalize(res: AwsResponse, _schema: ServiceSchema, info: ExchangeInfo): void {
    setHeader(res, 'x-amzn-RequestId', info.requestId);
    if (res.body !== undefined && getHeader(res, 'Content-Type') === undefined) setHeader(res, 'Content-Type', 'application/json');
  },
};
