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
const DYNAMODB_ID_LENGTH = 52;
/** 128 ids' worth of letters and digits at a time, handed out as slices of one string. */
const idBytes = Buffer.alloc(DYNAMODB_ID_LENGTH * 128);
let idBlock = '';
let idAt = 0;

/** DynamoDB `x-amzn-RequestId`: 52 upper-case letters and digits. */
export function dynamodbRequestId(): string {
  if (idAt === idBlock.length) {
    randomFillSync(idBytes);
    for (let i = 0; i < idBytes.length; i++) idBytes[i] = ALNUM_CODES[(idBytes[i] as number) % ALNUM_CODES.length] as number;
    idBlock = idBytes.toString('latin1');
    idAt = 0;
  }
  idAt += DYNAMODB_ID_LENGTH;
  return idBlock.slice(idAt - DYNAMODB_ID_LENGTH, idAt);
}

/** Lambda and API Gateway: a UUID (node caches entropy for randomUUID itself). */
export const uuidRequestId = (): string => randomUUID();
