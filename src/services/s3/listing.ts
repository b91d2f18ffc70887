/**
 * ListObjectsV2, ListObjects (v1) and ListObjectVersions (unversioned buckets: every version is "null").
 * A page is read from the bucket's B-tree starting at the first candidate key, skipping whole common prefixes,
 * so it costs O(log n + page) however many keys the bucket holds.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html; aws-wire-checklist §3.
 */
import {
  type _Object,
  InvalidArgument,
  type ListObjectsOutput,
  type ListObjectsRequest,
  type ListObjectsV2Output,
  type ListObjectsV2Request,
  type ListObjectVersionsOutput,
  type ListObjectVersionsRequest,
  type ObjectStorageClass,
  type ObjectVersion,
  type Owner,
} from '../../../generated/s3/index.js';
import type { RequestContext } from '../../runtime/request.js';
import { owner, requireBucket } from './buckets.js';
import { compareKeys, pastKey, pastPrefix } from './key-order.js';
import type { Bucket, S3State, StoredObject } from './state.js';

interface Page {
  contents: StoredObject[];
  prefixes: string[];
  truncated: boolean;
  /** The last key or common prefix returned. */
  last?: { value: string; isPrefix: boolean };
}

function walk(bucket: Bucket, prefix: string, delimiter: string, startAt: string, maxKeys: number): Page {
  const page: Page = { contents: [], prefixes: [], truncated: false };
  if (maxKeys <= 0) return page;
  let from: string | undefined = compareKeys(startAt, prefix) > 0 ? startAt : prefix;
  while (from !== undefined) {
    const start: string = from;
    from = undefined;
    for (const [key, obj] of bucket.objects.entries(start)) {
      if (!key.startsWith(prefix)) return page;
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      const count = page.contents.length + page.prefixes.length;
      if (count >= maxKeys) {
        page.truncated = true;
        return page;
      }
      if (cut >= 0) {
        const common = key.slice(0, cut + delimiter.length);
        page.prefixes.push(common);
        page.last = { value: common, isPrefix: true };
        from = pastPrefix(common);
        break;
      }
      page.contents.push(obj);
      page.last = { value: key, isPrefix: false };
    }
  }
  return page;
}

/** EncodingType=url: botocore decodes with unquote_plus, so `+` and space must be escaped (checklist §3). */
function encoder(encodingType: string | undefined): (s: string) => string {
  if (encodingType === undefined) return (s) => s;
  if (encodingType !== 'url') {
    throw new InvalidArgument('Invalid Encoding Method specified in Request', {
      ArgumentName: 'encoding-type',
      ArgumentValue: encodingType,
    });
  }
  return (s) => encodeURIComponent(s).replace(/%2F/g, '/');
}

function entry(obj: StoredObject, withOwner: Owner | undefined, encode: (s: string) => string): _Object {
  const out: _Object = {
    Key: encode(obj.key),
    LastModified: obj.lastModified,
    ETag: obj.etag,
    Size: obj.size,
    StorageClass: obj.storageClass as ObjectStorageClass,
  };
  if (obj.checksum) {
    out.ChecksumAlgorithm = [obj.checksum.algorithm];
    out.ChecksumType = obj.checksum.type;
  }
  if (withOwner) out.Owner = withOwner;
  return out;
}

const TOKEN_TAG = 'standin:1:';

function decodeToken(token: string): string {
  const text = Buffer.from(token, 'base64').toString('utf8');
  if (!text.startsWith(TOKEN_TAG)) {
    throw new InvalidArgument('The continuation token provided is incorrect', { ArgumentName: 'continuation-token', ArgumentValue: token });
  }
  return text.slice(TOKEN_TAG.length);
}

const encodeToken = (startAt: string): string => Buffer.from(TOKEN_TAG + startAt, 'utf8').toString('base64');

function maxKeysOf(value: number | undefined): number {
  if (value === undefined) return 1000;
  if (value < 0) throw new InvalidArgument('maxKeys should be non-negative', { ArgumentName: 'max-keys', ArgumentValue: String(value) });
  return Math.min(value, 1000);
}

