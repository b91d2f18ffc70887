/**
 * CopyObject and the copy-source rules UploadPartCopy shares; GetObjectAttributes.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
 */

import { createHash } from 'node:crypto';
import {
  type CopyObjectOutput,
  type CopyObjectRequest,
  type GetObjectAttributesOutput,
  type GetObjectAttributesRequest,
  InvalidArgument,
  InvalidRequest,
  type StorageClass,
} from '../../../generated/s3/index.js';
import { type ChecksumAlgorithm, newChecksummer, parseAlgorithm } from '../../protocols/s3-checksums.js';
import { requireBucket } from './buckets.js';
import { etagMatches, preconditionFailed, stripQuotes } from './conditions.js';
import { storedMetadata } from './metadata.js';
import { checkKey, checkStorageClass, checkWriteConditions, headersFrom, requireObject } from './objects.js';
import { parseTaggingHeader } from './receive.js';
import { putStored, type S3State, type StoredObject } from './state.js';
import { type Body, readBody, sliceBody } from './storage.js';

/** `x-amz-copy-source`: `[/]bucket/key[?versionId=…]`, the key URL-encoded (`+` is a literal plus). */
export function parseCopySource(value: string): { bucket: string; key: string } {
  const [path = ''] = value.split('?');
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash === trimmed.length - 1) {
    throw new InvalidArgument('Invalid copy source object key', { ArgumentName: 'x-amz-copy-source', ArgumentValue: value });
  }
  try {
    return { bucket: decodeURIComponent(trimmed.slice(0, slash)), key: decodeURIComponent(trimmed.slice(slash + 1)) };
  } catch {
    throw new InvalidArgument('Invalid copy source encoding', { ArgumentName: 'x-amz-copy-source', ArgumentValue: value });
  }
}

export interface CopySourceConditions {
  CopySourceIfMatch?: string | undefined;
  CopySourceIfNoneMatch?: string | undefined;
  CopySourceIfModifiedSince?: Date | undefined;
  CopySourceIfUnmodifiedSince?: Date | undefined;
}

const seconds = (d: Date): number => Math.floor(d.getTime() / 1000);

/** Copy conditions all fail with 412 (never 304), naming the header that failed. */
export function checkCopyConditions(src: StoredObject, c: CopySourceConditions): void {
  const modified = seconds(src.lastModified);
  if (c.CopySourceIfMatch !== undefined) {
    if (!etagMatches(c.CopySourceIfMatch, src.etag)) throw preconditionFailed('x-amz-copy-source-If-Match');
  } else if (c.CopySourceIfUnmodifiedSince && modified > seconds(c.CopySourceIfUnmodifiedSince)) {
    throw preconditionFailed('x-amz-copy-source-If-Unmodified-Since');
  }
  if (c.CopySourceIfNoneMatch !== undefined) {
    if (etagMatches(c.CopySourceIfNoneMatch, src.etag)) throw preconditionFailed('x-amz-copy-source-If-None-Match');
  } else if (c.CopySourceIfModifiedSince && modified <= seconds(c.CopySourceIfModifiedSince)) {
    throw preconditionFailed('x-amz-copy-source-If-Modified-Since');
  }
}

export function sourceObject(state: S3State, copySource: string, c: CopySourceConditions): StoredObject {
  const { bucket, key } = parseCopySource(copySource);
  const src = requireObject(requireBucket(state, bucket), key);
  checkCopyConditions(src, c);
  return src;
}

/** MD5 and (optionally) a flexible checksum of a stored body, read back from storage. */
export async function digestBody(body: Body, algorithm?: ChecksumAlgorithm): Promise<{ md5: string; checksum?: string }> {
  const md5 = createHash('md5');
  const sum = algorithm ? newChecksummer(algorithm) : undefined;
  for await (const chunk of readBody(body)) {
    md5.update(chunk as Buffer);
    sum?.update(chunk as Buffer);
  }
  const out: { md5: string; checksum?: string } = { md5: md5.digest('hex') };
  if (sum) out.checksum = (await sum.digest()).toString('base64');
  return out;
}

