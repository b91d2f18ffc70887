/**
 * PostObject: browser form uploads signed with a POST policy (boto3 `generate_presigned_post`).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html, sigv4-HTTPPOSTConstructPolicy.html;
 * aws-wire-checklist §2.3.
 */
import { AccessDenied, EntityTooLarge, EntityTooSmall, InvalidArgument, MalformedPOSTRequest } from '../../../generated/s3/index.js';
import { boundaryOf, FormDataError, readPostForm } from '../../protocols/s3-form-data.js';
import { verifyPostPolicy } from '../../protocols/s3-sigv4.js';
import { AwsServiceError } from '../../runtime/errors.js';
import type { AwsRequest, AwsResponse, RequestContext } from '../../runtime/request.js';
import { escapeXmlText as escapeXml } from '../../runtime/xml-write.js';
import { requireBucket } from './buckets.js';
import { storedMetadata } from './metadata.js';
import { checkKey, headersFrom } from './objects.js';
import { parseTaggingHeader, receiveBody } from './receive.js';
import { putStored, type S3State, type StoredObject } from './state.js';
import { releaseBody } from './storage.js';

type Condition = Record<string, string> | [string, string | number, string | number];

function policyFailed(condition: Condition): AccessDenied {
  const text = Array.isArray(condition)
    ? `[${condition.map((c) => JSON.stringify(c)).join(', ')}]`
    : `[${Object.entries(condition)
        .map(([k, v]) => `"eq", "$${k}", ${JSON.stringify(v)}`)
        .join(', ')}]`;
  return new AccessDenied(`Invalid according to Policy: Policy Condition failed: ${text}`);
}

/** Checks the policy's expiration and field conditions; returns the content-length-range, if any. */
function checkPolicy(policyB64: string, fields: Map<string, string>, bucket: string): [number, number] | undefined {
  let policy: { expiration?: string; conditions?: Condition[] };
  try {
    policy = JSON.parse(Buffer.from(policyB64, 'base64').toString('utf8'));
  } catch {
    throw new InvalidArgument('Invalid Policy: Invalid JSON.', { ArgumentName: 'policy' });
  }
  if (!policy.expiration || Number.isNaN(Date.parse(policy.expiration))) {
    throw new InvalidArgument('Invalid Policy: Policy missing expiration.', { ArgumentName: 'policy' });
  }
  if (Date.parse(policy.expiration) < Date.now()) throw new AccessDenied('Invalid according to Policy: Policy expired.');
  const value = (name: string): string | undefined => (name.toLowerCase() === 'bucket' ? bucket : fields.get(name.toLowerCase()));
  let range: [number, number] | undefined;
  for (const condition of policy.conditions ?? []) {
    if (Array.isArray(condition)) {
      const [op, target, expected] = condition;
      const lowerOp = String(op).toLowerCase();
      if (lowerOp === 'content-length-range') {
        range = [Number(target), Number(expected)];
        continue;
      }
      const field = String(target).replace(/^\$/, '');
      const actual = value(field) ?? '';
      if (lowerOp === 'eq' && actual !== String(expected)) throw policyFailed(condition);
      if (lowerOp === 'starts-with' && !actual.startsWith(String(expected))) throw policyFailed(condition);
    } else {
      for (const [field, expected] of Object.entries(condition)) {
        if ((value(field) ?? '') !== expected) throw policyFailed({ [field]: expected });
      }
    }
  }
  return range;
}

export async function postObject(
  state: S3State,
  bucketName: string,
  req: AwsRequest,
  ctx: RequestContext,
  secrets: ReadonlyMap<string, string> | undefined,
): Promise<AwsResponse> {
  const bucket = requireBucket(state, bucketName);
  const boundary = boundaryOf(req.headers['content-type']);
  if (!boundary) throw new MalformedPOSTRequest('The body of your POST request is not well-formed multipart/form-data.');
  let form: Awaited<ReturnType<typeof readPostForm>>;
  try {
    form = await readPostForm(req.stream(), boundary);
  } catch (error) {
    if (error instanceof FormDataError)
      throw new MalformedPOSTRequest('The body of your POST request is not well-formed multipart/form-data.');
    throw error;
  }
  const { fields } = form;
  const rawKey = fields.get('key');
  if (rawKey === undefined) {
    throw new InvalidArgument("Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.", {
      ArgumentName: 'key',
      ArgumentValue: '',
    });
  }
  const key = rawKey.replace(/\$\{filename\}/g, form.filename ?? '');
  checkKey(key);
  const policy = fields.get('policy');
  let range: [number, number] | undefined;
  if (policy !== undefined) {
    if (secrets) {
      const problem = verifyPostPolicy(fields, secrets);
      if (problem) throw new AwsServiceError(problem.code, problem.status, 'client', problem.message, problem.members);
    }
    range = checkPolicy(policy, fields, bucket.name);
  } else if (secrets) {
    throw new AccessDenied('Access Denied');
  }
  const received = await receiveBody(undefined, req, { source: form.file });
  if (range && (received.body.size < range[0] || received.body.size > range[1])) {
    releaseBody(received.body);
    if (received.body.size < range[0]) {
      throw new EntityTooSmall('Your proposed upload is smaller than the minimum allowed size', {
        ProposedSize: String(received.body.size),
        MinSizeAllowed: String(range[0]),
      });
    }
    throw new EntityTooLarge('Your proposed upload exceeds the maximum allowed size', {
      ProposedSize: String(received.body.size),
      MaxSizeAllowed: String(range[1]),
    });
  }
  const metadata: Record<string, string> = {};
  for (const [name, v] of fields) if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = v;
  const obj: StoredObject = {
    key,
    body: received.body,
    size: received.body.size,
    etag: `"${received.md5.toString('hex')}"`,
    lastModified: new Date(),
    headers: headersFrom({
      ContentType: fields.get('content-type') ?? form.fileContentType,
      ContentDisposition: fields.get('content-disposition'),
      CacheControl: fields.get('cache-control'),
      ContentEncoding: fields.get('content-encoding'),
      Expires: fields.get('expires'),
    }),
    metadata: storedMetadata(metadata),
    storageClass: fields.get('x-amz-storage-class') ?? 'STANDARD',
    checksum: { ...received.checksum, type: 'FULL_OBJECT' },
    tags: parseTaggingHeader(fields.get('tagging')),
  };
  putStored(bucket, obj);
  const location = `${ctx.baseUrl}/${bucket.name}/${key.split('/').map(encodeURIComponent).join('/')}`;
  const headers: Array<[string, string]> = [
    ['ETag', obj.etag],
    ['Location', location],
  ];
  const redirect = fields.get('success_action_redirect');
  if (redirect) {
    try {
      const url = new URL(redirect);
      url.searchParams.set('bucket', bucket.name);
      url.searchParams.set('key', key);
      url.searchParams.set('etag', obj.etag);
      return { status: 303, headers: [...headers.filter(([n]) => n !== 'Location'), ['Location', url.toString()]] };
    } catch {
      // An unparseable redirect is ignored, as S3 does.
    }
  }
  const status = fields.get('success_action_status');
  if (status === '201') {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<PostResponse><Location>${escapeXml(location)}</Location><Bucket>${escapeXml(bucket.name)}</Bucket>` +
      `<Key>${escapeXml(key)}</Key><ETag>${escapeXml(obj.etag)}</ETag></PostResponse>`;
    return { status: 201, headers: [...headers, ['Content-Type', 'application/xml']], body: xml };
  }
  return { status: status === '200' ? 200 : 204, headers };
}
