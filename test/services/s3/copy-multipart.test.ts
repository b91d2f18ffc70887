/** CopyObject, GetObjectAttributes, multipart uploads (incl. lib-storage Upload), tagging and bucket location. */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectTaggingCommand,
  GetBucketLocationCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
  type S3ServiceException,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { beforeAll, describe, expect, it } from 'vitest';
import { s3, uniqueName } from '../../support/clients.js';

let client: S3Client;
let bucket: string;
const MiB = 1024 * 1024;

beforeAll(async () => {
  client = s3();
  bucket = uniqueName('js-mpu');
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
});

const fail = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('expected an error'),
    (e: S3ServiceException) => e,
  );
const md5 = (b: Buffer) => createHash('md5').update(b).digest();

describe('CopyObject', () => {
  it('copies body and metadata, or replaces metadata with REPLACE', async () => {
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'src key+1', Body: 'payload', Metadata: { a: '1' }, ContentType: 'text/x' }),
    );
    const copied = await client.send(
      new CopyObjectCommand({ Bucket: bucket, Key: 'dst', CopySource: `${bucket}/${encodeURIComponent('src key+1')}` }),
    );
    expect(copied.CopyObjectResult?.ETag).toBe(`"${md5(Buffer.from('payload')).toString('hex')}"`);
    expect(copied.CopyObjectResult?.LastModified).toBeInstanceOf(Date);
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'dst' }));
    expect(head.Metadata).toEqual({ a: '1' });
    expect(head.ContentType).toBe('text/x');
    await client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: 'dst',
        CopySource: `${bucket}/src%20key%2B1`,
        MetadataDirective: 'REPLACE',
        Metadata: { b: '2' },
      }),
    );
    const replaced = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'dst' }));
    expect(replaced.Metadata).toEqual({ b: '2' });
    expect(replaced.ContentType).toBe('binary/octet-stream');
    expect(await replaced.Body?.transformToString()).toBe('payload');
  });

  it('refuses to copy an object onto itself without REPLACE', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'self', Body: 'x' }));
    const error = await fail(client.send(new CopyObjectCommand({ Bucket: bucket, Key: 'self', CopySource: `${bucket}/self` })));
    expect(error.name).toBe('InvalidRequest');
    expect(error.message).toContain('trying to copy an object to itself');
    await client.send(new CopyObjectCommand({ Bucket: bucket, Key: 'self', CopySource: `${bucket}/self`, MetadataDirective: 'REPLACE' }));
  });

  it('fails conditional copies with 412 and a missing source with NoSuchKey', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'cond-src', Body: 'x' }));
    const error = await fail(
      client.send(new CopyObjectCommand({ Bucket: bucket, Key: 'c', CopySource: `${bucket}/cond-src`, CopySourceIfMatch: '"zzz"' })),
    );
    expect(error.$metadata.httpStatusCode).toBe(412);
    const none = await fail(client.send(new CopyObjectCommand({ Bucket: bucket, Key: 'c', CopySource: `${bucket}/absent` })));
    expect(none.name).toBe('NoSuchKey');
  });

  it('reports ETag, size, storage class and checksum through GetObjectAttributes', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'attrs', Body: 'hello world', ChecksumAlgorithm: 'SHA256' }));
    const attrs = await client.send(
      new GetObjectAttributesCommand({
        Bucket: bucket,
        Key: 'attrs',
        ObjectAttributes: ['ETag', 'ObjectSize', 'StorageClass', 'Checksum'],
      }),
    );
    expect(attrs.ETag).toBe('5eb63bbbe01eeed093cb22bb8f5acdc3');
    expect(attrs.ObjectSize).toBe(11);
    expect(attrs.StorageClass).toBe('STANDARD');
    expect(attrs.Checksum?.ChecksumSHA256).toBe('uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=');
    expect(attrs.LastModified).toBeInstanceOf(Date);
  });
});

