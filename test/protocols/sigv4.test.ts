/** SigV4 parsing: who signed, for which region and service (header and presigned forms). */
import { describe, expect, it } from 'vitest';
import { parseSigV2AccessKey, parseSigV4 } from '../../src/protocols/sigv4.js';
import { fakeRequest } from '../runtime/fake-request.js';

describe('parseSigV4', () => {
  it('reads the credential scope from the Authorization header, wherever Credential stands', () => {
    const req = fakeRequest({
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date;x-amz-target, Credential=123456789012/20261129/eu-west-1/dynamodb/aws4_request, Signature=abc123',
      },
    });
    expect(parseSigV4(req)).toEqual({
      accessKeyId: '123456789012',
      date: '20261129',
      region: 'eu-west-1',
      service: 'dynamodb',
      via: 'header',
    });
  });

  it('reads a presigned URL from X-Amz-Credential', () => {
    const req = fakeRequest({
      method: 'GET',
      query: 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261129%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Signature=ff',
    });
    expect(parseSigV4(req)).toMatchObject({
      accessKeyId: 'AKIDEXAMPLE',
      region: 'us-west-2',
      service: 's3',
      via: 'query',
    });
  });

  it('returns nothing for anonymous requests and malformed scopes', () => {
    expect(parseSigV4(fakeRequest())).toBeUndefined();
    expect(parseSigV4(fakeRequest({ headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1' } }))).toBeUndefined();
  });

  it('reads the access key of a legacy SigV2 header', () => {
    expect(parseSigV2AccessKey(fakeRequest({ headers: { authorization: 'AWS AKID:c2ln' } }))).toBe('AKID');
  });
});
