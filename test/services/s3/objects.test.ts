/** PutObject / GetObject / HeadObject / DeleteObject(s) through the JS SDK v3 at default settings. */
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { s3, uniqueName } from '../../support/clients.js';

let client: S3Client;
let bucket: string;

beforeAll(async () => {
  client = s3();
  bucket = uniqueName('js-obj');
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
});

const fail = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('expected an error'),
    (e: S3ServiceException) => e,
  );

describe('PutObject and GetObject', () => {
  it('round-trips a string body with a quoted MD5 ETag and the default content type', async () => {
    const put = await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'hello.txt', Body: 'hello world' }));
    expect(put.ETag).toBe('"5eb63bbbe01eeed093cb22bb8f5acdc3"');
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'hello.txt' }));
    expect(await got.Body?.transformToString()).toBe('hello world');
    expect(got.ETag).toBe(put.ETag);
    expect(got.ContentLength).toBe(11);
    expect(got.AcceptRanges).toBe('bytes');
    expect(got.LastModified).toBeInstanceOf(Date);
    expect(Math.abs((got.LastModified?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('decodes an aws-chunked stream body with a trailing CRC32 (the SDK default for streams)', async () => {
    const data = Buffer.alloc(700 * 1024, 'x');
    const body = Readable.from([data.subarray(0, 300_000), data.subarray(300_000)]);
    const put = await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'streamed.bin', Body: body, ContentLength: data.length, ContentEncoding: 'gzip' }),
    );
    expect(put.ChecksumCRC32).toBeDefined();
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'streamed.bin' }));
    const bytes = Buffer.from((await got.Body?.transformToByteArray()) ?? []);
    expect(bytes.length).toBe(data.length);
    expect(bytes.equals(data)).toBe(true);
    // aws-chunked is removed from the stored encoding; other codings stay.
    expect(got.ContentEncoding).toBe('gzip');
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
  });

  it('keeps metadata, content headers, storage class and website redirect', async () => {
    const expires = new Date('2030-01-01T00:00:00Z');
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'meta.txt',
        Body: 'x',
        ContentType: 'text/plain',
        ContentDisposition: 'attachment; filename="a.txt"',
        ContentLanguage: 'en',
        CacheControl: 'max-age=60',
        Expires: expires,
        Metadata: { 'Camel-Case': 'Value', plain: 'v2' },
        StorageClass: 'STANDARD_IA',
        WebsiteRedirectLocation: '/other',
      }),
    );
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'meta.txt' }));
    expect(head.Metadata).toEqual({ 'camel-case': 'Value', plain: 'v2' });
    expect(head.ContentType).toBe('text/plain');
    expect(head.ContentDisposition).toBe('attachment; filename="a.txt"');
    expect(head.ContentLanguage).toBe('en');
    expect(head.CacheControl).toBe('max-age=60');
    expect(head.Expires?.toISOString()).toBe(expires.toISOString());
    expect(head.StorageClass).toBe('STANDARD_IA');
    expect(head.WebsiteRedirectLocation).toBe('/other');
  });

  it('rejects an unknown storage class and refuses to read GLACIER objects', async () => {
    const bad = await fail(client.send(new PutObjectCommand({ Bucket: bucket, Key: 'sc', Body: 'x', StorageClass: 'NOPE' as never })));
    expect(bad.name).toBe('InvalidStorageClass');
    expect(bad.message).toBe('The storage class you specified is not valid');
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'cold', Body: 'x', StorageClass: 'GLACIER' }));
    const cold = await fail(client.send(new GetObjectCommand({ Bucket: bucket, Key: 'cold' })));
    expect(cold.name).toBe('InvalidObjectState');
    expect(cold.$metadata.httpStatusCode).toBe(403);
    expect((await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'cold' }))).StorageClass).toBe('GLACIER');
  });

  it('applies response-* overrides on GET', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'ov.txt', Body: 'x', ContentType: 'text/plain' }));
    const got = await client.send(
      new GetObjectCommand({
        Bucket: bucket,
        Key: 'ov.txt',
        ResponseContentType: 'application/json',
        ResponseContentDisposition: 'inline',
        ResponseCacheControl: 'no-cache',
      }),
    );
    expect(got.ContentType).toBe('application/json');
    expect(got.ContentDisposition).toBe('inline');
    expect(got.CacheControl).toBe('no-cache');
  });

  it('refuses a response-* override that a header cannot carry, as S3 does, and serves the object after', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'ov-bad.txt', Body: 'x' }));
    const value = 'attachment; filename=report-1976–2016.md';
    for (const send of [GetObjectCommand, HeadObjectCommand]) {
      const err = await fail(client.send(new send({ Bucket: bucket, Key: 'ov-bad.txt', ResponseContentDisposition: value })));
      expect(err.$metadata.httpStatusCode).toBe(400);
      if (send === GetObjectCommand) {
        // HEAD answers carry no body, so only GET shows S3's message and fields.
        expect(err.name).toBe('InvalidArgument');
        expect(err.message).toBe('Header value cannot be represented using ISO-8859-1.');
        expect(err).toMatchObject({ ArgumentName: 'response-content-disposition', ArgumentValue: value });
      }
    }
    // A control character is refused too (HEAD: the SDK cannot parse an XML body naming a NUL).
    const control = await fail(
      client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'ov-bad.txt', ResponseContentType: 'text/plain\u0000' })),
    );
    expect(control.$metadata.httpStatusCode).toBe(400);
    const got = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'ov-bad.txt', ResponseContentDisposition: 'attachment; filename=caf\u00e9.md' }),
    );
    expect(got.ContentDisposition).toBe('attachment; filename=caf\u00e9.md');
  });

  it('handles keys with slashes, dots, spaces, plus, percent and emoji', async () => {
    const keys = ['a/b/c.txt', 'a//b', '../up', './here', 'with space', 'plus+sign', 'per%cent', 'emoji-🎉', '/lead'];
    for (const Key of keys) await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: Key }));
    for (const Key of keys) {
      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
      expect(await got.Body?.transformToString()).toBe(Key);
    }
  });

  it('rejects keys over 1024 bytes with KeyTooLongError', async () => {
    const error = await fail(client.send(new PutObjectCommand({ Bucket: bucket, Key: 'k'.repeat(1025), Body: 'x' })));
    expect(error.name).toBe('KeyTooLongError');
    expect(error.message).toBe('Your key is too long');
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'k'.repeat(1024), Body: 'x' }));
  });

  it('throws NoSuchKey with the key for a missing object, NotFound on HEAD', async () => {
    const error = await fail(client.send(new GetObjectCommand({ Bucket: bucket, Key: 'missing' })));
    expect(error).toBeInstanceOf(NoSuchKey);
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect((error as unknown as { Key: string }).Key).toBe('missing');
    const head = await fail(client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'missing' })));
    expect(head.name).toBe('NotFound');
  });

  it('answers 403 when x-amz-expected-bucket-owner names another account', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'owned', Body: 'x' }));
    const error = await fail(client.send(new GetObjectCommand({ Bucket: bucket, Key: 'owned', ExpectedBucketOwner: '111122223333' })));
    expect(error.$metadata.httpStatusCode).toBe(403);
    const mine = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'owned', ExpectedBucketOwner: '000000000000' }));
    expect(await mine.Body?.transformToString()).toBe('x');
  });

  it('throws NoSuchBucket for an object in a missing bucket', async () => {
    const error = await fail(client.send(new GetObjectCommand({ Bucket: uniqueName('nobucket'), Key: 'k' })));
    expect(error.name).toBe('NoSuchBucket');
  });
});

