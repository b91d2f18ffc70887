/** Exact bytes on the wire for each protocol's envelopes, through raw HTTP against the shared server. */
import { request } from 'node:http';
import { crc32 } from '@aws-crypto/crc32';
import { describe, expect, it } from 'vitest';
import { endpoint, uniqueName } from '../support/clients.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Sends a request with full control over Host and body (fetch cannot set Host). */
function raw(method: string, path: string, options: { host?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Raw> {
  const url = new URL(endpoint());
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path, headers: { host: options.host ?? url.host, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const ddb = (target: string, body: string) =>
  raw('POST', '/', { headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' }, body });

describe('S3 on the wire', () => {
  it('answers errors with the <Error> envelope whose RequestId matches x-amz-request-id', async () => {
    const name = uniqueName('missing');
    const res = await raw('DELETE', `/${name}`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/xml');
    const id = String(res.headers['x-amz-request-id']);
    expect(id).toMatch(/^[0-9A-F]{16}$/);
    const hostId = String(res.headers['x-amz-id-2']);
    expect(res.body.toString()).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>${name}</BucketName><RequestId>${id}</RequestId><HostId>${hostId}</HostId></Error>`,
    );
  });

  it('sends no body with a HEAD error', async () => {
    const res = await raw('HEAD', `/${uniqueName('missing')}`);
    expect(res.status).toBe(404);
    expect(res.body.length).toBe(0);
    expect(res.headers['x-amz-request-id']).toBeTruthy();
  });

  it('answers an empty success with Content-Length 0 and a Location', async () => {
    const name = uniqueName('wire');
    const res = await raw('PUT', `/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('0');
    expect(res.headers.location).toBe(`/${name}`);
    await raw('DELETE', `/${name}`);
  });

  it.each([
    ['<bucket>.s3.localhost.localstack.cloud:4566', (b: string) => `${b}.s3.localhost.localstack.cloud:4566`],
    ['<bucket>.localhost:4566', (b: string) => `${b}.localhost:4566`],
    ['<bucket>.s3.amazonaws.com', (b: string) => `${b}.s3.amazonaws.com`],
    ['<bucket>.s3.us-west-2.amazonaws.com', (b: string) => `${b}.s3.us-west-2.amazonaws.com`],
  ])('addresses the bucket from a virtual host %s', async (_label, host) => {
    const name = uniqueName('vhost');
    const created = await raw('PUT', '/', { host: host(name) });
    expect(created.status).toBe(200);
    const head = await raw('HEAD', `/${name}`);
    expect(head.status).toBe(200);
    const deleted = await raw('DELETE', '/', { host: host(name) });
    expect(deleted.status).toBe(204);
  });

  it('lists buckets with ISO 8601 millisecond timestamps under ListAllMyBucketsResult', async () => {
    const name = uniqueName('list');
    await raw('PUT', `/${name}`);
    const res = await raw('GET', '/');
    const xml = res.body.toString();
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<ListAllMyBucketsResult xmlns="http:\/\/s3.amazonaws.com\/doc\/2006-03-01\/">/,
    );
    expect(xml).toMatch(
      new RegExp(`<Bucket><Name>${name}</Name><CreationDate>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z</CreationDate>`),
    );
    await raw('DELETE', `/${name}`);
  });

  it('routes a sub-resource request to its own operation, not to the bucket listing', async () => {
    const res = await raw('GET', `/${uniqueName('acl')}?acl`);
    expect(res.status).toBe(501);
    expect(res.body.toString()).toContain('<Message>The GetBucketAcl operation is not implemented by Standin.</Message>');
  });

  it('answers malformed XML with MalformedXML and keeps serving', async () => {
    const res = await raw('PUT', `/${uniqueName('bad')}`, { body: '<CreateBucketConfiguration><LocationConstraint>' });
    expect(res.status).toBe(400);
    expect(res.body.toString()).toContain('<Code>MalformedXML</Code>');
    expect((await raw('GET', '/_standin/health')).status).toBe(200);
  });
});

describe('DynamoDB on the wire', () => {
  it('sends x-amz-crc32 computed over the exact body bytes, and a 52-character request id', async () => {
    const res = await ddb('DynamoDB_20120810.ListTables', '{}');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(res.headers['x-amz-crc32']).toBe(String(crc32(res.body) >>> 0));
    expect(String(res.headers['x-amzn-requestid'])).toMatch(/^[A-Z0-9]{52}$/);
  });

  it('answers an unknown target with coral UnknownOperationException', async () => {
    const res = await ddb('DynamoDB_20120810.NoSuchThing', '{}');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body.toString())).toEqual({ __type: 'com.amazon.coral.service#UnknownOperationException' });
    expect(res.headers['x-amz-crc32']).toBe(String(crc32(res.body) >>> 0));
  });

  it('answers a body that is not JSON with SerializationException', async () => {
    const res = await ddb('DynamoDB_20120810.ListTables', '{not json');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body.toString()).__type).toBe('com.amazon.coral.service#SerializationException');
  });

  it('answers an unimplemented operation with NotImplemented in the awsJson envelope', async () => {
    const res = await ddb('DynamoDB_20120810.ListBackups', '{}');
    expect(res.status).toBe(501);
    expect(JSON.parse(res.body.toString())).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#NotImplemented',
      message: 'The ListBackups operation is not implemented by Standin.',
    });
  });
});

describe('restJson1 on the wire', () => {
  it('names the error in x-amzn-ErrorType and the body', async () => {
    const res = await raw('GET', '/2018-10-31/layers');
    expect(res.status).toBe(501);
    expect(res.headers['x-amzn-errortype']).toBe('NotImplemented');
    expect(JSON.parse(res.body.toString()).message).toBe('The ListLayers operation is not implemented by Standin.');
    expect(String(res.headers['x-amzn-requestid'])).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serialises API Gateway collections under their JSON name `item`', async () => {
    const res = await raw('GET', '/restapis');
    expect(res.status).toBe(200);
    // Other tests may have created APIs on the shared server: check the key, not the contents.
    const body = JSON.parse(res.body.toString()) as Record<string, unknown>;
    expect(Array.isArray(body.item)).toBe(true);
    expect(body).not.toHaveProperty('items');
  });
});
