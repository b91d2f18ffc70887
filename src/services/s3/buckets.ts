/** Bucket operations: CreateBucket, HeadBucket, ListBuckets, DeleteBucket. */
import {
  BucketAlreadyExists,
  BucketAlreadyOwnedByYou,
  type BucketLocationConstraint,
  BucketNotEmpty,
  type CreateBucketOutput,
  type CreateBucketRequest,
  type DeleteBucketRequest,
  type GetBucketLocationOutput,
  type GetBucketLocationRequest,
  type GetBucketVersioningOutput,
  type GetBucketVersioningRequest,
  type HeadBucketOutput,
  type HeadBucketRequest,
  IllegalLocationConstraintException,
  InvalidBucketName,
  InvalidLocationConstraint,
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

/**
 * LocationConstraint rules (aws-wire-checklist §3 [aws-snap]): us-east-1 takes no constraint; a regional endpoint
 * (the request's signing region) needs its own region as the constraint. `EU` means eu-west-1.
 */
function checkLocation(constraint: string | undefined, requestRegion: string): string {
  if (constraint === 'us-east-1' || constraint === 'aws-global') {
    throw new InvalidLocationConstraint('The specified location-constraint is not valid', { LocationConstraint: constraint });
  }
  if (requestRegion !== 'us-east-1') {
    if (!constraint) {
      throw new IllegalLocationConstraintException(
        'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.',
      );
    }
    const effective = constraint === 'EU' ? 'eu-west-1' : constraint;
    if (effective !== requestRegion) {
      throw new IllegalLocationConstraintException(
        `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
        { LocationConstraint: constraint },
      );
    }
  }
  return constraint === 'EU' ? 'eu-west-1' : (constraint ?? 'us-east-1');
}

export function createBucket(state: S3State, input: CreateBucketRequest, ctx: RequestContext): CreateBucketOutput {
  const name = input.Bucket;
  if (!isValidBucketName(name)) throw new InvalidBucketName('The specified bucket is not valid.', { BucketName: name });
  const existing = state.buckets.get(name);
  // Re-creating your own us-east-1 bucket answers 200 again; elsewhere it is a 409 (aws-wire-checklist §3 [aws-snap]).
  if (existing?.accountId === ctx.accountId && existing.region === 'us-east-1' && !input.CreateBucketConfiguration?.LocationConstraint) {
    return { Location: `/${name}` };
  }
  if (existing && existing.accountId !== ctx.accountId) {
    // Bucket names are global: another account's bucket (a 12-digit access key is its account id).
    throw new BucketAlreadyExists(
      'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
      { BucketName: name },
    );
  }
  if (existing) {
    throw new BucketAlreadyOwnedByYou('Your previous request to create the named bucket succeeded and you already own it.', {
      BucketName: name,
    });
  }
  const region = checkLocation(input.CreateBucketConfiguration?.LocationConstraint, ctx.region);
  state.buckets.set(name, newBucket(name, String(region), ctx.accountId));
  return { Location: `/${name}` };
}

export function headBucket(state: S3State, input: HeadBucketRequest): HeadBucketOutput {
  const bucket = state.buckets.get(input.Bucket);
  if (!bucket) throw new NoSuchBucket('', { BucketName: input.Bucket });
  return { BucketRegion: bucket.region };
}

/**
 * ListBuckets with Prefix, BucketRegion, MaxBuckets and an opaque ContinuationToken (the last name returned).
 * Without MaxBuckets every bucket is listed in one page, as before pagination existed.
 */
export function listBuckets(state: S3State, input: ListBucketsRequest, ctx: RequestContext): ListBucketsOutput {
  const after = input.ContinuationToken ? Buffer.from(input.ContinuationToken, 'base64').toString('utf8') : '';
  const all = [...state.buckets.values()]
    .filter((b) => b.accountId === ctx.accountId)
    .filter((b) => (input.Prefix ? b.name.startsWith(input.Prefix) : true))
    .filter((b) => (input.BucketRegion ? b.region === input.BucketRegion : true))
    .filter((b) => b.name > after)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const page = input.MaxBuckets !== undefined ? all.slice(0, input.MaxBuckets) : all;
  const out: ListBucketsOutput = {
    Buckets: page.map((b) => ({ Name: b.name, CreationDate: b.createdAt, BucketRegion: b.region })),
    Owner: owner(ctx.accountId),
  };
  const last = page.at(-1);
  if (page.length < all.length && last) out.ContinuationToken = Buffer.from(last.name, 'utf8').toString('base64');
  if (input.Prefix !== undefined) out.Prefix = input.Prefix;
  return out;
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

/** Standin does not version objects, so every bucket answers as never versioned: an empty VersioningConfiguration. */
export function getBucketVersioning(state: S3State, input: GetBucketVersioningRequest): GetBucketVersioningOutput {
  requireBucket(state, input.Bucket);
  return {};
}