export async function copyObject(state: S3State, input: CopyObjectRequest): Promise<CopyObjectOutput> {
  const bucket = requireBucket(state, input.Bucket);
  checkKey(input.Key);
  const src = sourceObject(state, input.CopySource, input);
  const replaceMeta = input.MetadataDirective === 'REPLACE';
  const { bucket: srcBucket, key: srcKey } = parseCopySource(input.CopySource);
  const self = srcBucket === input.Bucket && srcKey === input.Key;
  const changes = replaceMeta || input.StorageClass !== undefined || input.WebsiteRedirectLocation !== undefined;
  if (self && !changes && input.ServerSideEncryption === undefined) {
    throw new InvalidRequest(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  checkWriteConditions(bucket, input.Key, input.IfMatch, input.IfNoneMatch);
  const algorithm = parseAlgorithm(input.ChecksumAlgorithm) ?? src.checksum?.algorithm;
  // A multipart source gets a plain MD5 ETag once copied; a new checksum algorithm needs the bytes read again.
  const reread = src.parts !== undefined || (algorithm !== undefined && algorithm !== src.checksum?.algorithm);
  const digest = reread ? await digestBody(src.body, algorithm) : undefined;
  const body = sliceBody(src.body, 0, src.size - 1);
  const headers = replaceMeta ? headersFrom(input) : { ...src.headers };
  if (!replaceMeta && input.WebsiteRedirectLocation !== undefined) headers.websiteRedirectLocation = input.WebsiteRedirectLocation;
  const obj: StoredObject = {
    key: input.Key,
    body,
    size: src.size,
    etag: digest ? `"${digest.md5}"` : src.etag,
    lastModified: new Date(),
    headers,
    metadata: replaceMeta ? storedMetadata(input.Metadata) : { ...src.metadata },
    storageClass: input.StorageClass !== undefined ? checkStorageClass(input.StorageClass) : self ? src.storageClass : 'STANDARD',
    tags: input.TaggingDirective === 'REPLACE' ? parseTaggingHeader(input.Tagging) : [...src.tags],
  };
  if (algorithm) {
    const value = digest?.checksum ?? src.checksum?.value;
    if (value !== undefined) obj.checksum = { algorithm, value, type: 'FULL_OBJECT' };
  }
  putStored(bucket, obj);
  const result: NonNullable<CopyObjectOutput['CopyObjectResult']> = { ETag: obj.etag, LastModified: obj.lastModified };
  if (obj.checksum) {
    (result as Record<string, unknown>)[`Checksum${obj.checksum.algorithm}`] = obj.checksum.value;
    result.ChecksumType = obj.checksum.type;
  }
  return { CopyObjectResult: result };
}

export function getObjectAttributes(state: S3State, input: GetObjectAttributesRequest): GetObjectAttributesOutput {
  const obj = requireObject(requireBucket(state, input.Bucket), input.Key);
  const want = new Set(input.ObjectAttributes ?? []);
  const out: GetObjectAttributesOutput = { LastModified: obj.lastModified };
  // GetObjectAttributes reports the ETag without quotes (API_GetObjectAttributes.html, response example).
  if (want.has('ETag')) out.ETag = stripQuotes(obj.etag);
  if (want.has('ObjectSize')) out.ObjectSize = obj.size;
  if (want.has('StorageClass')) out.StorageClass = obj.storageClass as StorageClass;
  if (want.has('Checksum') && obj.checksum) {
    out.Checksum = { [`Checksum${obj.checksum.algorithm}`]: obj.checksum.value, ChecksumType: obj.checksum.type };
  }
  if (want.has('ObjectParts') && obj.parts) {
    const max = input.MaxParts ?? 1000;
    const marker = input.PartNumberMarker ?? 0;
    const after = obj.parts.filter((p) => p.partNumber > marker);
    const page = after.slice(0, max);
    const last = page.at(-1);
    out.ObjectParts = {
      TotalPartsCount: obj.parts.length,
      PartNumberMarker: marker,
      MaxParts: max,
      IsTruncated: after.length > page.length,
      Parts: page.map((p) => {
        const part: Record<string, unknown> = { PartNumber: p.partNumber, Size: p.size };
        if (p.checksum && obj.checksum) part[`Checksum${obj.checksum.algorithm}`] = p.checksum;
        return part;
      }),
    };
    if (last) out.ObjectParts.NextPartNumberMarker = last.partNumber;
  }
  return out;
}
