/**
 * Multipart uploads: Create, UploadPart, UploadPartCopy, Complete, Abort, ListParts, ListMultipartUploads.
 * A completed object is made of its parts' stored segments, so completion copies no bytes.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html; aws-wire-checklist §1.6, §2.4, §3.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  type AbortMultipartUploadOutput,
  type AbortMultipartUploadRequest,
  type CompleteMultipartUploadOutput,
  type CompleteMultipartUploadRequest,
  type CreateMultipartUploadOutput,
  type CreateMultipartUploadRequest,
  EntityTooSmall,
  InvalidArgument,
  InvalidPart,
  InvalidPartOrder,
  InvalidRequest,
  MalformedXML,
  NoSuchUpload,
  type UploadPartCopyOutput,
  type UploadPartCopyRequest,
  type UploadPartOutput,
  type UploadPartRequest,
} from '../../../generated/s3/index.js';
import { type ChecksumAlgorithm, checksumOf, combineCrcs, isCrc, parseAlgorithm } from '../../protocols/s3-checksums.js';
import type { RequestContext } from '../../runtime/request.js';
import { requireBucket } from './buckets.js';
import { stripQuotes } from './conditions.js';
import { digestBody, sourceObject } from './copy.js';
import { storedMetadata } from './metadata.js';
import { checkKey, checkStorageClass, checkWriteConditions, headersFrom } from './objects.js';
import { parseTaggingHeader, receiveBody } from './receive.js';
import { type Bucket, type MultipartUpload, putStored, releaseUpload, type S3State, type StoredObject, type UploadPart } from './state.js';
import { concatBodies, releaseBody, sliceBody } from './storage.js';

export const MIN_PART_SIZE = 5 * 1024 * 1024;

export function requireUpload(bucket: Bucket, uploadId: string, key?: string): MultipartUpload {
  const upload = bucket.uploads.get(uploadId);
  if (!upload || (key !== undefined && upload.key !== key)) {
    throw new NoSuchUpload(
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      { UploadId: uploadId },
    );
  }
  return upload;
}

function checkPartNumber(n: number | undefined): number {
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > 10000) {
    throw new InvalidArgument('Part number must be an integer between 1 and 10000, inclusive', {
      ArgumentName: 'partNumber',
      ArgumentValue: String(n),
    });
  }
  return n;
}

const checksumField = (alg: ChecksumAlgorithm): string => `Checksum${alg}`;

export function createMultipartUpload(state: S3State, input: CreateMultipartUploadRequest): CreateMultipartUploadOutput {
  const bucket = requireBucket(state, input.Bucket);
  checkKey(input.Key);
  const algorithm = parseAlgorithm(input.ChecksumAlgorithm);
  const upload: MultipartUpload = {
    uploadId: randomBytes(24).toString('base64url'),
    key: input.Key,
    initiated: new Date(),
    headers: headersFrom(input),
    metadata: storedMetadata(input.Metadata),
    storageClass: checkStorageClass(input.StorageClass),
    tags: parseTaggingHeader(input.Tagging),
    parts: new Map(),
  };
  if (algorithm) {
    upload.checksumAlgorithm = algorithm;
    // CRC64NVME only exists as a full-object checksum; the others default to COMPOSITE.
    upload.checksumType = input.ChecksumType ?? (algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE');
    if (upload.checksumType === 'FULL_OBJECT' && !isCrc(algorithm)) {
      throw new InvalidRequest(`The FULL_OBJECT checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`);
    }
  }
  bucket.uploads.set(upload.uploadId, upload);
  const out: CreateMultipartUploadOutput = { Bucket: bucket.name, Key: input.Key, UploadId: upload.uploadId };
  if (upload.checksumAlgorithm) out.ChecksumAlgorithm = upload.checksumAlgorithm;
  if (upload.checksumType) out.ChecksumType = upload.checksumType;
  return out;
}

function storePart(upload: MultipartUpload, part: UploadPart): void {
  const old = upload.parts.get(part.partNumber);
  upload.parts.set(part.partNumber, part);
  if (old) releaseBody(old.body);
}

export async function uploadPart(state: S3State, input: UploadPartRequest, ctx: RequestContext): Promise<UploadPartOutput> {
  const bucket = requireBucket(state, input.Bucket);
  const partNumber = checkPartNumber(input.PartNumber);
  const upload = requireUpload(bucket, input.UploadId, input.Key);
  // The part keeps the upload's algorithm (or S3's default CRC64NVME) whatever the client declared on it.
  const partAlgorithm = upload.checksumAlgorithm ?? 'CRC64NVME';
  const received = await receiveBody(input.Body as never, ctx.request, {
    uploadAlgorithm: upload.checksumAlgorithm,
    alsoCompute: [partAlgorithm],
  });
  if (bucket.uploads.get(upload.uploadId) !== upload) {
    releaseBody(received.body);
    requireUpload(bucket, input.UploadId);
  }
  const part: UploadPart = {
    partNumber,
    body: received.body,
    size: received.body.size,
    etag: `"${received.md5.toString('hex')}"`,
    lastModified: new Date(),
    checksum: received.checksums[partAlgorithm] as string,
  };
  storePart(upload, part);
  const out: UploadPartOutput = { ETag: part.etag };
  // s3transfer and lib-storage copy this echo into the Complete request (aws-wire-checklist §1.6).
  if (upload.checksumAlgorithm || received.declared) {
    (out as Record<string, unknown>)[checksumField(received.checksum.algorithm)] = received.checksum.value;
  }
  return out;
}

export async function uploadPartCopy(state: S3State, input: UploadPartCopyRequest): Promise<UploadPartCopyOutput> {
  const bucket = requireBucket(state, input.Bucket);
  const partNumber = checkPartNumber(input.PartNumber);
  const upload = requireUpload(bucket, input.UploadId, input.Key);
  const src = sourceObject(state, input.CopySource, input);
  let start = 0;
  let end = src.size - 1;
  if (input.CopySourceRange !== undefined) {
    const m = /^bytes=(\d+)-(\d+)$/.exec(input.CopySourceRange.trim());
    if (!m) {
      throw new InvalidArgument(
        'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
        {
          ArgumentName: 'x-amz-copy-source-range',
          ArgumentValue: input.CopySourceRange,
        },
      );
    }
    start = Number(m[1]);
    end = Number(m[2]);
    if (end < start || end >= src.size) {
      throw new InvalidArgument(`Range specified is not valid for source object of size: ${src.size}`, {
        ArgumentName: 'x-amz-copy-source-range',
        ArgumentValue: input.CopySourceRange,
      });
    }
  }
  const body = sliceBody(src.body, start, end);
  const algorithm = upload.checksumAlgorithm ?? 'CRC64NVME';
  const digest = await digestBody(body, algorithm);
  const part: UploadPart = { partNumber, body, size: body.size, etag: `"${digest.md5}"`, lastModified: new Date() };
  if (digest.checksum !== undefined) part.checksum = digest.checksum;
  storePart(upload, part);
  const result: Record<string, unknown> = { ETag: part.etag, LastModified: part.lastModified };
  if (upload.checksumAlgorithm) result[checksumField(upload.checksumAlgorithm)] = part.checksum;
  return { CopyPartResult: result };
}

export async function completeMultipartUpload(
  state: S3State,
  input: CompleteMultipartUploadRequest,
  ctx: RequestContext,
): Promise<CompleteMultipartUploadOutput> {
  const bucket = requireBucket(state, input.Bucket);
  const upload = requireUpload(bucket, input.UploadId, input.Key);
  const requested = input.MultipartUpload?.Parts ?? [];
  if (requested.length === 0) {
    throw new MalformedXML('The XML you provided was not well-formed or did not validate against our published schema');
  }
  checkWriteConditions(bucket, input.Key, input.IfMatch, input.IfNoneMatch);
  const alg = upload.checksumAlgorithm;
  const chosen: UploadPart[] = [];
  let previous = 0;
  for (const p of requested) {
    const n = p.PartNumber ?? 0;
    if (n <= previous) {
      throw new InvalidPartOrder('The list of parts was not in ascending order. Parts must be ordered by part number.', {
        UploadId: upload.uploadId,
      });
    }
    previous = n;
  }
  for (const [i, p] of requested.entries()) {
    const n = p.PartNumber ?? 0;
    const stored = upload.parts.get(n);
    const invalid = () =>
      new InvalidPart(
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        { UploadId: upload.uploadId, PartNumber: String(n), ETag: p.ETag ?? '' },
      );
    if (!stored || stripQuotes(p.ETag ?? '') !== stripQuotes(stored.etag)) throw invalid();
    if (alg && upload.checksumType === 'COMPOSITE') {
      const given = (p as unknown as Record<string, unknown>)[checksumField(alg)];
      if (given === undefined) {
        throw new InvalidRequest(
          `The upload was created using a ${alg.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${n} in the request.`,
        );
      }
      if (given !== stored.checksum) throw invalid();
    }
    if (i < requested.length - 1 && stored.size < MIN_PART_SIZE) {
      throw new EntityTooSmall('Your proposed upload is smaller than the minimum allowed size', {
        ProposedSize: String(stored.size),
        MinSizeAllowed: String(MIN_PART_SIZE),
        PartNumber: String(n),
        ETag: stripQuotes(stored.etag),
      });
    }
    chosen.push(stored);
  }
  const size = chosen.reduce((total, p) => total + p.size, 0);
  if (input.MpuObjectSize !== undefined && input.MpuObjectSize !== size) {
    throw new InvalidRequest(
      `The provided 'x-amz-mp-object-size' header value ${input.MpuObjectSize} does not match what was computed: ${size}`,
    );
  }
  // Multipart ETag: MD5 of the concatenated binary part MD5s, then "-<count>" (aws-wire-checklist §3).
  const md5 = createHash('md5');
  for (const p of chosen) md5.update(Buffer.from(stripQuotes(p.etag), 'hex'));
  const etag = `"${md5.digest('hex')}-${chosen.length}"`;
  const algorithm = alg ?? 'CRC64NVME';
  const type = alg ? (upload.checksumType ?? 'COMPOSITE') : 'FULL_OBJECT';
  const partSums = chosen.map((p) => ({ checksum: p.checksum ?? '', size: p.size }));
  let checksum: string;
  if (type === 'FULL_OBJECT') {
    checksum = combineCrcs(algorithm, partSums);
  } else {
    // COMPOSITE: the checksum of the concatenated binary part checksums, then "-<count>".
    checksum = `${await checksumOf(
      algorithm,
      partSums.map((p) => Buffer.from(p.checksum, 'base64')),
    )}-${chosen.length}`;
  }
  const given = (input as unknown as Record<string, unknown>)[checksumField(algorithm)];
  if (type === 'FULL_OBJECT' && typeof given === 'string' && given !== checksum) {
    throw new InvalidRequest(`The ${algorithm.toLowerCase()} you specified did not match the calculated checksum.`);
  }
  const obj: StoredObject = {
    key: upload.key,
    body: concatBodies(chosen.map((p) => p.body)),
    size,
    etag,
    lastModified: new Date(),
    headers: upload.headers,
    metadata: upload.metadata,
    storageClass: upload.storageClass,
    tags: upload.tags,
    checksum: { algorithm, value: checksum, type },
    parts: chosen.map((p) =>
      p.checksum !== undefined
        ? { partNumber: p.partNumber, size: p.size, checksum: p.checksum }
        : { partNumber: p.partNumber, size: p.size },
    ),
  };
  bucket.uploads.delete(upload.uploadId);
  releaseUpload(upload);
  putStored(bucket, obj);
  const out: CompleteMultipartUploadOutput = {
    Location: `${ctx.baseUrl}/${bucket.name}/${upload.key.split('/').map(encodeURIComponent).join('/')}`,
    Bucket: bucket.name,
    Key: upload.key,
    ETag: etag,
    ChecksumType: type,
  };
  if (alg) (out as Record<string, unknown>)[checksumField(algorithm)] = checksum;
  return out;
}

export function abortMultipartUpload(state: S3State, input: AbortMultipartUploadRequest): AbortMultipartUploadOutput {
  const bucket = requireBucket(state, input.Bucket);
  const upload = requireUpload(bucket, input.UploadId, input.Key);
  bucket.uploads.delete(upload.uploadId);
  releaseUpload(upload);
  return {};
}
