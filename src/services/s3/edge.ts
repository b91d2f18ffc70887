/**
 * What S3 answers before routing: presigned-URL expiry, SigV4 verification (STANDIN_S3_VERIFY_SIGNATURES=1),
 * CORS preflight and POST-policy uploads; and what it adds after (Access-Control-* headers).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_OPTIONSobject.html
 */
import { AccessDenied } from '../../../generated/s3/index.js';
import { bucketFromHost } from '../../protocols/s3-addressing.js';
import { checkPresignedExpiry, checkSigV2Expiry, type SignatureProblem, verifySigV2, verifySigV4 } from '../../protocols/s3-sigv4.js';
import { AwsServiceError } from '../../runtime/errors.js';
import type { AwsRequest, AwsResponse, RequestContext } from '../../runtime/request.js';
import { parseHttpDate } from '../../runtime/timestamps.js';
import { addCorsHeaders, preflight } from './cors.js';
import { postObject } from './post-object.js';
import type { S3State } from './state.js';
import { verificationSecrets } from './verification.js';

/** The bucket and key a request addresses, path style or virtual-hosted. */
export function addressOf(req: AwsRequest): { bucket?: string; key?: string } {
  const fromHost = bucketFromHost(req.headers.host, process.env.STANDIN_HOSTNAME);
  const path = req.path.startsWith('/') ? req.path.slice(1) : req.path;
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  if (fromHost) return path === '' ? { bucket: fromHost } : { bucket: fromHost, key: decode(path) };
  const slash = path.indexOf('/');
  if (path === '') return {};
  if (slash < 0) return { bucket: decode(path) };
  const key = path.slice(slash + 1);
  return key === '' ? { bucket: decode(path.slice(0, slash)) } : { bucket: decode(path.slice(0, slash)), key: decode(key) };
}

const toError = (p: SignatureProblem): AwsServiceError => new AwsServiceError(p.code, p.status, 'client', p.message, p.members);

const isPostForm = (req: AwsRequest): boolean =>
  req.method === 'POST' && req.rawQuery === '' && (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');

/** Date conditions a GET/HEAD carries; one that is not a valid HTTP-date is ignored (RFC 9110 §13.1.3, §13.1.4). */
const DATE_CONDITIONS = [
  'if-modified-since',
  'if-unmodified-since',
  'x-amz-copy-source-if-modified-since',
  'x-amz-copy-source-if-unmodified-since',
];

function dropInvalidDateConditions(req: AwsRequest): void {
  const headers = req.headers as Record<string, string>;
  for (const name of DATE_CONDITIONS) {
    const value = headers[name];
    if (value !== undefined && parseHttpDate(value.trim()) === undefined) delete headers[name];
  }
}

export async function intercept(state: S3State, req: AwsRequest, ctx: RequestContext): Promise<AwsResponse | undefined> {
  const { bucket, key } = addressOf(req);
  if (req.method === 'OPTIONS' && bucket) return preflight(state, bucket, req, key === undefined ? 'BUCKET' : 'OBJECT');
  const secrets = verificationSecrets();
  if (bucket && key === undefined && isPostForm(req)) return postObject(state, bucket, req, ctx, secrets);
  const expired = checkPresignedExpiry(req) ?? checkSigV2Expiry(req);
  if (expired) throw toError(expired);
  if (secrets) {
    let result = verifySigV4(req, secrets);
    if (result === 'anonymous') result = verifySigV2(req, secrets, bucketFromHost(req.headers.host, process.env.STANDIN_HOSTNAME));
    if (result === 'anonymous') throw new AccessDenied('Access Denied');
    if (result) throw toError(result);
  }
  // x-amz-expected-bucket-owner: a bucket owned by another account answers 403.
  const expectedOwner = req.headers['x-amz-expected-bucket-owner'];
  const owned = bucket !== undefined ? state.buckets.get(bucket) : undefined;
  if (expectedOwner !== undefined && owned && owned.accountId !== expectedOwner) throw new AccessDenied('Access Denied');
  // After verification, which signs the headers as sent.
  dropInvalidDateConditions(req);
  return undefined;
}

export function decorate(state: S3State, req: AwsRequest, res: AwsResponse): void {
  if (req.method === 'OPTIONS' || !req.headers.origin) return;
  addCorsHeaders(state, addressOf(req).bucket, req, res);
}
