/**
 * S3's own rules on top of restXml, which take precedence over generic restXml:
 * - virtual-hosted addressing (s3-addressing.ts): the bucket from Host is prepended to the path before routing;
 * - sub-resource routing from the model's URIs (`?acl`, `?uploads`, `?list-type=2`...), never requiring `x-id`;
 * - `<Error>` at the root (noErrorWrapping) with RequestId and HostId; no body at all on HEAD;
 * - `x-amz-request-id` and `x-amz-id-2` on every response.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 */
import { type AwsServiceError, FrameworkError } from '../runtime/errors.js';
import { type AwsRequest, type AwsResponse, getHeader, setHeader } from '../runtime/request.js';
import type { ServiceSchema } from '../runtime/schema.js';
import { isTie, matchAll, pathSegments, type RouteMatch } from './http-router.js';
import type { ExchangeInfo, Protocol } from './protocol.js';
import { s3HostId, s3RequestId } from './request-ids.js';
import { xmlErrorDocument } from './rest-xml.js';
import { bucketFromHost } from './s3-addressing.js';
import { parseSigV4 } from './sigv4.js';

/**
 * Operations the model's HTTP bindings cannot tell apart (same method, path and sub-resources) once `x-id` is
 * ignored, and neither is deprecated. The first listed wins; the others are reached only with their `x-id` hint.
 * ListDirectoryBuckets shares `GET /` with ListBuckets: the JS SDK adds `?x-id=ListDirectoryBuckets`, botocore
 * signs it for `s3express` instead (its endpoint rules set UseS3ExpressControlEndpoint).
 */
const PREFERRED = ['ListBuckets'];

function pick(matches: RouteMatch[], req: AwsRequest): RouteMatch | undefined {
  const [best] = matches;
  if (!best) return undefined;
  const tied = matches.filter((m) => isTie(m, best));
  if (tied.length === 1) return best;
  const hint = req.query.find(([k]) => k === 'x-id')?.[1];
  const hinted = hint ? tied.find((m) => m.operation.name === hint) : undefined;
  if (hinted) return hinted;
  if (parseSigV4(req)?.service === 's3express') {
    const express = tied.find((m) => m.operation.contextFlags?.includes('UseS3ExpressControlEndpoint'));
    if (express) return express;
  }
  for (const name of PREFERRED) {
    const preferred = tied.find((m) => m.operation.name === name);
    if (preferred) return preferred;
  }
  // Otherwise the router's order: the current operation before a deprecated one.
  return best;
}

export const s3Protocol: Protocol = {
  newRequestId: s3RequestId,

  route(req: AwsRequest, schema: ServiceSchema) {
    const bucket = bucketFromHost(req.headers.host, process.env.STANDIN_HOSTNAME);
    const segments = pathSegments(req.path);
    const all = bucket ? [encodeURIComponent(bucket), ...segments] : segments;
    const match = pick(matchAll(schema, req, all), req);
    if (!match) {
      const resource = all.length === 0 ? 'SERVICE' : all.length === 1 || all[1] === '' ? 'BUCKET' : 'OBJECT';
      throw new FrameworkError('MethodNotAllowed', 405, 'client', 'The specified method is not allowed against this resource.', {
        Method: req.method,
        ResourceType: resource,
      });
    }
    return match;
  },

  serializeError(error: AwsServiceError, schema: ServiceSchema, info: ExchangeInfo): AwsResponse {
    const res: AwsResponse = { status: error.httpStatus, headers: [...error.headers] };
    const hostId = s3HostId();
    // HEAD responses never have a body; SDKs fall back to the status code (aws-wire-checklist §2.5).
    if (info.method !== 'HEAD' && error.httpStatus !== 304) {
      res.body = xmlErrorDocument(error, { requestId: info.requestId, hostId }, { wrapped: false });
      setHeader(res, 'Content-Type', 'application/xml');
    }
    this.finalize(res, schema, info);
    setHeader(res, 'x-amz-id-2', hostId);
    return res;
  },

  finalize(res: AwsResponse, _schema: ServiceSchema, info: ExchangeInfo): void {
    // A ranged GetObject/HeadObject answers 206; the model has no member for the status.
    if (res.status === 200 && getHeader(res, 'Content-Range') !== undefined) res.status = 206;
    setHeader(res, 'x-amz-request-id', info.requestId);
    if (!res.headers.some(([n]) => n.toLowerCase() === 'x-amz-id-2')) setHeader(res, 'x-amz-id-2', s3HostId());
    setHeader(res, 'Server', 'AmazonS3');
  },
};
