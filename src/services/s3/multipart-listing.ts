/** ListParts and ListMultipartUploads. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html */
import type {
  ListMultipartUploadsOutput,
  ListMultipartUploadsRequest,
  ListPartsOutput,
  ListPartsRequest,
  Part,
  StorageClass,
  MultipartUpload as UploadEntry,
} from '../../../generated/s3/index.js';
import type { RequestContext } from '../../runtime/request.js';
import { owner, requireBucket } from './buckets.js';
import { compareKeys } from './key-order.js';
import { requireUpload } from './multipart.js';
import type { S3State } from './state.js';

export function listParts(state: S3State, input: ListPartsRequest, ctx: RequestContext): ListPartsOutput {
  const bucket = requireBucket(state, input.Bucket);
  const upload = requireUpload(bucket, input.UploadId, input.Key);
  const max = Math.min(input.MaxParts ?? 1000, 1000);
  const marker = Number(input.PartNumberMarker ?? 0);
  const after = [...upload.parts.values()].filter((p) => p.partNumber > marker).sort((a, b) => a.partNumber - b.partNumber);
  const page = after.slice(0, max);
  const who = owner(ctx.accountId);
  const out: ListPartsOutput = {
    Bucket: bucket.name,
    Key: upload.key,
    UploadId: upload.uploadId,
    PartNumberMarker: marker,
    MaxParts: max,
    IsTruncated: after.length > page.length,
    Initiator: who,
    Owner: who,
    StorageClass: upload.storageClass as StorageClass,
  };
  const last = page.at(-1);
  if (last) out.NextPartNumberMarker = last.partNumber;
  if (page.length > 0) {
    out.Parts = page.map((p): Part => {
      const part: Part = { PartNumber: p.partNumber, LastModified: p.lastModified, ETag: p.etag, Size: p.size };
      if (upload.checksumAlgorithm && p.checksum) (part as Record<string, unknown>)[`Checksum${upload.checksumAlgorithm}`] = p.checksum;
      return part;
    });
  }
  if (upload.checksumAlgorithm) out.ChecksumAlgorithm = upload.checksumAlgorithm;
  if (upload.checksumType) out.ChecksumType = upload.checksumType;
  return out;
}

export function listMultipartUploads(state: S3State, input: ListMultipartUploadsRequest, ctx: RequestContext): ListMultipartUploadsOutput {
  const bucket = requireBucket(state, input.Bucket);
  const prefix = input.Prefix ?? '';
  const delimiter = input.Delimiter ?? '';
  const max = Math.min(input.MaxUploads ?? 1000, 1000);
  const keyMarker = input.KeyMarker ?? '';
  const idMarker = input.UploadIdMarker ?? '';
  // Uploads in flight are few; sorting them per call is fine (objects, which are many, live in the B-tree).
  const all = [...bucket.uploads.values()]
    .filter((u) => u.key.startsWith(prefix))
    .filter((u) => !keyMarker || compareKeys(u.key, keyMarker) > 0 || (u.key === keyMarker && idMarker !== '' && u.uploadId > idMarker))
    .sort((a, b) => (a.key === b.key ? a.initiated.getTime() - b.initiated.getTime() : compareKeys(a.key, b.key)));
  const who = owner(ctx.accountId);
  const uploads: UploadEntry[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  let lastKey: string | undefined;
  let lastId: string | undefined;
  for (const u of all) {
    const cut = delimiter ? u.key.indexOf(delimiter, prefix.length) : -1;
    const common = cut >= 0 ? u.key.slice(0, cut + delimiter.length) : undefined;
    if (common !== undefined && prefixes.at(-1) === common) continue;
    if (uploads.length + prefixes.length >= max) {
      truncated = true;
      break;
    }
    if (common !== undefined) {
      prefixes.push(common);
      lastKey = common;
      continue;
    }
    const entry: UploadEntry = {
      UploadId: u.uploadId,
      Key: u.key,
      Initiated: u.initiated,
      StorageClass: u.storageClass as StorageClass,
      Owner: who,
      Initiator: who,
    };
    if (u.checksumAlgorithm) entry.ChecksumAlgorithm = u.checksumAlgorithm;
    if (u.checksumType) entry.ChecksumType = u.checksumType;
    uploads.push(entry);
    lastKey = u.key;
    lastId = u.uploadId;
  }
  const out: ListMultipartUploadsOutput = {
    Bucket: bucket.name,
    KeyMarker: keyMarker,
    UploadIdMarker: idMarker,
    Prefix: prefix,
    MaxUploads: max,
    IsTruncated: truncated,
  };
  if (input.Delimiter !== undefined) out.Delimiter = input.Delimiter;
  if (uploads.length > 0) out.Uploads = uploads;
  if (prefixes.length > 0) out.CommonPrefixes = prefixes.map((p) => ({ Prefix: p }));
  if (truncated) {
    if (lastKey !== undefined) out.NextKeyMarker = lastKey;
    if (lastId !== undefined) out.NextUploadIdMarker = lastId;
  }
  return out;
}
