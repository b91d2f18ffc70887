/** Standin's S3: the generated S3ServiceBase with the operations implemented so far, split by resource. */
import {
  type CreateBucketOutput,
  type CreateBucketRequest,
  type DeleteBucketRequest,
  type DeleteObjectOutput,
  type DeleteObjectRequest,
  type DeleteObjectsOutput,
  type DeleteObjectsRequest,
  type GetObjectOutput,
  type GetObjectRequest,
  type HeadBucketOutput,
  type HeadBucketRequest,
  type HeadObjectOutput,
  type HeadObjectRequest,
  type ListBucketsOutput,
  type ListBucketsRequest,
  type ListObjectsOutput,
  type ListObjectsRequest,
  type ListObjectsV2Output,
  type ListObjectsV2Request,
  type ListObjectVersionsOutput,
  type ListObjectVersionsRequest,
  type PutObjectOutput,
  type PutObjectRequest,
  S3ServiceBase,
} from '../../../generated/s3/index.js';
import type { RequestContext } from '../../runtime/request.js';
import { createBucket, deleteBucket, headBucket, listBuckets } from './buckets.js';
import { listObjects, listObjectsV2, listObjectVersions } from './listing.js';
import { deleteObject, deleteObjects, getObject, headObject, putObject } from './objects.js';
import { S3State } from './state.js';

export class S3Service extends S3ServiceBase {
  readonly state = new S3State();

  reset(): void {
    this.state.reset();
  }

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

  override async listObjectsV2(input: ListObjectsV2Request, ctx: RequestContext): Promise<ListObjectsV2Output> {
    return listObjectsV2(this.state, input, ctx);
  }

  override async listObjects(input: ListObjectsRequest, ctx: RequestContext): Promise<ListObjectsOutput> {
    return listObjects(this.state, input, ctx);
  }

  override async listObjectVersions(input: ListObjectVersionsRequest, ctx: RequestContext): Promise<ListObjectVersionsOutput> {
    return listObjectVersions(this.state, input, ctx);
  }
}
