/** When Standin itself fails, each service answers with its own 500 error code, as its SDK expects. */
import { describe, expect, it } from 'vitest';
import { serviceSchema as apigateway } from '../../generated/apigateway/index.js';
import { serviceSchema as dynamodb } from '../../generated/dynamodb/index.js';
import { serviceSchema as lambda } from '../../generated/lambda/index.js';
import { serviceSchema as s3 } from '../../generated/s3/index.js';
import { internalErrorOf } from '../../src/protocols/error-members.js';

describe('internal errors', () => {
  it.each([
    ['S3', s3, 'InternalError', 'We encountered an internal error. Please try again.'],
    ['DynamoDB', dynamodb, 'InternalServerError', 'Internal server error'],
    ['Lambda', lambda, 'ServiceException', 'Internal server error'],
    ['API Gateway', apigateway, 'InternalFailure', 'Internal server error'],
  ])('%s answers %s', (_name, schema, code, message) => {
    expect(internalErrorOf(schema)).toEqual({ code, message });
  });
});
