/**
 * What S3 answers before routing (CORS preflight) and adds after it (Access-Control-* headers).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_OPTIONSobject.html
 */
import { bucketFromHost } from '../../protocols/s3-addressing.js';
import type { AwsRequest, AwsResponse, RequestContext } from '../../runtime/request.js';
import { addCorsHeaders, preflight } from './cors.js';
import type { S3State } from './state.js';

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

export async function intercept(state: S3State, req: AwsRequest, _ctx: RequestContext): Promise<AwsResponse | undefined> {
  if (req.method === 'OPTIONS') {
    const { bucket, key } = addressOf(req);
    if (bucket) return preflight(state, bucket, req, key === undefined ? 'BUCKET' : 'OBJECT');
  }
  return undefined;
}

export function decorate(state: S3State, req: AwsRequest, res: AwsResponse): void {
  if (req.method === 'OPTIONS' || !req.headers.origin) return;
  addCorsHeaders(state, addressOf(req).bucket, req, res);
}
