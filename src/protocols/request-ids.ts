/** Request ids in each service's own format (what SDKs log and surface as ResponseMetadata.RequestId). */
import { randomFillSync, randomUUID } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Random bytes drawn from a pool refilled 8 KiB at a time: one kernel call serves ~100 request ids instead of
 * one each (ids need to be unique, not secret; the pool is still crypto-random).
 */
const pool = Buffer.alloc(8192);
let offset = pool.length;

function take(n: number): Buffer {
  if (offset + n > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + n);
  offset += n;
  return out;
}

/** S3 `x-amz-request-id`: 16 upper-case hex characters. */
export const s3RequestId = (): string => take(8).toString('hex').toUpperCase();

/** S3 `x-amz-id-2`: an opaque base64 host id. */
export const s3HostId = (): string => take(48).toString('base64');

const ALNUM_CODES = Buffer.from(ALNUM, 'latin1');
const idScratch = Buffer.alloc(52);

/** DynamoDB `x-amzn-RequestId`: 52 upper-case letters and digits (built in a reused buffer, one string out). */
export function dynamodbRequestId(): string {
  const bytes = take(52);
  for (let i = 0; i < 52; i++) idScratch[i] = ALNUM_CODES[(bytes[i] as number) % ALNUM_CODES.length] as number;
  return idScratch.toString('latin1');
}

/** Lambda and API Gateway: a UUID (node caches entropy for randomUUID itself). */
export const uuidRequestId = (): string => randomUUID();
