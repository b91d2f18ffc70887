/** Standin's S3: the generated S3ServiceBase with the operations implemented so far, split by resource. */
import {
  type AbortMultipartUploadOutput,
  type AbortMultipartUploadRequest,
  type CompleteMultipartUploadOutput,
  type CompleteMultipartUploadRequest,
  type CopyObjectOutput,
  type CopyObjectRequest,
  type CreateBucketOutput,
  type CreateBucketRequest,
  type CreateMultipartUploadOutput,
  type CreateMultipartUploadRequest,
  type DeleteBucketCorsRequest,
  type DeleteBucketRequest,
  type DeleteObjectOutput,
  type DeleteObjectRequest,
  type DeleteObjectsOutput,
  type DeleteObjectsRequest,
  type DeleteObjectTaggingOutput,
  type DeleteObjectTaggingRequest,
  type GetBucketCorsOutput,
  type GetBucketCorsRequest,
  type GetBucketLocationOutput,
  type GetBucketLocationRequest,
  type GetBucketVersioningOutput,
  type GetBucketVersioningRequest,
  type GetObjectAttributesOutput,
  type GetObjectAttributesRequest,
  type GetObjectOutput,
  type GetObjectRequest,
  type GetObjectTaggingOutput,
  type GetObjectTaggingRequest,
  type HeadBucketOutput,
  type HeadBucketRequest,
  type HeadObjectOutput,
  type HeadObjectRequest,
  type ListBucketsOutput,
  type ListBucketsRequest,
  type ListMultipartUploadsOutput,
  type ListMultipartUploadsRequest,
  type ListObjectsOutput,
  type ListObjectsRequest,
  type ListObjectsV2Output,
  type ListObjectsV2Request,
  type ListObjectVersionsOutput,
  type ListObjectVersionsRequest,
  type ListPartsOutput,
  type ListPartsRequest,
  type PutBucketCorsRequest,
  type PutObjectOutput,
  type PutObjectRequest,
  type PutObjectTaggingOutput,
  type PutObjectTaggingRequest,
  S3ServiceBase,
  type UploadPartCopyOutput,
  type UploadPartCopyRequest,
  type UploadPartOutput,
  type UploadPartRequest,
} from '../../../generated/s3/index.js';
import type { RequestContext } from '../../runtime/request.js';
import { createBucket, deleteBucket, getBucketLocation, getBucketVersioning, headBucket, listBuckets } from './buckets.js';
import { copyObject, getObjectAttributes } from './copy.js';
import { deleteBucketCors, getBucketCors, putBucketCors } from './cors.js';
import { listObjects, listObjectsV2, listObjectVersions } from './listing.js';
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, uploadPart, uploadPartCopy } from './multipart.js';
import { listMultipartUploads, listParts } from './multipart-listing.js';
import { deleteObject, deleteObjects, getObject, headObject, putObject } from './objects.js';
import { S3State } from './state.js';
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from './tagging.js';

export class S3Service extends S3ServiceBase {
  readonly state = new S3State();

  reset(): void {
    this.state.reset();
  }

  // Buckets
  override async createBucket(input: CreateBucketRequest, ctx: RequestContext): Promise<CreateBucketOutput> {
    return createBucket(this.state, input, ctx);
  }
  override async headBucket(input: HeadBucketRequest): Promise<HeadBucketOutput> {
    return headBucket(this.state, input);
  }
  override async listBuckets(input: ListBucketsRequest, ctx: RequestContext): Promise<ListBucketsOutput> {
    return listBuckets(this.state, input, ctx);
  }
  override async deleteBucket(input: DeleteBucketRequest): Promise<void> {
    deleteBucket(this.state, input);
  }
  override async getBucketLocation(input: GetBucketLocationRequest): Promise<GetBucketLocationOutput> {
    return getBucketLocation(this.state, input);
  }
  override async getBucketVersioning(input: GetBucketVersioningRequest): Promise<GetBucketVersioningOutput> {
    return getBucketVersioning(this.state, input);
  }
  override async putBucketCors(input: PutBucketCorsRequest): Promise<void> {
    putBucketCors(this.state, input);
  }
  override async getBucketCors(input: GetBucketCorsRequest): Promise<GetBucketCorsOutput> {
    return getBucketCors(this.state, input);
  }
  override async deleteBucketCors(input: DeleteBucketCorsRequest): Promise<void> {
    deleteBucketCors(this.state, input);
  }

