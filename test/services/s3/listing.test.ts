/** ListObjectsV2, ListObjects (v1) and ListObjectVersions through the JS SDK v3. */
import {
  CreateBucketCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, s3, uniqueName } from '../../support/clients.js';
import { raw } from './raw-http.js';

let client: S3Client;
let bucket: string;
const KEYS = ['a.txt', 'dir/one', 'dir/sub/two', 'dir/three', 'other/x', 'plus+key', 'space key', 'z'];

beforeAll(async () => {
  client = s3();
  bucket = uniqueName('js-list');
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  await Promise.all(KEYS.map((Key) => client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: Key }))));
});

describe('ListObjectsV2', () => {
  it('lists every key in order with size, ETag, storage class and KeyCount', async () => {
    const out = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(out.Contents?.map((c) => c.Key)).toEqual([...KEYS].sort());
    expect(out.KeyCount).toBe(KEYS.length);
    expect(out.MaxKeys).toBe(1000);
    expect(out.IsTruncated).toBe(false);
    const first = out.Contents?.[0];
    expect(first?.Size).toBe(5);
    expect(first?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first?.StorageClass).toBe('STANDARD');
    expect(first?.LastModified).toBeInstanceOf(Date);
    expect(first?.Owner).toBeUndefined();
  });

  it('rolls keys up into CommonPrefixes with a delimiter, counting both in KeyCount', async () => {
    const out = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'dir/', Delimiter: '/' }));
    expect(out.Contents?.map((c) => c.Key)).toEqual(['dir/one', 'dir/three']);
    expect(out.CommonPrefixes).toEqual([{ Prefix: 'dir/sub/' }]);
    expect(out.KeyCount).toBe(3);
    expect(out.Delimiter).toBe('/');
    expect(out.Prefix).toBe('dir/');
  });

  it('limits keys plus prefixes to MaxKeys and continues with an opaque token', async () => {
    const page1 = await client.send(new ListObjectsV2Command({ Bucket: bucket, Delimiter: '/', MaxKeys: 2 }));
    expect(page1.Contents?.map((c) => c.Key)).toEqual(['a.txt']);
    expect(page1.CommonPrefixes).toEqual([{ Prefix: 'dir/' }]);
    expect(page1.IsTruncated).toBe(true);
    const page2 = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Delimiter: '/', MaxKeys: 2, ContinuationToken: page1.NextContinuationToken }),
    );
    expect(page2.CommonPrefixes).toEqual([{ Prefix: 'other/' }]);
    expect(page2.Contents?.map((c) => c.Key)).toEqual(['plus+key']);
    expect(page2.ContinuationToken).toBe(page1.NextContinuationToken);
  });

  it('orders keys in UTF-8 byte order, emoji after U+E000–U+FFFF', async () => {
    const name = uniqueName('js-utf8');
    await client.send(new CreateBucketCommand({ Bucket: name }));
    for (const Key of ['😀', '\uffefz', 'a', '\ue000']) await client.send(new PutObjectCommand({ Bucket: name, Key, Body: 'x' }));
    const out = await client.send(new ListObjectsV2Command({ Bucket: name }));
    expect(out.Contents?.map((c) => c.Key)).toEqual(['a', '\ue000', '\uffefz', '😀']);
    const page = await client.send(new ListObjectsV2Command({ Bucket: name, StartAfter: '\uffefz' }));
    expect(page.Contents?.map((c) => c.Key)).toEqual(['😀']);
  });

  it('answers an empty untruncated page for MaxKeys 0', async () => {
    const out = await client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 0 }));
    expect(out.Contents).toBeUndefined();
    expect(out.KeyCount).toBe(0);
    expect(out.IsTruncated).toBe(false);
  });

  it('starts after StartAfter and includes Owner with FetchOwner', async () => {
    const out = await client.send(new ListObjectsV2Command({ Bucket: bucket, StartAfter: 'plus+key', FetchOwner: true }));
    expect(out.Contents?.map((c) => c.Key)).toEqual(['space key', 'z']);
    expect(out.StartAfter).toBe('plus+key');
    expect(out.Contents?.[0]?.Owner?.ID).toBe('000000000000');
  });

  it('URL-encodes keys with EncodingType=url, escaping plus and space', async () => {
    const res = await raw('GET', `/${bucket}?list-type=2&encoding-type=url&prefix=p`);
    const xml = res.body.toString();
    expect(xml).toContain('<Key>plus%2Bkey</Key>');
    expect(xml).toContain('<EncodingType>url</EncodingType>');
    expect(xml).toMatch(/<LastModified>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z<\/LastModified>/);
  });

  it('rejects an unknown encoding type and a forged continuation token', async () => {
    const res = await raw('GET', `/${bucket}?list-type=2&encoding-type=bogus`);
    expect(res.status).toBe(400);
    expect(res.body.toString()).toContain('<Message>Invalid Encoding Method specified in Request</Message>');
    const forged = await client
      .send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: 'bm9wZQ==' }))
      .catch((e: S3ServiceException) => e);
    expect((forged as S3ServiceException).name).toBe('InvalidArgument');
  });

  it('pages 1,500 objects in pages of 1,000, retrieving every key exactly once', async () => {
    const big = uniqueName('js-1500');
    await client.send(new CreateBucketCommand({ Bucket: big }));
    const keys = Array.from({ length: 1500 }, (_, i) => `k/${String(i).padStart(5, '0')}`);
    for (let i = 0; i < keys.length; i += 100) {
      await Promise.all(keys.slice(i, i + 100).map((Key) => client.send(new PutObjectCommand({ Bucket: big, Key, Body: 'x' }))));
    }
    const seen: string[] = [];
    let token: string | undefined;
    const pages: ListObjectsV2CommandOutput[] = [];
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: big, ContinuationToken: token }));
      pages.push(page);
      for (const c of page.Contents ?? []) seen.push(c.Key ?? '');
      token = page.NextContinuationToken;
    } while (token);
    expect(pages.map((p) => [p.KeyCount, p.IsTruncated])).toEqual([
      [1000, true],
      [500, false],
    ]);
    expect(seen).toEqual(keys);
  });
});

