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
}

function fromCredential(credential: string, via: 'header' | 'query'): SigV4Scope | undefined {
  // The access key itself may contain '/' in theory; the scope is always the last four parts.
  const s4 = credential.lastIndexOf('/');
  const s3 = s4 > 0 ? credential.lastIndexOf('/', s4 - 1) : -1;
  const s2 = s3 > 0 ? credential.lastIndexOf('/', s3 - 1) : -1;
  const s1 = s2 > 0 ? credential.lastIndexOf('/', s2 - 1) : -1;
  if (s1 < 0 || credential.slice(s4 + 1) !== 'aws4_request') return undefined;
  return {
    accessKeyId: credential.slice(0, s1),
    date: credential.slice(s1 + 1, s2),
    region: credential.slice(s2 + 1, s3),
    service: credential.slice(s3 + 1, s4),
    via,
  };
}

/** One `Name=value` field of an `AWS4-HMAC-SHA256 A=x, B=y, C=z` header (names after the algorithm or a comma). */
function field(auth: string, name: string): string | undefined {
  const start = 'AWS4-HMAC-SHA256'.length;
  for (let from = start; ; ) {
    const at = auth.indexOf(`${name}=`, from);
    if (at < 0) return undefined;
    let i = at - 1;
    while (i >= start && (auth[i] === ' ' || auth[i] === '\t')) i--;
    if (i < start || auth[i] === ',') {
      const end = auth.indexOf(',', at);
      return auth.slice(at + name.length + 1, end < 0 ? undefined : end).trim();
    }
    from = at + 1;
  }
}

export function parseSigV4(req: AwsRequest): SigV4Scope | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('AWS4-HMAC-SHA256')) {
    const credential = field(auth, 'Credential');
    return credential ? fromCredential(credential, 'header') : undefined;
  }
  const credential = req.query.find(([k]) => k === 'X-Amz-Credential')?.[1];
  return credential ? fromCredential(credential, 'query') : undefined;
}

/** Access key of a legacy SigV2 header (`AWS AKID:signature`), which old S3 clients still send. */
export function parseSigV2AccessKey(req: AwsRequest): string | undefined {
  const auth = req.headers.authorization;
  if (!auth?.startsWith('AWS ')) return undefined;
  return auth.slice(4).split(':')[0];
}
