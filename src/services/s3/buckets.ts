/** Bucket operations: CreateBucket, HeadBucket, ListBuckets, DeleteBucket. */
import {
  BucketAlreadyOwnedByYou,
  type BucketLocationConstraint,
  BucketNotEmpty,
  type CreateBucketOutput,
  type CreateBucketRequest,
  type DeleteBucketRequest,
  type GetBucketLocationOutput,
  type GetBucketLocationRequest,
  type HeadBucketOutput,
  type HeadBucketRequest,
  InvalidBucketName,
  type ListBucketsOutput,
  type ListBucketsRequest,
  NoSuchBucket,
} from '../../../generated/s3/index.js';
import type { RequestContext } from '../../runtime/request.js';
import { isValidBucketName } from './bucket-names.js';
import { type Bucket, newBucket, releaseUpload, type S3State } from './state.js';

/** The canonical owner Standin reports (the account id stands in for AWS's 64-hex canonical id). */
export const owner = (accountId: string) => ({ ID: accountId, DisplayName: 'standin' });

export function requireBucket(state: S3State, name: string): Bucket {
  const bucket = state.buckets.get(name);
  if (!bucket) throw new NoSuchBucket('The specified bucket does not exist', { BucketName: name });
  return bucket;
}

export function createBucket(state: S3State, input: CreateBucketRequest, ctx: RequestContext): CreateBucketOutput {
  const name = input.Bucket;
  if (!isValidBucketName(name)) throw new InvalidBucketName('The specified bucket is not valid.', { BucketName: name });
  const existing = state.buckets.get(name);
  if (existing) {
    // Standin has one owner per account; another account's bucket would be BucketAlreadyExists.
    throw new BucketAlreadyOwnedByYou('Your previous request to create the named bucket succeeded and you already own it.', {
      BucketName: name,
    });
  }
  const region = input.CreateBucketConfiguration?.LocationConstraint ?? 'us-east-1';
  state.buckets.set(name, newBucket(name, String(region), ctx.accountId));
  return { Location: `/${name}` };
}

export function headBucket(state: S3State, input: HeadBucketRequest): HeadBucketOutput {
  const bucket = state.buckets.get(input.Bucket);
  if (!bucket) throw new NoSuchBucket('', { BucketName: input.Bucket });
  return { BucketRegion: bucket.region };
}

export function listBuckets(state: S3State, _input: ListBucketsRequest, ctx: RequestContext): ListBucketsOutput {
  const buckets = [...state.buckets.values()]
    .filter((b) => b.accountId === ctx.accountId)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((b) => ({ Name: b.name, CreationDate: b.createdAt, BucketRegion: b.region }));
  return { Buckets: buckets, Owner: owner(ctx.accountId) };
}

export function deleteBucket(state: S3State, input: DeleteBucketRequest): void {
  const bucket = requireBucket(state, input.Bucket);
  if (bucket.objects.size > 0) {
    throw new BucketNotEmpty('The bucket you tried to delete is not empty', { BucketName: input.Bucket });
  }
  for (const upload of bucket.uploads.values()) releaseUpload(upload);
  state.buckets.delete(input.Bucket);
}

/** us-east-1 buckets answer an empty LocationConstraint (botocore reads it as None). */
export function getBucketLocation(state: S3State, input: GetBucketLocationRequest): GetBucketLocationOutput {
  const bucket = requireBucket(state, input.Bucket);
  return bucket.region === 'us-east-1' ? {} : { LocationConstraint: bucket.region as BucketLocationConstraint };
}