describe('ListBuckets', () => {
  it('answers BucketAlreadyExists (409) when another account owns the name', async () => {
    const name = uniqueName('js-taken');
    await client.send(new CreateBucketCommand({ Bucket: name }));
    const other = new S3Client({
      ...clientConfig(),
      forcePathStyle: true,
      credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' },
    });
    const error = (await other.send(new CreateBucketCommand({ Bucket: name })).catch((e: unknown) => e)) as S3ServiceException;
    expect(error.name).toBe('BucketAlreadyExists');
    expect(error.$metadata.httpStatusCode).toBe(409);
  });

  it('answers 200 again when you re-create your own us-east-1 bucket', async () => {
    const name = uniqueName('js-again');
    await client.send(new CreateBucketCommand({ Bucket: name }));
    const again = await client.send(new CreateBucketCommand({ Bucket: name }));
    expect(again.Location).toBe(`/${name}`);
  });

  it('filters by prefix and pages with MaxBuckets and a continuation token', async () => {
    const prefix = uniqueName('lb');
    for (const n of ['a', 'b', 'c']) await client.send(new CreateBucketCommand({ Bucket: `${prefix}-${n}` }));
    const first = await client.send(new ListBucketsCommand({ Prefix: prefix, MaxBuckets: 2 }));
    expect(first.Buckets?.map((b) => b.Name)).toEqual([`${prefix}-a`, `${prefix}-b`]);
    expect(first.Prefix).toBe(prefix);
    const second = await client.send(new ListBucketsCommand({ Prefix: prefix, MaxBuckets: 2, ContinuationToken: first.ContinuationToken }));
    expect(second.Buckets?.map((b) => b.Name)).toEqual([`${prefix}-c`]);
    expect(second.ContinuationToken).toBeUndefined();
  });
});

describe('ListObjects v1 and ListObjectVersions', () => {
  it('pages with Marker, giving NextMarker only with a delimiter', async () => {
    const plain = await client.send(new ListObjectsCommand({ Bucket: bucket, MaxKeys: 3 }));
    expect(plain.Contents?.map((c) => c.Key)).toEqual(['a.txt', 'dir/one', 'dir/sub/two']);
    expect(plain.IsTruncated).toBe(true);
    expect(plain.NextMarker).toBeUndefined();
    expect(plain.Contents?.[0]?.Owner?.ID).toBe('000000000000');
    const next = await client.send(new ListObjectsCommand({ Bucket: bucket, MaxKeys: 3, Marker: 'dir/sub/two' }));
    expect(next.Contents?.map((c) => c.Key)).toEqual(['dir/three', 'other/x', 'plus+key']);
    const delimited = await client.send(new ListObjectsCommand({ Bucket: bucket, MaxKeys: 2, Delimiter: '/' }));
    expect(delimited.NextMarker).toBe('dir/');
    const after = await client.send(new ListObjectsCommand({ Bucket: bucket, MaxKeys: 2, Delimiter: '/', Marker: 'dir/' }));
    expect(after.CommonPrefixes).toEqual([{ Prefix: 'other/' }]);
  });

  it('lists every object as the latest "null" version', async () => {
    const out = await client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: 'dir/' }));
    expect(out.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest])).toEqual([
      ['dir/one', 'null', true],
      ['dir/sub/two', 'null', true],
      ['dir/three', 'null', true],
    ]);
  });
});