  // Objects
  override async putObject(input: PutObjectRequest, ctx: RequestContext): Promise<PutObjectOutput> {
    return putObject(this.state, input, ctx);
  }
  override async getObject(input: GetObjectRequest): Promise<GetObjectOutput> {
    return getObject(this.state, input);
  }
  override async headObject(input: HeadObjectRequest): Promise<HeadObjectOutput> {
    return headObject(this.state, input);
  }
  override async deleteObject(input: DeleteObjectRequest): Promise<DeleteObjectOutput> {
    return deleteObject(this.state, input);
  }
  override async deleteObjects(input: DeleteObjectsRequest): Promise<DeleteObjectsOutput> {
    return deleteObjects(this.state, input);
  }
  override async copyObject(input: CopyObjectRequest): Promise<CopyObjectOutput> {
    return copyObject(this.state, input);
  }
  override async getObjectAttributes(input: GetObjectAttributesRequest): Promise<GetObjectAttributesOutput> {
    return getObjectAttributes(this.state, input);
  }
  override async getObjectTagging(input: GetObjectTaggingRequest): Promise<GetObjectTaggingOutput> {
    return getObjectTagging(this.state, input);
  }
  override async putObjectTagging(input: PutObjectTaggingRequest): Promise<PutObjectTaggingOutput> {
    return putObjectTagging(this.state, input);
  }
  override async deleteObjectTagging(input: DeleteObjectTaggingRequest): Promise<DeleteObjectTaggingOutput> {
    return deleteObjectTagging(this.state, input);
  }

  // Listing
  override async listObjectsV2(input: ListObjectsV2Request, ctx: RequestContext): Promise<ListObjectsV2Output> {
    return listObjectsV2(this.state, input, ctx);
  }
  override async listObjects(input: ListObjectsRequest, ctx: RequestContext): Promise<ListObjectsOutput> {
    return listObjects(this.state, input, ctx);
  }
  override async listObjectVersions(input: ListObjectVersionsRequest, ctx: RequestContext): Promise<ListObjectVersionsOutput> {
    return listObjectVersions(this.state, input, ctx);
  }

  // Multipart
  override async createMultipartUpload(input: CreateMultipartUploadRequest): Promise<CreateMultipartUploadOutput> {
    return createMultipartUpload(this.state, input);
  }
  override async uploadPart(input: UploadPartRequest, ctx: RequestContext): Promise<UploadPartOutput> {
    return uploadPart(this.state, input, ctx);
  }
  override async uploadPartCopy(input: UploadPartCopyRequest): Promise<UploadPartCopyOutput> {
    return uploadPartCopy(this.state, input);
  }
  override async completeMultipartUpload(
    input: CompleteMultipartUploadRequest,
    ctx: RequestContext,
  ): Promise<CompleteMultipartUploadOutput> {
    return completeMultipartUpload(this.state, input, ctx);
  }
  override async abortMultipartUpload(input: AbortMultipartUploadRequest): Promise<AbortMultipartUploadOutput> {
    return abortMultipartUpload(this.state, input);
  }
  override async listParts(input: ListPartsRequest, ctx: RequestContext): Promise<ListPartsOutput> {
    return listParts(this.state, input, ctx);
  }
  override async listMultipartUploads(input: ListMultipartUploadsRequest, ctx: RequestContext): Promise<ListMultipartUploadsOutput> {
    return listMultipartUploads(this.state, input, ctx);
  }
}