describe('checksums', () => {
  it('returns the stored checksum only with ChecksumMode ENABLED and never on a range', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'sum.txt', Body: 'hello world', ChecksumAlgorithm: 'SHA256' }));
    const enabled = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'sum.txt', ChecksumMode: 'ENABLED' }));
    expect(enabled.ChecksumSHA256).toBe('uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=');
    expect(enabled.ChecksumType).toBe('FULL_OBJECT');
    const plain = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'sum.txt' }));
    expect(plain.ChecksumSHA256).toBeUndefined();
    const ranged = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'sum.txt', Range: 'bytes=0-4', ChecksumMode: 'ENABLED' }));
    expect(await ranged.Body?.transformToString()).toBe('hello');
    expect(ranged.ChecksumSHA256).toBeUndefined();
  });

  it('stores CRC32C and CRC64NVME checksums given as headers', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'c.txt', Body: 'hello world', ChecksumCRC32C: 'yZRlqg==' }));
    const c = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'c.txt', ChecksumMode: 'ENABLED' }));
    expect(c.ChecksumCRC32C).toBe('yZRlqg==');
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'n.txt', Body: 'hello world', ChecksumCRC64NVME: 'jSnVw/bqjr4=' }));
    const n = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'n.txt', ChecksumMode: 'ENABLED' }));
    expect(n.ChecksumCRC64NVME).toBe('jSnVw/bqjr4=');
  });

  it('answers BadDigest when a given checksum does not match', async () => {
    const error = await fail(
      client.send(new PutObjectCommand({ Bucket: bucket, Key: 'bad', Body: 'hello world', ChecksumCRC32: 'AAAAAA==' })),
    );
    expect(error.name).toBe('BadDigest');
    expect(error.message).toBe('The crc32 you specified did not match the calculated checksum.');
  });

  it('answers BadDigest for a wrong Content-MD5 and InvalidDigest for a malformed one', async () => {
    const wrong = await fail(
      client.send(new PutObjectCommand({ Bucket: bucket, Key: 'md5', Body: 'hello', ContentMD5: Buffer.alloc(16).toString('base64') })),
    );
    expect(wrong.name).toBe('BadDigest');
    expect(wrong.message).toBe('The Content-MD5 you specified did not match what we received.');
    const bad = await fail(client.send(new PutObjectCommand({ Bucket: bucket, Key: 'md5', Body: 'hello', ContentMD5: 'nope' })));
    expect(bad.name).toBe('InvalidDigest');
    expect(bad.message).toBe('The Content-MD5 you specified was invalid.');
  });
});

