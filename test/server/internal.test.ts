/** Standin's own endpoints, on a private server so that resetting it cannot disturb other test files. */

import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JS helper shared with scripts/test.mjs
import { startServer } from '../../scripts/lib/server.mjs';

let server: { endpoint: string; stop: () => Promise<void>; stderr: () => string };
beforeAll(async () => {
  server = await startServer({});
});
afterAll(() => server.stop());

const s3 = () =>
  new S3Client({
    endpoint: server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });

/** Requests in turn over one keep-alive agent. */
function overOneSocket(
  endpoint: string,
  requests: Array<{ method: string; path: string }>,
): Promise<Array<{ status: number; requestId?: string }>> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(endpoint);
  const one = (r: { method: string; path: string }) =>
    new Promise<{ status: number; requestId?: string }>((resolve, reject) => {
      const req = request({ agent, host: url.hostname, port: url.port, method: r.method, path: r.path }, (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            requestId: res.headers['x-amz-request-id'] as string | undefined,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    });
  return requests
    .reduce(async (acc, r) => [...(await acc), await one(r)], Promise.resolve([] as Array<{ status: number; requestId?: string }>))
    .finally(() => agent.destroy());
}

describe('internal endpoints', () => {
  it.each(['/_standin/health', '/_localstack/health'])('%s reports every service', async (path) => {
    const res = await fetch(`${server.endpoint}${path}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { services: Record<string, string> };
    expect(Object.keys(body.services).sort()).toEqual(['apigateway', 'dynamodb', 'lambda', 's3']);
    expect(new Set(Object.values(body.services))).toEqual(new Set(['available']));
  });

  it.each(['/_standin/reset', '/_localstack/state/reset'])('POST %s empties all state', async (path) => {
    await s3().send(new CreateBucketCommand({ Bucket: 'before-reset' }));
    const health = (await (await fetch(`${server.endpoint}/_standin/health`)).json()) as { services: Record<string, string> };
    expect(health.services.s3).toBe('running');
    const res = await fetch(`${server.endpoint}${path}`, { method: 'POST' });
    expect(res.status).toBe(200);
    const after = await s3().send(new ListBucketsCommand({}));
    expect(after.Buckets ?? []).toEqual([]);
  });

  it('lists every model operation and the implemented ones', async () => {
    const body = (await (await fetch(`${server.endpoint}/_standin/operations`)).json()) as Record<
      string,
      { operations: string[]; implemented: string[] }
    >;
    expect(body.s3?.operations).toContain('GetObject');
    expect(body.s3?.implemented).toEqual(expect.arrayContaining(['CreateBucket', 'DeleteBucket', 'HeadBucket', 'ListBuckets']));
    expect(Object.values(body).reduce((n, s) => n + s.operations.length, 0)).toBeGreaterThan(350);
  });

  it('HEAD under /_standin/ on a path Standin does not serve is S3 traffic, answered once', async () => {
    const answers = await overOneSocket(server.endpoint, [
      { method: 'HEAD', path: '/_standin/no-such-endpoint' },
      { method: 'HEAD', path: '/_standin/health' },
      { method: 'GET', path: '/_standin/health' },
    ]);
    expect(answers.map((a) => a.status)).toEqual([404, 200, 200]);
    // Nothing tried to write a second head for the first request.
    expect(server.stderr()).not.toMatch(/ERR_HTTP_HEADERS_SENT|Cannot write headers/);
    expect(answers[0]?.requestId).toMatch(/^[0-9A-F]{16}$/);
  });

  it('survives a client that leaves in the middle of a request body, and keeps answering', async () => {
    const url = new URL(server.endpoint);
    await new Promise<void>((resolve, reject) => {
      const socket = connect({ host: url.hostname, port: Number(url.port) }, () => {
        socket.write(
          'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 1000\r\n\r\n{"Limit":',
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
      socket.on('error', reject);
    });
    await new Promise((r) => setTimeout(r, 50));
    const res = await fetch(`${server.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ TableNames: [] });
    // A client going away is not a failure of Standin's, so it is not logged as one.
    expect(server.stderr()).not.toMatch(/ListTables failed/);
  });
});
