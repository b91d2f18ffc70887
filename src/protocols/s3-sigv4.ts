/**
 * SigV4 verification for S3: header auth and presigned query auth, plus the POST-policy signature.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html.
 * S3 signs the path exactly as sent (no normalisation, no double encoding).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AwsRequest } from '../runtime/request.js';
import type { ChunkSigner } from './s3-chunked.js';

export interface SignatureProblem {
  code:
    | 'SignatureDoesNotMatch'
    | 'InvalidAccessKeyId'
    | 'AuthorizationQueryParametersError'
    | 'AccessDenied'
    | 'AuthorizationHeaderMalformed';
  status: number;
  message: string;
  members: Record<string, string>;
}

const rfc3986 = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function decodeQueryPart(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return s;
  }
}

/** Query pairs from the raw query string, re-encoded the SigV4 way and sorted. */
function canonicalQuery(rawQuery: string, skip?: string): string {
  if (rawQuery === '') return '';
  const pairs = rawQuery
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const k = decodeQueryPart(eq < 0 ? p : p.slice(0, eq));
      const v = eq < 0 ? '' : decodeQueryPart(p.slice(eq + 1));
      return [rfc3986(k), rfc3986(v)] as const;
    })
    .filter(([k]) => k !== skip);
  pairs.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

const sha256Hex = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const hexBytes = (s: string): string =>
  Buffer.from(s)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');

function mismatch(accessKeyId: string, stringToSign: string, signature: string, canonicalRequest: string): SignatureProblem {
  return {
    code: 'SignatureDoesNotMatch',
    status: 403,
    message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    members: {
      AWSAccessKeyId: accessKeyId,
      StringToSign: stringToSign,
      SignatureProvided: signature,
      StringToSignBytes: Buffer.from(stringToSign)
        .toString('hex')
        .replace(/(..)(?!$)/g, '$1 '),
      // SigV2 and POST policies have no canonical request.
      ...(canonicalRequest ? { CanonicalRequest: canonicalRequest, CanonicalRequestBytes: hexBytes(canonicalRequest) } : {}),
    },
  };
}

const unknownKey = (accessKeyId: string): SignatureProblem => ({
  code: 'InvalidAccessKeyId',
  status: 403,
  message: 'The AWS Access Key Id you provided does not exist in our records.',
  members: { AWSAccessKeyId: accessKeyId },
});

interface Parsed {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  payloadHash: string;
  presigned: boolean;
}

function fromCredential(credential: string): { accessKeyId: string; date: string; region: string; service: string } | undefined {
  const parts = credential.split('/');
  if (parts.length < 5 || parts.at(-1) !== 'aws4_request') return undefined;
  const [date = '', region = '', service = ''] = parts.slice(-4, -1);
  return { accessKeyId: parts.slice(0, -4).join('/'), date, region, service };
}

const queryValue = (req: AwsRequest, name: string): string | undefined => req.query.find(([k]) => k === name)?.[1];

const QUERY_PARAMS_MESSAGE =
  'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.';

