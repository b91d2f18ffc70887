/**
 * `aws-chunked` request bodies, decoded while they stream (aws-wire-checklist §1.3).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html and sigv4-streaming-trailers.html:
 * `<hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n` … `0[;chunk-signature=…]\r\n[<name>:<value>\r\n]*\r\n`.
 * The chunk signatures are parsed and dropped; the trailer lines are collected for checksum validation.
 */
import { createHash, createHmac, type Hash } from 'node:crypto';
import type { AwsRequest } from '../runtime/request.js';

/** What signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) are checked against: the seed signature's context. */
export interface ChunkSigner {
  signingKey: Buffer;
  amzDate: string;
  scope: string;
  seedSignature: string;
}

/** Thrown when a chunk signature does not chain from the seed signature. */
export class ChunkSignatureError extends Error {}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html: each chunk signs the previous signature. */
function chunkSignature(signer: ChunkSigner, previous: string, dataHash: string): string {
  const stringToSign = ['AWS4-HMAC-SHA256-PAYLOAD', signer.amzDate, signer.scope, previous, EMPTY_SHA256, dataHash].join('\n');
  return createHmac('sha256', signer.signingKey).update(stringToSign).digest('hex');
}

/** Any `x-amz-content-sha256` starting with `STREAMING-`, or `aws-chunked` in Content-Encoding, means aws-chunked. */
export function isAwsChunked(req: AwsRequest): boolean {
  const sha = req.headers['x-amz-content-sha256'] ?? '';
  const encoding = req.headers['content-encoding'] ?? '';
  return sha.startsWith('STREAMING-') || encoding.split(',').some((e) => e.trim().toLowerCase() === 'aws-chunked');
}

/** Content-Encoding as S3 stores it: `aws-chunked` removed, other codings kept (`gzip,aws-chunked` → `gzip`). */
export function storedContentEncoding(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const kept = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e.toLowerCase() !== 'aws-chunked');
  return kept.length > 0 ? kept.join(',') : undefined;
}

/** Thrown when the framing is broken or the body ends early; the caller maps it to IncompleteBody/InvalidRequest. */
export class ChunkedFramingError extends Error {}

const CRLF = Buffer.from('\r\n');

/**
 * Yields the decoded payload of an aws-chunked body; fills `trailers` (lower-cased names) once the last chunk
 * has been read. Lenient at the end, as the smithy encoder may stop right after `0\r\n`.
 */
export async function* decodeAwsChunked(
  source: AsyncIterable<Buffer | string>,
  trailers: Record<string, string>,
  signer?: ChunkSigner,
): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  let previous = signer?.seedSignature ?? '';
  let given = '';
  let hash: Hash | undefined;
  const checkChunk = (dataHash: string) => {
    if (!signer) return;
    const expected = chunkSignature(signer, previous, dataHash);
    if (expected !== given) throw new ChunkSignatureError('chunk signature mismatch');
    previous = expected;
  };
  /** Bytes of the current chunk still to pass through, then 2 for its CRLF. */
  let remaining = 0;
  let state: 'size' | 'data' | 'data-crlf' | 'trailer' | 'done' = 'size';
  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let offset = 0;
    for (;;) {
      if (state === 'data') {
        const take = Math.min(remaining, pending.length - offset);
        if (take > 0) {
          hash?.update(pending.subarray(offset, offset + take));
          yield pending.subarray(offset, offset + take);
          offset += take;
          remaining -= take;
        }
        if (remaining > 0) break;
        state = 'data-crlf';
      }
      if (state === 'data-crlf') {
        if (pending.length - offset < 2) break;
        if (pending[offset] !== 13 || pending[offset + 1] !== 10) throw new ChunkedFramingError('chunk data not followed by CRLF');
        offset += 2;
        if (hash) checkChunk(hash.digest('hex'));
        state = 'size';
      }
      if (state === 'done') {
        offset = pending.length;
        break;
      }
      const eol = pending.indexOf(CRLF, offset);
      if (eol < 0) {
        if (pending.length - offset > 4096) throw new ChunkedFramingError('chunk header too long');
        break;
      }
      const line = pending.toString('latin1', offset, eol);
      offset = eol + 2;
      if (state === 'size') {
        const [sizePart = '', ...extensions] = line.split(';');
        const sizeText = sizePart.trim();
        if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw new ChunkedFramingError(`bad chunk size ${JSON.stringify(sizeText)}`);
        remaining = Number.parseInt(sizeText, 16);
        if (signer) {
          given =
            extensions
              .find((e) => e.trim().startsWith('chunk-signature='))
              ?.trim()
              .slice('chunk-signature='.length) ?? '';
          hash = remaining > 0 ? createHash('sha256') : undefined;
          if (remaining === 0) checkChunk(EMPTY_SHA256);
        }
        state = remaining === 0 ? 'trailer' : 'data';
      } else if (state === 'trailer') {
        if (line === '') state = 'done';
        else {
          const colon = line.indexOf(':');
          if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
      }
    }
    pending = offset >= pending.length ? Buffer.alloc(0) : pending.subarray(offset);
  }
  if (state === 'data' || state === 'data-crlf' || state === 'size') {
    throw new ChunkedFramingError('The request body terminated unexpectedly');
  }
}
