/** @streaming blobs stay streams through the generated serde: nothing is buffered on the way in or out. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { operationTable } from '../../generated/s3/index.js';
import { fakeRequest } from '../runtime/fake-request.js';

describe('streaming bodies', () => {
  it('hands PutObject the request stream itself, with its headers bound', async () => {
    const req = fakeRequest({
      method: 'PUT',
      path: '/b/k',
      labels: { Bucket: 'b', Key: 'k' },
      headers: { 'content-type': 'text/plain', 'x-amz-meta-colour': 'blue', 'content-length': '5' },
      body: 'hello',
    });
    const input = (await operationTable.PutObject?.parse(req)) as {
      Body: Readable;
      ContentType: string;
      Metadata: Record<string, string>;
      ContentLength: number;
    };
    expect(input.Body).toBeInstanceOf(Readable);
    expect(input.ContentType).toBe('text/plain');
    expect(input.ContentLength).toBe(5);
    expect(input.Metadata).toEqual({ colour: 'blue' });
    const chunks: Buffer[] = [];
    for await (const chunk of input.Body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello');
  });

  it('sends a GetObject Body stream as the response body with its headers', () => {
    const body = Readable.from(['a', 'b']);
    const res = operationTable.GetObject?.serialize({
      Body: body,
      ContentLength: 2,
      ETag: '"187ef4436122d1cc2f40dc2b92f0eba0"',
      LastModified: new Date('2026-11-29T06:49:40Z'),
      Metadata: { colour: 'blue' },
    });
    expect(res?.body).toBe(body);
    expect(res?.status).toBe(200);
    expect(res?.headers).toEqual(
      expect.arrayContaining([
        ['Content-Length', '2'],
        ['ETag', '"187ef4436122d1cc2f40dc2b92f0eba0"'],
        ['Last-Modified', 'Sun, 29 Nov 2026 06:49:40 GMT'],
        ['x-amz-meta-colour', 'blue'],
      ]),
    );
  });
});
