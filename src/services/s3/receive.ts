/**
 * Receiving an upload body (PutObject, UploadPart, PostObject): aws-chunked decoding, Content-MD5 and flexible
 * checksum validation, all while the bytes stream to storage (aws-wire-checklist §1).
 */
import type { Readable } from 'node:stream';
import {
  BadDigest,
  IncompleteBody,
  InvalidDigest,
  InvalidRequest,
  SignatureDoesNotMatch,
  XAmzContentSHA256Mismatch,
} from '../../../generated/s3/index.js';
import {
  CHECKSUM_ALGORITHMS,
  type ChecksumAlgorithm,
  checksumHeader,
  isWellFormedChecksum,
  parseAlgorithm,
} from '../../protocols/s3-checksums.js';
import { ChunkedFramingError, ChunkSignatureError, decodeAwsChunked, isAwsChunked } from '../../protocols/s3-chunked.js';
import { chunkSignerFor } from '../../protocols/s3-sigv4.js';
import type { AwsRequest } from '../../runtime/request.js';
import { type Ingested, ingest, releaseBody } from './storage.js';
import { checkTags } from './tagging.js';
import { verificationSecrets } from './verification.js';

export interface Received extends Ingested {
  /** The checksum the client declared (header, query or trailer), verified; else the default CRC64NVME. */
  checksum: { algorithm: ChecksumAlgorithm; value: string };
  /** True when the client sent the checksum rather than S3 computing its default. */
  declared: boolean;
}

/**
 * A checksum given as a header. Query parameters are ignored on purpose: the JS presigner signs the CRC32 of an
 * empty body into every presigned PUT, which real S3 then rejects (aws-wire-checklist §1.1); Standin lets such
 * URLs work (docs/decisions/).
 */
function givenChecksum(req: AwsRequest, alg: ChecksumAlgorithm): string | undefined {
  return req.headers[checksumHeader(alg)];
}

export interface ReceiveOptions {
  /** The algorithm the upload was created with (UploadPart): that one is computed even if no value is sent. */
  uploadAlgorithm?: ChecksumAlgorithm | undefined;
  /** More checksums to compute on the way (a part keeps its upload's algorithm whatever the client declared). */
  alsoCompute?: ChecksumAlgorithm[];
  /** Bodies that do not come from the request itself (PostObject's file field). */
  source?: AsyncIterable<Buffer | string | Uint8Array>;
}

export async function receiveBody(body: Readable | undefined, req: AwsRequest, options: ReceiveOptions = {}): Promise<Received> {
  // Which checksum: an x-amz-checksum-* header/query value, or one announced in x-amz-trailer.
  const headerAlgs = CHECKSUM_ALGORITHMS.filter((a) => givenChecksum(req, a) !== undefined);
  if (headerAlgs.length > 1) {
    throw new InvalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  }
  const trailerName = req.headers['x-amz-trailer']?.trim().toLowerCase();
  let trailerAlg: ChecksumAlgorithm | undefined;
  if (trailerName) {
    trailerAlg = trailerName.startsWith('x-amz-checksum-') ? parseAlgorithm(trailerName.slice('x-amz-checksum-'.length)) : undefined;
    if (!trailerAlg) throw new InvalidRequest('The value specified in the x-amz-trailer header is not supported');
  }
  const headerAlg = headerAlgs[0];
  const headerValue = headerAlg ? (givenChecksum(req, headerAlg) as string) : undefined;
  if (headerAlg && headerValue !== undefined && !isWellFormedChecksum(headerAlg, headerValue)) {
    throw new InvalidRequest(`Value for ${checksumHeader(headerAlg)} header is invalid.`);
  }
  const contentMd5 = req.headers['content-md5'];
  if (contentMd5 !== undefined && Buffer.from(contentMd5, 'base64').length !== 16) {
    throw new InvalidDigest('The Content-MD5 you specified was invalid.', { 'Content-MD5': contentMd5 });
  }
  const algorithm = headerAlg ?? trailerAlg ?? options.uploadAlgorithm ?? 'CRC64NVME';

  // A signed payload (64 hex digits in x-amz-content-sha256, as botocore sends over http) is checked too.
  const contentSha = req.headers['x-amz-content-sha256'];
  const payloadHash =
    options.source === undefined && contentSha && /^[0-9a-f]{64}$/i.test(contentSha) ? contentSha.toLowerCase() : undefined;
  const trailers: Record<string, string> = {};
  const raw: AsyncIterable<Buffer | string | Uint8Array> = options.source ?? body ?? (async function* () {})();
  const chunked = options.source === undefined && isAwsChunked(req);
  const secrets = verificationSecrets();
  const signer = chunked && secrets ? chunkSignerFor(req, secrets) : undefined;
  const source = chunked ? decodeAwsChunked(raw as AsyncIterable<Buffer>, trailers, signer) : raw;
  let ingested: Ingested;
  try {
    ingested = await ingest(source, [
      ...new Set<ChecksumAlgorithm>([algorithm, ...(options.alsoCompute ?? []), ...(payloadHash ? ['SHA256' as const] : [])]),
    ]);
  } catch (error) {
    if (error instanceof ChunkedFramingError) throw new IncompleteBody('The request body terminated unexpectedly');
    if (error instanceof ChunkSignatureError) {
      throw new SignatureDoesNotMatch(
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      );
    }
    throw error;
  }
  try {
    const decodedLength = req.headers['x-amz-decoded-content-length'];
    if (chunked && decodedLength !== undefined && Number(decodedLength) !== ingested.body.size) {
      throw new IncompleteBody('The request body terminated unexpectedly');
    }
    if (contentMd5 !== undefined && ingested.md5.toString('base64') !== contentMd5) {
      throw new BadDigest('The Content-MD5 you specified did not match what we received.', {
        ExpectedDigest: contentMd5,
        CalculatedDigest: ingested.md5.toString('base64'),
      });
    }
    if (payloadHash) {
      const actual = Buffer.from(ingested.checksums.SHA256 ?? '', 'base64').toString('hex');
      if (actual !== payloadHash) {
        throw new XAmzContentSHA256Mismatch("The provided 'x-amz-content-sha256' header does not match what was computed.", {
          ClientComputedContentSHA256: payloadHash,
          S3ComputedContentSHA256: actual,
        });
      }
    }
    const computed = ingested.checksums[algorithm] as string;
    let expected = headerValue;
    if (trailerAlg) {
      expected = trailers[checksumHeader(trailerAlg)];
      if (expected === undefined) throw new InvalidRequest(`x-amz-trailer ${checksumHeader(trailerAlg)} was declared but not sent`);
      if (!isWellFormedChecksum(trailerAlg, expected))
        throw new InvalidRequest(`Value for ${checksumHeader(trailerAlg)} trailing header is invalid.`);
    }
    // The snapshot of real S3 names the algorithm in lower case (aws-wire-checklist §1.4).
    if (expected !== undefined && expected !== computed) {
      throw new BadDigest(`The ${algorithm.toLowerCase()} you specified did not match the calculated checksum.`);
    }
    return {
      ...ingested,
      checksum: { algorithm, value: computed },
      declared: expected !== undefined || options.uploadAlgorithm !== undefined,
    };
  } catch (error) {
    releaseBody(ingested.body);
    throw error;
  }
}

/** `x-amz-tagging` / PostObject `tagging`: a URL-encoded query string of tags. */
export function parseTaggingHeader(value: string | undefined): Array<{ Key: string; Value: string }> {
  if (!value) return [];
  const tags = [...new URLSearchParams(value)].map(([Key, Value]) => ({ Key, Value }));
  checkTags(tags);
  return tags;
}