describe('multipart uploads', () => {
  it('completes two parts into one object with the "<md5 of md5s>-2" ETag', async () => {
    const a = Buffer.alloc(5 * MiB, 'a');
    const b = Buffer.from('b');
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'mp', ContentType: 'text/plain' }));
    const p1 = await client.send(new UploadPartCommand({ Bucket: bucket, Key: 'mp', UploadId, PartNumber: 1, Body: a }));
    const p2 = await client.send(new UploadPartCommand({ Bucket: bucket, Key: 'mp', UploadId, PartNumber: 2, Body: b }));
    const listed = await client.send(new ListPartsCommand({ Bucket: bucket, Key: 'mp', UploadId }));
    expect(listed.Parts?.map((p) => [p.PartNumber, p.Size])).toEqual([
      [1, a.length],
      [2, 1],
    ]);
    const done = await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: 'mp',
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: p1.ETag },
            { PartNumber: 2, ETag: p2.ETag },
          ],
        },
      }),
    );
    // The checklist's example: 5 MiB of "a" then "b".
    expect(done.ETag).toBe('"e5a8c5272b26fc10581a21089559b006-2"');
    expect(done.Location).toContain(`/${bucket}/mp`);
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'mp' }));
    expect(got.ContentLength).toBe(a.length + 1);
    expect(got.ContentType).toBe('text/plain');
    const part2 = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'mp', PartNumber: 2 }));
    expect(await part2.Body?.transformToString()).toBe('b');
    expect(part2.PartsCount).toBe(2);
  });

  it('rejects small non-final parts, wrong ETags and unordered parts', async () => {
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'bad' }));
    const p1 = await client.send(new UploadPartCommand({ Bucket: bucket, Key: 'bad', UploadId, PartNumber: 1, Body: 'small' }));
    const p2 = await client.send(new UploadPartCommand({ Bucket: bucket, Key: 'bad', UploadId, PartNumber: 2, Body: 'tail' }));
    const complete = (Parts: Array<{ PartNumber: number; ETag?: string | undefined }>) =>
      fail(client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'bad', UploadId, MultipartUpload: { Parts } })));
    const small = await complete([
      { PartNumber: 1, ETag: p1.ETag },
      { PartNumber: 2, ETag: p2.ETag },
    ]);
    expect(small.name).toBe('EntityTooSmall');
    expect(small.message).toBe('Your proposed upload is smaller than the minimum allowed size');
    const wrong = await complete([{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }]);
    expect(wrong.name).toBe('InvalidPart');
    const order = await complete([
      { PartNumber: 2, ETag: p2.ETag },
      { PartNumber: 1, ETag: p1.ETag },
    ]);
    expect(order.name).toBe('InvalidPartOrder');
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: 'bad', UploadId }));
    const gone = await fail(client.send(new ListPartsCommand({ Bucket: bucket, Key: 'bad', UploadId })));
    expect(gone.name).toBe('NoSuchUpload');
    expect(gone.$metadata.httpStatusCode).toBe(404);
  });

  it('refuses CompleteMultipartUpload with If-None-Match * once the key exists', async () => {
    const key = uniqueName('cond-mpu');
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const p1 = await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: 'only part' }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'won the race' }));
    const error = await fail(
      client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId,
          IfNoneMatch: '*',
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }] },
        }),
      ),
    );
    expect(error.name).toBe('PreconditionFailed');
    expect(error.$metadata.httpStatusCode).toBe(412);
  });

  it('lists uploads in progress', async () => {
    const key = uniqueName('inflight');
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const list = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }));
    expect(list.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([[key, UploadId]]);
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId }));
  });

  it('copies byte ranges of an object into parts with UploadPartCopy', async () => {
    const source = Buffer.alloc(6 * MiB);
    for (let i = 0; i < source.length; i++) source[i] = i % 251;
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'copy-src', Body: source }));
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'assembled' }));
    const c1 = await client.send(
      new UploadPartCopyCommand({
        Bucket: bucket,
        Key: 'assembled',
        UploadId,
        PartNumber: 1,
        CopySource: `${bucket}/copy-src`,
        CopySourceRange: `bytes=0-${5 * MiB - 1}`,
      }),
    );
    const c2 = await client.send(
      new UploadPartCopyCommand({
        Bucket: bucket,
        Key: 'assembled',
        UploadId,
        PartNumber: 2,
        CopySource: `${bucket}/copy-src`,
        CopySourceRange: `bytes=${5 * MiB}-${6 * MiB - 1}`,
      }),
    );
    expect(c1.CopyPartResult?.ETag).toBe(`"${md5(source.subarray(0, 5 * MiB)).toString('hex')}"`);
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: 'assembled',
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: c1.CopyPartResult?.ETag },
            { PartNumber: 2, ETag: c2.CopyPartResult?.ETag },
          ],
        },
      }),
    );
    const got = Buffer.from(
      (await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'assembled' }))).Body?.transformToByteArray()) ?? [],
    );
    expect(got.equals(source)).toBe(true);
  });

  it('uploads a 12 MiB stream with lib-storage Upload at default settings', async () => {
    const data = Buffer.alloc(12 * MiB);
    for (let i = 0; i < data.length; i += 4096) data[i] = (i / 4096) & 0xff;
    const upload = new Upload({
      client,
      params: { Bucket: bucket, Key: 'lib-storage', Body: Readable.from([data.subarray(0, 7 * MiB), data.subarray(7 * MiB)]) },
    });
    const result = await upload.done();
    expect(result.ETag).toMatch(/-3"$/);
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'lib-storage', ChecksumMode: 'ENABLED' }));
    expect(head.ContentLength).toBe(data.length);
    const got = Buffer.from(
      (await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'lib-storage' }))).Body?.transformToByteArray()) ?? [],
    );
    expect(got.equals(data)).toBe(true);
  });

  it('returns a COMPOSITE CRC32 for an upload created with CRC32 and requires part checksums', async () => {
    const part = Buffer.alloc(5 * MiB, 'z');
    const { UploadId, ChecksumAlgorithm, ChecksumType } = await client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'crc-mpu', ChecksumAlgorithm: 'CRC32' }),
    );
    expect([ChecksumAlgorithm, ChecksumType]).toEqual(['CRC32', 'COMPOSITE']);
    const p1 = await client.send(
      new UploadPartCommand({ Bucket: bucket, Key: 'crc-mpu', UploadId, PartNumber: 1, Body: part, ChecksumAlgorithm: 'CRC32' }),
    );
    const p2 = await client.send(
      new UploadPartCommand({ Bucket: bucket, Key: 'crc-mpu', UploadId, PartNumber: 2, Body: 'end', ChecksumAlgorithm: 'CRC32' }),
    );
    expect(p1.ChecksumCRC32).toBeDefined();
    const missing = await fail(
      client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: 'crc-mpu',
          UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 1, ETag: p1.ETag },
              { PartNumber: 2, ETag: p2.ETag },
            ],
          },
        }),
      ),
    );
    expect(missing.name).toBe('InvalidRequest');
    const done = await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: 'crc-mpu',
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: p1.ETag, ChecksumCRC32: p1.ChecksumCRC32 },
            { PartNumber: 2, ETag: p2.ETag, ChecksumCRC32: p2.ChecksumCRC32 },
          ],
        },
      }),
    );
    expect(done.ChecksumCRC32).toMatch(/-2$/);
    expect(done.ChecksumType).toBe('COMPOSITE');
    // The SDK skips validating "-N" checksums, so a full GET with checksum mode must still succeed.
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'crc-mpu', ChecksumMode: 'ENABLED' }));
    expect((await got.Body?.transformToByteArray())?.length).toBe(part.length + 3);
    const attrs = await client.send(
      new GetObjectAttributesCommand({ Bucket: bucket, Key: 'crc-mpu', ObjectAttributes: ['ObjectParts', 'Checksum'] }),
    );
    expect(attrs.ObjectParts?.TotalPartsCount).toBe(2);
    expect(attrs.ObjectParts?.Parts?.map((p) => [p.PartNumber, p.Size, p.ChecksumCRC32])).toEqual([
      [1, part.length, p1.ChecksumCRC32],
      [2, 3, p2.ChecksumCRC32],
    ]);
    expect(attrs.Checksum?.ChecksumType).toBe('COMPOSITE');
  });

  it('combines part CRC64NVMEs into the full-object checksum of the bytes', async () => {
    const { UploadId } = await client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'full', ChecksumAlgorithm: 'CRC64NVME' }),
    );
    const p1 = await client.send(
      new UploadPartCommand({ Bucket: bucket, Key: 'full', UploadId, PartNumber: 1, Body: Buffer.alloc(5 * MiB, 'q') }),
    );
    const p2 = await client.send(new UploadPartCommand({ Bucket: bucket, Key: 'full', UploadId, PartNumber: 2, Body: 'hello world' }));
    const done = await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: 'full',
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: p1.ETag },
            { PartNumber: 2, ETag: p2.ETag },
          ],
        },
      }),
    );
    expect(done.ChecksumType).toBe('FULL_OBJECT');
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'full-single',
        Body: Buffer.concat([Buffer.alloc(5 * MiB, 'q'), Buffer.from('hello world')]),
        ChecksumAlgorithm: 'CRC64NVME',
      }),
    );
    const single = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'full-single', ChecksumMode: 'ENABLED' }));
    expect(done.ChecksumCRC64NVME).toBe(single.ChecksumCRC64NVME);
  });
});