/** Presigned URLs: expiry is checked whether or not signatures are verified, as X-Amz-Expires is part of the URL. */
export function checkPresignedExpiry(req: AwsRequest, now = new Date()): SignatureProblem | undefined {
  if (queryValue(req, 'X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return undefined;
  const amzDate = queryValue(req, 'X-Amz-Date');
  const expires = queryValue(req, 'X-Amz-Expires');
  if (
    !amzDate ||
    !expires ||
    !queryValue(req, 'X-Amz-Credential') ||
    !queryValue(req, 'X-Amz-Signature') ||
    !queryValue(req, 'X-Amz-SignedHeaders')
  ) {
    return { code: 'AuthorizationQueryParametersError', status: 400, message: QUERY_PARAMS_MESSAGE, members: {} };
  }
  const seconds = Number(expires);
  if (!Number.isInteger(seconds) || seconds < 0) {
    return { code: 'AuthorizationQueryParametersError', status: 400, message: 'X-Amz-Expires should be a number', members: {} };
  }
  if (seconds > 604800) {
    return {
      code: 'AuthorizationQueryParametersError',
      status: 400,
      message: 'X-Amz-Expires must be less than a week (in seconds) that is 604800',
      members: {},
    };
  }
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m)
    return {
      code: 'AuthorizationQueryParametersError',
      status: 400,
      message: "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"",
      members: {},
    };
  const signedAt = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  const expiresAt = new Date(signedAt + seconds * 1000);
  if (now.getTime() > expiresAt.getTime()) {
    const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return {
      code: 'AccessDenied',
      status: 403,
      message: 'Request has expired',
      members: { 'X-Amz-Expires': expires, Expires: iso(expiresAt), ServerTime: iso(now) },
    };
  }
  return undefined;
}

function parse(req: AwsRequest): Parsed | SignatureProblem | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('AWS4-HMAC-SHA256')) {
    const fields = new Map<string, string>();
    for (const part of auth.slice('AWS4-HMAC-SHA256'.length).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    const cred = fromCredential(fields.get('Credential') ?? '');
    const signature = fields.get('Signature');
    const signed = fields.get('SignedHeaders');
    if (!cred || !signature || !signed) {
      return {
        code: 'AuthorizationHeaderMalformed',
        status: 400,
        message: 'The authorization header is malformed; the authorization component is incomplete.',
        members: {},
      };
    }
    return {
      ...cred,
      signature,
      signedHeaders: signed.split(';'),
      amzDate: req.headers['x-amz-date'] ?? '',
      payloadHash: req.headers['x-amz-content-sha256'] ?? sha256Hex(''),
      presigned: false,
    };
  }
  if (queryValue(req, 'X-Amz-Algorithm') === 'AWS4-HMAC-SHA256') {
    const cred = fromCredential(queryValue(req, 'X-Amz-Credential') ?? '');
    if (!cred) {
      return {
        code: 'AuthorizationQueryParametersError',
        status: 400,
        message:
          'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
        members: {},
      };
    }
    return {
      ...cred,
      signature: queryValue(req, 'X-Amz-Signature') ?? '',
      signedHeaders: (queryValue(req, 'X-Amz-SignedHeaders') ?? '').split(';'),
      amzDate: queryValue(req, 'X-Amz-Date') ?? '',
      payloadHash: queryValue(req, 'X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
      presigned: true,
    };
  }
  return undefined;
}

/** Verifies a SigV4-signed request against `secrets` (access key → secret); undefined when it holds. */
export function verifySigV4(req: AwsRequest, secrets: ReadonlyMap<string, string>): SignatureProblem | undefined | 'anonymous' {
  const parsed = parse(req);
  if (!parsed) return 'anonymous';
  if ('code' in parsed) return parsed;
  const secret = secrets.get(parsed.accessKeyId);
  if (secret === undefined) return unknownKey(parsed.accessKeyId);
  if (parsed.presigned) {
    // Every x-amz-* header sent with a presigned URL must have been signed (aws-wire-checklist §2.2 [aws-snap]).
    const unsigned = Object.keys(req.headers).filter((h) => h.startsWith('x-amz-') && !parsed.signedHeaders.includes(h));
    if (unsigned.length > 0) {
      return {
        code: 'AccessDenied',
        status: 403,
        message: 'There were headers present in the request which were not signed',
        members: { HeadersNotSigned: unsigned.join(', ') },
      };
    }
  }
  const headers = parsed.signedHeaders
    .map((name) => {
      const value = req.headers[name] ?? '';
      return `${name}:${value.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const canonicalRequest = [
    req.method,
    req.path,
    canonicalQuery(req.rawQuery, parsed.presigned ? 'X-Amz-Signature' : undefined),
    headers,
    parsed.signedHeaders.join(';'),
    parsed.payloadHash,
  ].join('\n');
  const scope = `${parsed.date}/${parsed.region}/${parsed.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', parsed.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const expected = createHmac('sha256', signingKey(secret, parsed.date, parsed.region, parsed.service))
    .update(stringToSign)
    .digest('hex');
  if (!safeEqual(expected, parsed.signature)) return mismatch(parsed.accessKeyId, stringToSign, parsed.signature, canonicalRequest);
  return undefined;
}

/** POST policy: the signature is the HMAC of the base64 policy with the SigV4 signing key. */
export function verifyPostPolicy(fields: ReadonlyMap<string, string>, secrets: ReadonlyMap<string, string>): SignatureProblem | undefined {
  const policyB64 = fields.get('policy') ?? '';
  // SigV2 forms (boto3's default): HMAC-SHA1 of the base64 policy with the secret.
  const v2Key = fields.get('awsaccesskeyid');
  if (v2Key !== undefined) {
    const secret = secrets.get(v2Key);
    if (secret === undefined) return unknownKey(v2Key);
    const given = fields.get('signature') ?? '';
    const expected = createHmac('sha1', secret).update(policyB64).digest('base64');
    return safeEqual(expected, given) ? undefined : mismatch(v2Key, policyB64, given, '');
  }
  const credential = fields.get('x-amz-credential') ?? '';
  const signature = fields.get('x-amz-signature') ?? '';
  const cred = fromCredential(credential);
  if (!cred)
    return { code: 'AccessDenied', status: 403, message: 'Invalid according to Policy: Policy Credential is malformed.', members: {} };
  const secret = secrets.get(cred.accessKeyId);
  if (secret === undefined) return unknownKey(cred.accessKeyId);
  const expected = createHmac('sha256', signingKey(secret, cred.date, cred.region, cred.service))
    .update(policyB64)
    .digest('hex');
  if (!safeEqual(expected, signature)) return mismatch(cred.accessKeyId, policyB64, signature, '');
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// SigV2 (`Authorization: AWS AKID:sig`, or `?AWSAccessKeyId=&Signature=&Expires=`), which boto3 still uses for
// generate_presigned_url unless signature_version="s3v4" is configured.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html

/** Sub-resources that take part in the SigV2 canonical resource. */
const V2_SUBRESOURCES = new Set([
  'acl',
  'cors',
  'delete',
  'lifecycle',
  'location',
  'logging',
  'notification',
  'partNumber',
  'policy',
  'requestPayment',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'response-content-language',
  'response-content-type',
  'response-expires',
  'restore',
  'select',
  'select-type',
  'tagging',
  'torrent',
  'uploadId',
  'uploads',
  'versionId',
  'versioning',
  'versions',
  'website',
  'object-lock',
  'legal-hold',
  'retention',
  'encryption',
  'publicAccessBlock',
  'ownershipControls',
  'replication',
  'accelerate',
  'analytics',
  'inventory',
  'metrics',
  'intelligent-tiering',
  'attributes',
]);

function v2Resource(req: AwsRequest, virtualBucket: string | undefined): string {
  const path = virtualBucket ? `/${virtualBucket}${req.path}` : req.path;
  const subs = req.query
    .filter(([k]) => V2_SUBRESOURCES.has(k))
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => (v === '' && !req.rawQuery.includes(`${k}=`) ? k : `${k}=${v}`));
  return subs.length > 0 ? `${path}?${subs.join('&')}` : path;
}

/** SigV2 header or query auth; 'anonymous' when the request carries neither. */
export function verifySigV2(
  req: AwsRequest,
  secrets: ReadonlyMap<string, string>,
  virtualBucket: string | undefined,
): SignatureProblem | undefined | 'anonymous' {
  const auth = req.headers.authorization;
  let accessKeyId: string;
  let signature: string;
  let dateLine: string;
  if (auth?.startsWith('AWS ')) {
    const colon = auth.lastIndexOf(':');
    accessKeyId = auth.slice(4, colon);
    signature = auth.slice(colon + 1);
    dateLine = req.headers['x-amz-date'] !== undefined ? '' : (req.headers.date ?? '');
  } else {
    const key = queryValue(req, 'AWSAccessKeyId');
    const sig = queryValue(req, 'Signature');
    const expires = queryValue(req, 'Expires');
    if (key === undefined || sig === undefined || expires === undefined) return 'anonymous';
    accessKeyId = key;
    signature = sig;
    dateLine = expires;
  }
  const secret = secrets.get(accessKeyId);
  if (secret === undefined) return unknownKey(accessKeyId);
  const amz = Object.entries(req.headers)
    .filter(([k]) => k.startsWith('x-amz-'))
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}:${v.trim()}\n`)
    .join('');
  const stringToSign = `${req.method}\n${req.headers['content-md5'] ?? ''}\n${req.headers['content-type'] ?? ''}\n${dateLine}\n${amz}${v2Resource(req, virtualBucket)}`;
  const expected = createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
  if (!safeEqual(expected, signature)) return mismatch(accessKeyId, stringToSign, signature, '');
  return undefined;
}

/** SigV2 presigned URLs expire at `Expires` (epoch seconds). */
export function checkSigV2Expiry(req: AwsRequest, now = new Date()): SignatureProblem | undefined {
  const expires = queryValue(req, 'Expires');
  if (expires === undefined || queryValue(req, 'AWSAccessKeyId') === undefined || queryValue(req, 'Signature') === undefined)
    return undefined;
  const at = Number(expires) * 1000;
  if (Number.isFinite(at) && now.getTime() > at) {
    const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return {
      code: 'AccessDenied',
      status: 403,
      message: 'Request has expired',
      members: { Expires: iso(new Date(at)), ServerTime: iso(now) },
    };
  }
  return undefined;
}

/** The context to check signed aws-chunked bodies against, for a header-signed STREAMING-AWS4-HMAC-SHA256-PAYLOAD request. */
export function chunkSignerFor(req: AwsRequest, secrets: ReadonlyMap<string, string>): ChunkSigner | undefined {
  if (!(req.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD')) return undefined;
  const parsed = parse(req);
  if (!parsed || 'code' in parsed || parsed.presigned) return undefined;
  const secret = secrets.get(parsed.accessKeyId);
  if (secret === undefined) return undefined;
  return {
    signingKey: signingKey(secret, parsed.date, parsed.region, parsed.service),
    amzDate: parsed.amzDate,
    scope: `${parsed.date}/${parsed.region}/${parsed.service}/aws4_request`,
    seedSignature: parsed.signature,
  };
}
