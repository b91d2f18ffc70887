/** Standin's own endpoints, on a private server so that resetting it cannot disturb other test files. */
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JS helper shared with scripts/test.mjs
import { startServer } from '../../scripts/lib/server.mjs';

let server: { endpoint: string; stop: () => Promise<void> };
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
});
