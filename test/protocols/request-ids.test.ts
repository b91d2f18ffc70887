/** Request ids have each service's shape and do not repeat, across refills of the random pool. */
import { describe, expect, it } from 'vitest';
import { dynamodbRequestId, s3HostId, s3RequestId, uuidRequestId } from '../../src/protocols/request-ids.js';

describe('request ids', () => {
  it.each([
    ['S3 x-amz-request-id', s3RequestId, /^[0-9A-F]{16}$/],
    ['S3 x-amz-id-2', s3HostId, /^[A-Za-z0-9+/]{64}$/],
    ['DynamoDB x-amzn-RequestId', dynamodbRequestId, /^[A-Z0-9]{52}$/],
    ['Lambda / API Gateway x-amzn-RequestId', uuidRequestId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/],
  ])('%s has the service’s form and is unique over 5,000 draws', (_name, next, form) => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const id = next();
      expect(id).toMatch(form);
      seen.add(id);
    }
    expect(seen.size).toBe(5000);
  });
});
