/** Bucket CORS through the JS SDK, and the browser's side of it (preflight and response headers) over raw HTTP. */
import {
  CreateBucketCommand,
  DeleteBucketCorsCommand,
  GetBucketCorsCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
  type S3Client,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { s3, uniqueName } from '../../support/clients.js';
import { raw } from './raw-http.js';

let client: S3Client;
let bucket: string;

beforeAll(async () => {
  client = s3();
  bucket = uniqueName('js-cors');
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'file.txt', Body: 'x' }));
});

const RULES = [
  {
    AllowedOrigins: ['http://*.example.com'],
    AllowedMethods: ['GET', 'PUT'],
    AllowedHeaders: ['content-type', 'x-amz-*'],
    ExposeHeaders: ['ETag'],
    MaxAgeSeconds: 300,
  },
];

describe('bucket CORS', () => {
  it('answers a preflight with 403 CORSForbidden while the bucket has no CORS configuration', async () => {
    const res = await raw('OPTIONS', `/${bucket}/file.txt`, {
      headers: { origin: 'http://app.example.com', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(403);
    expect(res.body.toString()).toContain('<Message>CORSResponse: CORS is not enabled for this bucket.</Message>');
    const error = await client.send(new GetBucketCorsCommand({ Bucket: bucket })).catch((e: S3ServiceException) => e);
    expect((error as S3ServiceException).name).toBe('NoSuchCORSConfiguration');
  });

  it('stores rules and answers a matching preflight with Access-Control-* headers', async () => {
    await client.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: RULES } }));
    const rules = await client.send(new GetBucketCorsCommand({ Bucket: bucket }));
    expect(rules.CORSRules).toEqual(RULES);
    const res = await raw('OPTIONS', `/${bucket}/file.txt`, {
      headers: {
        origin: 'http://app.example.com',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'Content-Type, X-Amz-Date',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('http://app.example.com');
    expect(res.headers['access-control-allow-methods']).toBe('GET, PUT');
    expect(res.headers['access-control-allow-headers']).toBe('content-type, x-amz-date');
    expect(res.headers['access-control-expose-headers']).toBe('ETag');
    expect(res.headers['access-control-max-age']).toBe('300');
  });

  it('refuses a preflight from an origin or method no rule allows', async () => {
    const origin = await raw('OPTIONS', `/${bucket}/file.txt`, {
      headers: { origin: 'http://evil.test', 'access-control-request-method': 'GET' },
    });
    expect(origin.status).toBe(403);
    expect(origin.body.toString()).toContain('<Code>CORSForbidden</Code>');
    const method = await raw('OPTIONS', `/${bucket}/file.txt`, {
      headers: { origin: 'http://a.example.com', 'access-control-request-method': 'DELETE' },
    });
    expect(method.status).toBe(403);
  });

  it('adds Access-Control-Allow-Origin and exposes ETag on a GET from an allowed origin', async () => {
    const res = await raw('GET', `/${bucket}/file.txt`, { headers: { origin: 'http://app.example.com' } });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('http://app.example.com');
    expect(res.headers['access-control-expose-headers']).toBe('ETag');
    const other = await raw('GET', `/${bucket}/file.txt`, { headers: { origin: 'http://evil.test' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('deletes the configuration', async () => {
    await client.send(new DeleteBucketCorsCommand({ Bucket: bucket }));
    const error = await client.send(new GetBucketCorsCommand({ Bucket: bucket })).catch((e: S3ServiceException) => e);
    expect((error as S3ServiceException).name).toBe('NoSuchCORSConfiguration');
  });
});
