/**
 * Which service a request is for (ARCHITECTURE.md, "A request's path", step 2): X-Amz-Target prefix, then the
 * SigV4 credential scope, then the Host, then the path, and S3 otherwise (anonymous and presigned browser requests).
 */
import { firstSegments } from '../../generated/services.js';
import { bucketFromHost } from '../protocols/s3-addressing.js';
import type { SigV4Scope } from '../protocols/sigv4.js';
import type { AwsRequest } from '../runtime/request.js';

export type Destination = 's3' | 'dynamodb' | 'lambda' | 'apigateway' | 'execute-api';

/** SigV4 signing names → Standin service keys. */
const SIGNING_NAMES: Record<string, Destination> = {
  s3: 's3',
  // S3 Express (directory buckets) and S3 Object Lambda sign with their own names but are S3 operations.
  s3express: 's3',
  's3-object-lambda': 's3',
  dynamodb: 'dynamodb',
  lambda: 'lambda',
  apigateway: 'apigateway',
  'execute-api': 'execute-api',
};

export function identify(req: AwsRequest, scope: SigV4Scope | undefined): Destination | undefined {
  const target = req.headers['x-amz-target'];
  if (target?.startsWith('DynamoDB_20120810.')) return 'dynamodb';
  const host = (req.headers.host ?? '').toLowerCase();
  // API ids may be custom (`_custom_id_` tag) with `-` or `_`, as LocalStack's host rule accepts.
  if (/^[a-z0-9_-]+\.execute-api\./.test(host)) return 'execute-api';
  const first = req.path.split('/')[1] ?? '';
  if (first === '_aws' && req.path.startsWith('/_aws/execute-api/')) return 'execute-api';
  // LocalStack's legacy invoke URL: /restapis/<apiId>/<stage>/_user_request_/<path>
  if (first === 'restapis' && req.path.split('/')[4] === '_user_request_') return 'execute-api';
  if (scope) {
    const byScope = SIGNING_NAMES[scope.service];
    if (byScope) return byScope;
    return undefined;
  }
  if (target) return undefined;
  if (bucketFromHost(host, process.env.STANDIN_HOSTNAME)) return 's3';
  for (const [service, segments] of Object.entries(firstSegments)) {
    if (segments.includes(first)) return service as Destination;
  }
  return 's3';
}