export function listObjectsV2(state: S3State, input: ListObjectsV2Request, ctx: RequestContext): ListObjectsV2Output {
  const bucket = requireBucket(state, input.Bucket);
  const encode = encoder(input.EncodingType);
  const prefix = input.Prefix ?? '';
  const delimiter = input.Delimiter ?? '';
  const maxKeys = maxKeysOf(input.MaxKeys);
  let startAt = '';
  if (input.ContinuationToken !== undefined) startAt = decodeToken(input.ContinuationToken);
  else if (input.StartAfter) startAt = pastKey(input.StartAfter);
  const page = walk(bucket, prefix, delimiter, startAt, maxKeys);
  const who = input.FetchOwner ? owner(ctx.accountId) : undefined;
  const out: ListObjectsV2Output = {
    Name: bucket.name,
    Prefix: encode(prefix),
    MaxKeys: maxKeys,
    KeyCount: page.contents.length + page.prefixes.length,
    IsTruncated: page.truncated,
  };
  if (input.Delimiter !== undefined) out.Delimiter = encode(input.Delimiter);
  if (page.contents.length > 0) out.Contents = page.contents.map((o) => entry(o, who, encode));
  if (page.prefixes.length > 0) out.CommonPrefixes = page.prefixes.map((p) => ({ Prefix: encode(p) }));
  if (input.ContinuationToken !== undefined) out.ContinuationToken = input.ContinuationToken;
  if (input.StartAfter !== undefined) out.StartAfter = encode(input.StartAfter);
  if (input.EncodingType !== undefined) out.EncodingType = input.EncodingType;
  if (page.truncated && page.last) {
    out.NextContinuationToken = encodeToken(page.last.isPrefix ? pastPrefix(page.last.value) : pastKey(page.last.value));
  }
  return out;
}

/** Where a v1 marker (or version key marker) resumes: past the key, or past a whole common prefix. */
function resumeAfter(marker: string | undefined, prefix: string, delimiter: string): string {
  if (!marker) return '';
  if (delimiter && marker.endsWith(delimiter) && marker.startsWith(prefix) && marker.length > prefix.length) return pastPrefix(marker);
  return pastKey(marker);
}

export function listObjects(state: S3State, input: ListObjectsRequest, ctx: RequestContext): ListObjectsOutput {
  const bucket = requireBucket(state, input.Bucket);
  const encode = encoder(input.EncodingType);
  const prefix = input.Prefix ?? '';
  const delimiter = input.Delimiter ?? '';
  const maxKeys = maxKeysOf(input.MaxKeys);
  const page = walk(bucket, prefix, delimiter, resumeAfter(input.Marker, prefix, delimiter), maxKeys);
  const who = owner(ctx.accountId);
  const out: ListObjectsOutput = {
    Name: bucket.name,
    Prefix: encode(prefix),
    Marker: encode(input.Marker ?? ''),
    MaxKeys: maxKeys,
    IsTruncated: page.truncated,
  };
  if (input.Delimiter !== undefined) out.Delimiter = encode(input.Delimiter);
  if (page.contents.length > 0) out.Contents = page.contents.map((o) => entry(o, who, encode));
  if (page.prefixes.length > 0) out.CommonPrefixes = page.prefixes.map((p) => ({ Prefix: encode(p) }));
  if (input.EncodingType !== undefined) out.EncodingType = input.EncodingType;
  // NextMarker only with a delimiter; without one, clients continue from the last key (API_ListObjects.html).
  if (page.truncated && page.last && input.Delimiter !== undefined) out.NextMarker = encode(page.last.value);
  return out;
}

export function listObjectVersions(state: S3State, input: ListObjectVersionsRequest, ctx: RequestContext): ListObjectVersionsOutput {
  const bucket = requireBucket(state, input.Bucket);
  const encode = encoder(input.EncodingType);
  const prefix = input.Prefix ?? '';
  const delimiter = input.Delimiter ?? '';
  const maxKeys = maxKeysOf(input.MaxKeys);
  const page = walk(bucket, prefix, delimiter, resumeAfter(input.KeyMarker, prefix, delimiter), maxKeys);
  const who = owner(ctx.accountId);
  const out: ListObjectVersionsOutput = {
    Name: bucket.name,
    Prefix: encode(prefix),
    KeyMarker: encode(input.KeyMarker ?? ''),
    VersionIdMarker: input.VersionIdMarker ?? '',
    MaxKeys: maxKeys,
    IsTruncated: page.truncated,
  };
  if (input.Delimiter !== undefined) out.Delimiter = encode(input.Delimiter);
  if (page.contents.length > 0) {
    out.Versions = page.contents.map((o): ObjectVersion => {
      const v: ObjectVersion = {
        ETag: o.etag,
        Size: o.size,
        StorageClass: 'STANDARD',
        Key: encode(o.key),
        VersionId: 'null',
        IsLatest: true,
        LastModified: o.lastModified,
        Owner: who,
      };
      if (o.checksum) {
        v.ChecksumAlgorithm = [o.checksum.algorithm];
        v.ChecksumType = o.checksum.type;
      }
      return v;
    });
  }
  if (page.prefixes.length > 0) out.CommonPrefixes = page.prefixes.map((p) => ({ Prefix: encode(p) }));
  if (input.EncodingType !== undefined) out.EncodingType = input.EncodingType;
  if (page.truncated && page.last) {
    out.NextKeyMarker = encode(page.last.value);
    out.NextVersionIdMarker = 'null';
  }
  return out;
}
