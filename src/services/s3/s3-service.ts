/** Standin's S3: the generated S3ServiceBase with the operations implemented so far. */
import {
  type CreateBucketOutput,
  type CreateBucketRequest,
  type DeleteBucketRequest,
  type HeadBucketOutput,
  type HeadBucketRequest,
  type ListBucketsOutput,
  type ListBucketsRequest,
  S3ServiceBase,
} from '../../../generated/s3/index.js';
import type { RequestContext } from '../../runtime/request.js';
import { createBucket, deleteBucket, headBucket, listBuckets } from './buckets.js';
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
    // Objects arrive with the S3 issue; until then every bucket is empty.
    deleteBucket(this.state, input, () => true);
  }
}