describe('tagging and bucket location', () => {
  it('stores x-amz-tagging on put and round-trips Put/Get/DeleteObjectTagging', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'tagged', Body: 'x', Tagging: 'env=dev&team=a%20b' }));
    const tags = await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'tagged' }));
    expect(tags.TagSet).toEqual([
      { Key: 'env', Value: 'dev' },
      { Key: 'team', Value: 'a b' },
    ]);
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'tagged' }));
    expect(got.TagCount).toBe(2);
    await client.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'tagged', Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } }));
    expect((await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'tagged' }))).TagSet).toEqual([{ Key: 'k', Value: 'v' }]);
    await client.send(new DeleteObjectTaggingCommand({ Bucket: bucket, Key: 'tagged' }));
    expect((await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'tagged' }))).TagSet).toEqual([]);
  });

  it('rejects duplicate tag keys with InvalidTag', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'dup-tags', Body: 'x' }));
    const error = await fail(
      client.send(
        new PutObjectTaggingCommand({
          Bucket: bucket,
          Key: 'dup-tags',
          Tagging: {
            TagSet: [
              { Key: 'a', Value: '1' },
              { Key: 'a', Value: '2' },
            ],
          },
        }),
      ),
    );
    expect(error.name).toBe('InvalidTag');
  });

  it('answers GetBucketLocation with an empty constraint for us-east-1 and the region otherwise', async () => {
    expect((await client.send(new GetBucketLocationCommand({ Bucket: bucket }))).LocationConstraint).toBeUndefined();
    const eu = uniqueName('js-loc');
    await client.send(new CreateBucketCommand({ Bucket: eu, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    expect((await client.send(new GetBucketLocationCommand({ Bucket: eu }))).LocationConstraint).toBe('eu-west-1');
  });
});
