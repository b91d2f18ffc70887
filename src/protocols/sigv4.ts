/**
 * SigV4 parsing: who signed a request, for which region and service.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 * Header form: `Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/s3/aws4_request, ...`.
 * Query form (presigned URLs): `X-Amz-Credential=AKID%2F20261129%2Fus-east-1%2Fs3%2Faws4_request`.
 * Verification is done by the services that need it (S3, when STANDIN_S3_VERIFY_SIGNATURES=1).
 */
import type { AwsRequest } from '../runtime/request.js';

export interface SigV4Scope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  /** Where the credential came from. */
  via: 'header' | 'query';
  signedHeaders?: string[];
  signature?: string;
}

function fromCredential(credential: string, via: 'header' | 'query'): SigV4Scope | undefined {
  const parts = credential.split('/');
  if (parts.length < 5 || parts.at(-1) !== 'aws4_request') return undefined;
  // The access key itself may contain '/' in theory; the scope is always the last four parts.
  const [date, region, service] = parts.slice(-4, -1) as [string, string, string];
  return { accessKeyId: parts.slice(0, -4).join('/'), date, region, service, via };
}

export function parseSigV4(req: AwsRequest): SigV4Scope | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('AWS4-HMAC-SHA256')) {
    const fields = new Map<string, string>();
    for (const part of auth.slice('AWS4-HMAC-SHA256'.length).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    const credential = fields.get('Credential');
    const scope = credential ? fromCredential(credential, 'header') : undefined;
    if (scope) {
      const signedHeaders = fields.get('SignedHeaders');
      if (signedHeaders) scope.signedHeaders = signedHeaders.split(';');
      const signature = fields.get('Signature');
      if (signature) scope.signature = signature;
    }
    return scope;
  }
  const credential = req.query.find(([k]) => k === 'X-Amz-Credential')?.[1];
  if (credential) {
    const scope = fromCredential(credential, 'query');
    const signature = req.query.find(([k]) => k === 'X-Amz-Signature')?.[1];
    if (scope && signature) scope.signature = signature;
    return scope;
  }
  return undefined;
}

/** Access key of a legacy SigV2 header (`AWS AKID:signature`), which old S3 clients still send. */
export function parseSigV2AccessKey(req: AwsRequest): string | undefined {
  const auth = req.headers.authorization;
  if (!auth?.startsWith('AWS ')) return undefined;
  return auth.slice(4).split(':')[0];
}
