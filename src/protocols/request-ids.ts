/** Request ids in each service's own format (what SDKs log and surface as ResponseMetadata.RequestId). */
import { randomBytes, randomUUID } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** S3 `x-amz-request-id`: 16 upper-case hex characters. */
export const s3RequestId = (): string => randomBytes(8).toString('hex').toUpperCase();

/** S3 `x-amz-id-2`: an opaque base64 host id. */
export const s3HostId = (): string => randomBytes(48).toString('base64');

/** DynamoDB `x-amzn-RequestId`: 52 upper-case letters and digits. */
export function dynamodbRequestId(): string {
  const bytes = randomBytes(52);
  let out = '';
  for (const b of bytes) out += ALNUM[b % ALNUM.length];
  return out;
}

/** Lambda and API Gateway: a UUID. */
export const uuidRequestId = (): string => randomUUID();