describe('ranges and conditionals', () => {
  beforeAll(async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'digits', Body: '0123456789' }));
  });

  const ranged = async (Range: string) => {
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'digits', Range }));
    return { body: await got.Body?.transformToString(), range: got.ContentRange, length: got.ContentLength };
  };

  it('serves bytes=0-8, 1-, -2, -15 and 0-100 as partial content', async () => {
    expect(await ranged('bytes=0-8')).toEqual({ body: '012345678', range: 'bytes 0-8/10', length: 9 });
    expect(await ranged('bytes=1-')).toEqual({ body: '123456789', range: 'bytes 1-9/10', length: 9 });
    expect(await ranged('bytes=-2')).toEqual({ body: '89', range: 'bytes 8-9/10', length: 2 });
    expect(await ranged('bytes=-15')).toEqual({ body: '0123456789', range: 'bytes 0-9/10', length: 10 });
    expect(await ranged('bytes=0-100')).toEqual({ body: '0123456789', range: 'bytes 0-9/10', length: 10 });
  });

  it('ignores malformed and multiple ranges', async () => {
    for (const r of ['bytes=1-0', 'bytes=-', '0-1', 'bytes=0-1,3-4']) {
      expect(await ranged(r)).toEqual({ body: '0123456789', range: undefined, length: 10 });
    }
  });

  it('answers 416 InvalidRange with the object size for a range past the end', async () => {
    const error = await fail(client.send(new GetObjectCommand({ Bucket: bucket, Key: 'digits', Range: 'bytes=100-200' })));
    expect(error.name).toBe('InvalidRange');
    expect(error.$metadata.httpStatusCode).toBe(416);
    expect((error as unknown as { ActualObjectSize: string }).ActualObjectSize).toBe('10');
  });

  it('answers 412 for a failed If-Match and 304 for a matching If-None-Match', async () => {
    const failed = await fail(client.send(new GetObjectCommand({ Bucket: bucket, Key: 'digits', IfMatch: '"nope"' })));
    expect(failed.name).toBe('PreconditionFailed');
    expect(failed.$metadata.httpStatusCode).toBe(412);
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'digits' }));
    const notModified = await fail(client.send(new GetObjectCommand({ Bucket: bucket, Key: 'digits', IfNoneMatch: head.ETag })));
    expect(notModified.$metadata.httpStatusCode).toBe(304);
  });

  it('lets a matching If-Match win over a failing If-Unmodified-Since', async () => {
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'digits' }));
    const got = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'digits', IfMatch: head.ETag, IfUnmodifiedSince: new Date('2000-01-01') }),
    );
    expect(await got.Body?.transformToString()).toBe('0123456789');
    const failed = await fail(
      client.send(new GetObjectCommand({ Bucket: bucket, Key: 'digits', IfUnmodifiedSince: new Date('2000-01-01') })),
    );
    expect(failed.name).toBe('PreconditionFailed');
  });

  it('answers 304 when not modified since a later date, ignoring one in the future', async () => {
    const later = new Date(Date.now() + 1000);
    const error = await fail(
      client.send(new GetObjectCommand({ Bucket: bucket, Key: 'digits', IfModifiedSince: new Date(Date.now() - 1) })),
    );
    expect(error.$metadata.httpStatusCode).toBe(304);
    const future = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'digits', IfModifiedSince: new Date(later.getTime() + 86_400_000) }),
    );
    expect(future.ContentLength).toBe(10);
  });

  it('refuses a conditional write with If-None-Match * on an existing key and a stale If-Match', async () => {
    const key = uniqueName('cond');
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v1', IfNoneMatch: '*' }));
    const again = await fail(client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v2', IfNoneMatch: '*' })));
    expect(again.$metadata.httpStatusCode).toBe(412);
    const stale = await fail(client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v2', IfMatch: '"0000"' })));
    expect(stale.$metadata.httpStatusCode).toBe(412);
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v3', IfMatch: head.ETag }));
  });
});

