/**
 * Presigned URLs and SigV4 verification. Verification runs on a private server started with
 * STANDIN_S3_VERIFY_SIGNATURES=1; the shared server (no verification) still enforces X-Amz-Expires.
 */

import { createHash, createHmac } from 'node:crypto';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JS helper shared with scripts/test.mjs
import { startServer } from '../../../scripts/lib/server.mjs';
import { s3, uniqueName } from '../../support/clients.js';
import { raw } from './raw-http.js';

let server: { endpoint: string; stop: () => Promise<void> };
beforeAll(async () => {
  server = await startServer({ STANDIN_S3_VERIFY_SIGNATURES: '1', STANDIN_S3_CREDENTIALS: 'AKIDEXAMPLE:secret1,test:test' });
});
afterAll(() => server.stop());

const verifying = (accessKeyId: string, secretAccessKey: string, forcePathStyle = true) =>
  new S3Client({
    endpoint: server.endpoint,
    region: 'us-east-1',
    forcePathStyle,
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  });

describe('SigV4 verification (STANDIN_S3_VERIFY_SIGNATURES=1)', () => {
  it('accepts correctly signed requests, including aws-chunked uploads', async () => {
    const client = verifying('AKIDEXAMPLE', 'secret1');
    const bucket = uniqueName('sig');
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'a b/c+d', Body: 'signed' }));
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'a b/c+d' }));
    expect(await got.Body?.transformToString()).toBe('signed');
  });

  it('answers SignatureDoesNotMatch (403) for a wrong secret', async () => {
    const error = (await verifying('AKIDEXAMPLE', 'wrong')
      .send(new ListBucketsCommand({}))
      .catch((e) => e)) as S3ServiceException;
    expect(error.name).toBe('SignatureDoesNotMatch');
    expect(error.message).toBe(
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('answers InvalidAccessKeyId for an unknown key and AccessDenied for anonymous requests', async () => {
    const error = (await verifying('NOPE', 'x')
      .send(new ListBucketsCommand({}))
      .catch((e) => e)) as S3ServiceException;
    expect(error.name).toBe('InvalidAccessKeyId');
    expect(error.message).toBe('The AWS Access Key Id you provided does not exist in our records.');
    const anonymous = await fetch(`${server.endpoint}/`);
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('serves presigned GET and PUT from plain fetch, path style and virtual-hosted', async () => {
    const client = verifying('test', 'test');
    const bucket = uniqueName('pre');
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    const putUrl = await getSignedUrl(client, new PutObjectCommand({ Bucket: bucket, Key: 'up load.txt', ContentType: 'text/plain' }), {
      expiresIn: 60,
    });
    const put = await fetch(putUrl, { method: 'PUT', body: 'via presigned put', headers: { 'content-type': 'text/plain' } });
    expect(put.status).toBe(200);
    const getUrl = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: 'up load.txt' }), { expiresIn: 60 });
    const get = await fetch(getUrl);
    expect(get.status).toBe(200);
    expect(await get.text()).toBe('via presigned put');
    // Virtual-hosted: sign for bucket.localhost, send with that Host header (Node's fetch cannot set Host).
    const port = new URL(server.endpoint).port;
    const vhost = new S3Client({
      endpoint: `http://localhost:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const vUrl = new URL(await getSignedUrl(vhost, new GetObjectCommand({ Bucket: bucket, Key: 'up load.txt' }), { expiresIn: 60 }));
    expect(vUrl.host).toBe(`${bucket}.localhost:${port}`);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const r = request({ host: '127.0.0.1', port, path: vUrl.pathname + vUrl.search, headers: { host: vUrl.host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      r.on('error', reject);
      r.end();
    });
    expect(status).toBe(200);
  });

  it('checks the chained chunk signatures of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload', async () => {
    const client = verifying('test', 'test');
    const bucket = uniqueName('chunks');
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    const url = new URL(server.endpoint);
    const hmac = (k: Buffer | string, d: string) => createHmac('sha256', k).update(d).digest();
    const upload = async (tamper: boolean) => {
      // SigV4 by hand (the spec's steps), seeded for streaming chunks.
      const amzDate = new Date()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
      const day = amzDate.slice(0, 8);
      const scope = `${day}/us-east-1/s3/aws4_request`;
      const path = `/${bucket}/signed-chunks`;
      const headers: Record<string, string> = {
        host: url.host,
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'x-amz-date': amzDate,
        'x-amz-decoded-content-length': '11',
      };
      const names = Object.keys(headers).sort();
      const canonical = [
        'PUT',
        path,
        '',
        ...names.map((n) => `${n}:${headers[n]}`),
        '',
        names.join(';'),
        headers['x-amz-content-sha256'],
      ].join('\n');
      const key = hmac(hmac(hmac(hmac('AWS4test', day), 'us-east-1'), 's3'), 'aws4_request');
      const seed = hmac(
        key,
        ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n'),
      ).toString('hex');
      headers.authorization = `AWS4-HMAC-SHA256 Credential=test/${scope}, SignedHeaders=${names.join(';')}, Signature=${seed}`;
      const hex = (d: string) => createHash('sha256').update(d).digest('hex');
      let previous = seed;
      const chunk = (data: string) => {
        const sig = createHmac('sha256', key)
          .update(['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, hex(''), hex(data)].join('\n'))
          .digest('hex');
        previous = sig;
        return `${data.length.toString(16)};chunk-signature=${tamper && data !== '' ? '0'.repeat(64) : sig}\r\n${data}\r\n`;
      };
      const body = chunk('hello world') + chunk('');
      return raw('PUT', path, { headers: { ...headers, 'content-encoding': 'aws-chunked' }, body }, server.endpoint);
    };
    const good = await upload(false);
    expect(good.status).toBe(200);
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'signed-chunks' }));
    expect(await got.Body?.transformToString()).toBe('hello world');
    const bad = await upload(true);
    expect(bad.status).toBe(403);
    expect(bad.body.toString()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('refuses x-amz-* headers that a presigned URL did not sign', async () => {
    const url = await getSignedUrl(verifying('test', 'test'), new GetObjectCommand({ Bucket: 'whatever', Key: 'k' }), { expiresIn: 60 });
    const res = await fetch(url, { headers: { 'x-amz-meta-extra': '1' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Message>There were headers present in the request which were not signed</Message>');
  });

  it('rejects a tampered presigned URL with SignatureDoesNotMatch', async () => {
    const client = verifying('test', 'test');
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'whatever', Key: 'k' }), { expiresIn: 60 });
    const res = await fetch(url.replace('/k?', '/other?'));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });
});

describe('presigned URL expiry (always enforced)', () => {
  it('answers 403 AccessDenied "Request has expired" with Expires and ServerTime', async () => {
    const signedAt = new Date(Date.now() - 120_000);
    const url = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: 'any-bucket', Key: 'k' }), {
      expiresIn: 60,
      signingDate: signedAt,
    });
    const path = url.slice(url.indexOf('/', 'http://'.length));
    const res = await raw('GET', path);
    expect(res.status).toBe(403);
    const xml = res.body.toString();
    expect(xml).toContain('<Message>Request has expired</Message>');
    expect(xml).toContain('<X-Amz-Expires>60</X-Amz-Expires>');
    expect(xml).toMatch(/<ServerTime>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z<\/ServerTime>/);
  });

  it('answers AuthorizationQueryParametersError for X-Amz-Expires over a week', async () => {
    const res = await raw(
      'GET',
      '/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=604801&X-Amz-SignedHeaders=host&X-Amz-Signature=00',
    );
    expect(res.status).toBe(400);
    expect(res.body.toString()).toContain('<Code>AuthorizationQueryParametersError</Code>');
  });
});
