/** The HTTP-binding router and S3's addressing rules, on the real generated schemas. */
import { describe, expect, it } from 'vitest';
import { serviceSchema as apigw } from '../../generated/apigateway/index.js';
import { serviceSchema as lambda } from '../../generated/lambda/index.js';
import { serviceSchema as s3 } from '../../generated/s3/index.js';
import { matchAll, pathSegments } from '../../src/protocols/http-router.js';
import { s3Protocol } from '../../src/protocols/s3.js';
import { bucketFromHost } from '../../src/protocols/s3-addressing.js';
import { AwsServiceError } from '../../src/runtime/errors.js';
import { fakeRequest } from '../runtime/fake-request.js';

const s3Route = (method: string, path: string, query = '', headers: Record<string, string> = {}) =>
  s3Protocol.route(fakeRequest({ method, path, query, headers: { host: 'localhost:4566', ...headers } }), s3);

describe('S3 routing', () => {
  it.each([
    ['GET', '/', '', 'ListBuckets'],
    ['GET', '/b', '', 'ListObjects'],
    ['GET', '/b', 'list-type=2', 'ListObjectsV2'],
    ['GET', '/b', 'acl', 'GetBucketAcl'],
    ['GET', '/b', 'versions', 'ListObjectVersions'],
    ['GET', '/b', 'uploads', 'ListMultipartUploads'],
    ['GET', '/b', 'location', 'GetBucketLocation'],
    ['GET', '/b', 'lifecycle', 'GetBucketLifecycleConfiguration'],
    ['PUT', '/b', '', 'CreateBucket'],
    ['POST', '/b', 'delete', 'DeleteObjects'],
    ['GET', '/b/k', '', 'GetObject'],
    ['GET', '/b/k', 'tagging', 'GetObjectTagging'],
    ['GET', '/b/k', 'uploadId=u', 'ListParts'],
    ['PUT', '/b/k', '', 'PutObject'],
    ['PUT', '/b/k', 'tagging', 'PutObjectTagging'],
    ['PUT', '/b/k', 'partNumber=1&uploadId=u', 'UploadPart'],
    ['POST', '/b/k', 'uploads', 'CreateMultipartUpload'],
    ['POST', '/b/k', 'uploadId=u', 'CompleteMultipartUpload'],
    ['DELETE', '/b/k', 'uploadId=u', 'AbortMultipartUpload'],
    ['HEAD', '/b/k', '', 'HeadObject'],
    ['HEAD', '/b', '', 'HeadBucket'],
  ])('%s %s?%s is %s', (method, path, query, operation) => {
    expect(s3Route(method, path, query).operation.name).toBe(operation);
  });

  it('tells CopyObject and UploadPartCopy from PutObject and UploadPart by x-amz-copy-source', () => {
    const copy = { 'x-amz-copy-source': '/src/key' };
    expect(s3Route('PUT', '/b/k', '', copy).operation.name).toBe('CopyObject');
    expect(s3Route('PUT', '/b/k', 'partNumber=2&uploadId=u', copy).operation.name).toBe('UploadPartCopy');
  });

  it('never needs the x-id hint, but honours it between routes the model cannot tell apart', () => {
    expect(s3Route('GET', '/', 'x-id=ListDirectoryBuckets').operation.name).toBe('ListDirectoryBuckets');
    expect(s3Route('GET', '/b/k', 'x-id=GetObject').operation.name).toBe('GetObject');
  });

  it('keeps keys with //, .., trailing slashes and encoded characters intact', () => {
    expect(s3Route('GET', '/b/a//b/../c/').labels).toEqual({ Bucket: 'b', Key: 'a//b/../c/' });
    expect(s3Route('GET', '/b/%F0%9F%98%80%20x%2By%25').labels.Key).toBe('😀 x+y%');
    expect(s3Route('GET', '/b//lead').labels.Key).toBe('/lead');
  });

  it('takes the bucket from a virtual host', () => {
    const route = s3Route('GET', '/photos/cat.jpg', '', { host: 'my.bucket.s3.localhost.localstack.cloud:4566' });
    expect(route.operation.name).toBe('GetObject');
    expect(route.labels).toEqual({ Bucket: 'my.bucket', Key: 'photos/cat.jpg' });
  });

  it('answers MethodNotAllowed for a method no operation takes', () => {
    try {
      s3Route('PATCH', '/b/k');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AwsServiceError);
      expect((error as AwsServiceError).code).toBe('MethodNotAllowed');
      expect((error as AwsServiceError).httpStatus).toBe(405);
      expect((error as AwsServiceError).members).toEqual({ Method: 'PATCH', ResourceType: 'OBJECT' });
    }
  });
});

describe('S3 addressing', () => {
  it.each([
    ['b1.s3.localhost.localstack.cloud:4566', 'b1'],
    ['b1.localhost:4566', 'b1'],
    ['my.dotted.bucket.s3.amazonaws.com', 'my.dotted.bucket'],
    ['b1.s3.eu-west-1.amazonaws.com', 'b1'],
    ['b1.s3-eu-west-1.amazonaws.com', 'b1'],
  ])('%s names bucket %s', (host, bucket) => {
    expect(bucketFromHost(host)).toBe(bucket);
  });

  it.each([
    'localhost:4566',
    '127.0.0.1:4566',
    's3.localhost.localstack.cloud:4566',
    'localhost.localstack.cloud:4566',
    's3.amazonaws.com',
    '[::1]:4566',
  ])('%s is path style', (host) => {
    expect(bucketFromHost(host)).toBeUndefined();
  });

  it('honours an extra base domain', () => {
    expect(bucketFromHost('b1.storage.test:4566', 'storage.test')).toBe('b1');
  });
});

describe('restJson1 routing', () => {
  it.each([
    [lambda, 'POST', '/2015-03-31/functions/my-fn/invocations', 'Invoke', { FunctionName: 'my-fn' }],
    [lambda, 'GET', '/2015-03-31/functions/', 'ListFunctions', {}],
    [
      lambda,
      'GET',
      '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af',
      'GetFunction',
      { FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:f' },
    ],
    [apigw, 'GET', '/restapis/abc/resources/r1', 'GetResource', { restApiId: 'abc', resourceId: 'r1' }],
    [
      apigw,
      'PUT',
      '/restapis/abc/resources/r1/methods/GET/integration',
      'PutIntegration',
      { restApiId: 'abc', resourceId: 'r1', httpMethod: 'GET' },
    ],
  ])('%#: %s %s is %s', (schema, method, path, operation, labels) => {
    const [best] = matchAll(schema, fakeRequest({ method, path }));
    expect(best?.operation.name).toBe(operation);
    expect(best?.labels).toEqual(labels);
  });

  it('prefers a literal segment over a label', () => {
    const [best] = matchAll(apigw, fakeRequest({ method: 'GET', path: '/restapis/abc/deployments' }));
    expect(best?.operation.name).toBe('GetDeployments');
  });
});

describe('pathSegments', () => {
  it('keeps empty segments, which S3 keys may contain', () => {
    expect(pathSegments('/')).toEqual([]);
    expect(pathSegments('/a//b/')).toEqual(['a', '', 'b', '']);
  });
});