describe('DeleteObject and DeleteObjects', () => {
  it('answers 204 for a missing key as for a present one', async () => {
    const missing = await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'never-was' }));
    expect(missing.$metadata.httpStatusCode).toBe(204);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'gone', Body: 'x' }));
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'gone' }));
    expect((await fail(client.send(new GetObjectCommand({ Bucket: bucket, Key: 'gone' })))).name).toBe('NoSuchKey');
  });

  it('deletes many keys, listing them unless Quiet', async () => {
    for (const Key of ['d1', 'd2', 'd3']) await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'x' }));
    const verbose = await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'd1' }, { Key: 'd2' }] } }));
    expect(verbose.Deleted?.map((d) => d.Key)).toEqual(['d1', 'd2']);
    const quiet = await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'd3' }], Quiet: true } }));
    expect(quiet.Deleted).toBeUndefined();
    expect((await fail(client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'd3' })))).name).toBe('NotFound');
  });

  it('answers MalformedXML for a DeleteObjects entry without a Key, deleting nothing', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'd4', Body: 'x' }));
    const noKey = {} as { Key: string };
    const err = await fail(client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'd4' }, noKey] } })));
    expect(err.name).toBe('MalformedXML');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect((await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'd4' }))).ContentLength).toBe(1);
  });

  it('refuses to delete a non-empty bucket with BucketNotEmpty (409)', async () => {
    const name = uniqueName('js-full');
    await client.send(new CreateBucketCommand({ Bucket: name }));
    await client.send(new PutObjectCommand({ Bucket: name, Key: 'k', Body: 'x' }));
    const error = await fail(client.send(new DeleteBucketCommand({ Bucket: name })));
    expect(error.name).toBe('BucketNotEmpty');
    expect(error.message).toBe('The bucket you tried to delete is not empty');
    expect(error.$metadata.httpStatusCode).toBe(409);
    await client.send(new DeleteObjectCommand({ Bucket: name, Key: 'k' }));
    await client.send(new DeleteBucketCommand({ Bucket: name }));
  });
});
