/**
 * Bucket CORS: Put/Get/DeleteBucketCors, the OPTIONS preflight S3 answers itself, and Access-Control-* headers on
 * ordinary requests that carry an Origin. https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html
 */
import {
  CORSForbidden,
  type CORSRule,
  type DeleteBucketCorsRequest,
  type GetBucketCorsOutput,
  type GetBucketCorsRequest,
  MalformedXML,
  NoSuchCORSConfiguration,
  type PutBucketCorsRequest,
} from '../../../generated/s3/index.js';
import type { AwsRequest, AwsResponse } from '../../runtime/request.js';
import { requireBucket } from './buckets.js';
import type { S3State } from './state.js';

const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);

export function putBucketCors(state: S3State, input: PutBucketCorsRequest): void {
  const bucket = requireBucket(state, input.Bucket);
  const rules = input.CORSConfiguration?.CORSRules ?? [];
  if (rules.length === 0 || rules.length > 100) {
    throw new MalformedXML('The XML you provided was not well-formed or did not validate against our published schema');
  }
  for (const rule of rules) {
    for (const m of rule.AllowedMethods ?? []) {
      if (!METHODS.has(m)) throw new MalformedXML(`Found unsupported HTTP method in CORS config. Unsupported method is ${m}`);
    }
  }
  bucket.cors = rules;
}

export function getBucketCors(state: S3State, input: GetBucketCorsRequest): GetBucketCorsOutput {
  const bucket = requireBucket(state, input.Bucket);
  if (!bucket.cors) throw new NoSuchCORSConfiguration('The CORS configuration does not exist', { BucketName: bucket.name });
  return { CORSRules: bucket.cors };
}

export function deleteBucketCors(state: S3State, input: DeleteBucketCorsRequest): void {
  const bucket = requireBucket(state, input.Bucket);
  delete bucket.cors;
}

/** One `*` wildcard is allowed in AllowedOrigin and AllowedHeader values. */
function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  const star = p.indexOf('*');
  if (star < 0) return p === v;
  const head = p.slice(0, star);
  const tail = p.slice(star + 1);
  return v.length >= head.length + tail.length && v.startsWith(head) && v.endsWith(tail);
}

function matchRule(rules: CORSRule[], origin: string, method: string, headers: string[]): CORSRule | undefined {
  return rules.find(
    (r) =>
      r.AllowedOrigins.some((o) => wildcardMatch(o, origin, false)) &&
      r.AllowedMethods.includes(method) &&
      headers.every((h) => (r.AllowedHeaders ?? []).some((a) => wildcardMatch(a, h, true))),
  );
}

function corsHeaders(rule: CORSRule, origin: string, method: string | undefined): Array<[string, string]> {
  const anyOrigin = rule.AllowedOrigins.includes('*');
  const out: Array<[string, string]> = [
    ['Access-Control-Allow-Origin', anyOrigin ? '*' : origin],
    ['Access-Control-Allow-Methods', rule.AllowedMethods.join(', ')],
  ];
  if (!anyOrigin) out.push(['Access-Control-Allow-Credentials', 'true']);
  if (rule.ExposeHeaders?.length) out.push(['Access-Control-Expose-Headers', rule.ExposeHeaders.join(', ')]);
  if (rule.MaxAgeSeconds !== undefined) out.push(['Access-Control-Max-Age', String(rule.MaxAgeSeconds)]);
  out.push(['Vary', method ? 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method' : 'Origin']);
  return out;
}

/** The answer to an OPTIONS preflight for `bucketName`, or a 403 CORSForbidden as S3 gives. */
export function preflight(state: S3State, bucketName: string, req: AwsRequest, resourceType: string): AwsResponse {
  const origin = req.headers.origin;
  const method = req.headers['access-control-request-method'];
  const bucket = requireBucket(state, bucketName);
  if (!origin || !method) {
    throw new CORSForbidden('Insufficient information. Origin request header needed.', { Method: 'OPTIONS', ResourceType: resourceType });
  }
  if (!bucket.cors) {
    throw new CORSForbidden('CORSResponse: CORS is not enabled for this bucket.', { Method: method, ResourceType: resourceType });
  }
  const requested = (req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  const rule = matchRule(bucket.cors, origin, method, requested);
  if (!rule) {
    // S3's own spelling ("evalution") is kept.
    throw new CORSForbidden(
      "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
      { Method: method, ResourceType: resourceType },
    );
  }
  const headers = corsHeaders(rule, origin, method);
  if (requested.length > 0) headers.push(['Access-Control-Allow-Headers', requested.join(', ')]);
  return { status: 200, headers, body: '' };
}

/** Access-Control-* on a normal response whose request carries a matching Origin. */
export function addCorsHeaders(state: S3State, bucketName: string | undefined, req: AwsRequest, res: AwsResponse): void {
  const origin = req.headers.origin;
  if (!origin || !bucketName) return;
  const rules = state.buckets.get(bucketName)?.cors;
  if (!rules) return;
  const rule = matchRule(rules, origin, req.method, []);
  if (rule) res.headers.push(...corsHeaders(rule, origin, undefined));
}
