/** Object tagging: Get/Put/DeleteObjectTagging (x-amz-tagging on upload is parsed in receive.ts). */
import {
  type DeleteObjectTaggingOutput,
  type DeleteObjectTaggingRequest,
  type GetObjectTaggingOutput,
  type GetObjectTaggingRequest,
  InvalidTag,
  type PutObjectTaggingOutput,
  type PutObjectTaggingRequest,
  type Tag,
} from '../../../generated/s3/index.js';
import { requireBucket } from './buckets.js';
import { requireObject } from './objects.js';
import type { S3State } from './state.js';

/** Tag limits: https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html */
export function checkTags(tags: Tag[]): void {
  if (tags.length > 10) throw new InvalidTag('Object tags cannot be greater than 10');
  const seen = new Set<string>();
  for (const t of tags) {
    if (seen.has(t.Key)) throw new InvalidTag('Cannot provide multiple Tags with the same key', { TagKey: t.Key });
    seen.add(t.Key);
    if (t.Key.length === 0 || t.Key.length > 128) throw new InvalidTag('The TagKey you have provided is invalid', { TagKey: t.Key });
    if (t.Value.length > 256) throw new InvalidTag('The TagValue you have provided is invalid', { TagKey: t.Key, TagValue: t.Value });
  }
}

export function getObjectTagging(state: S3State, input: GetObjectTaggingRequest): GetObjectTaggingOutput {
  const obj = requireObject(requireBucket(state, input.Bucket), input.Key);
  return { TagSet: obj.tags.map((t) => ({ Key: t.Key, Value: t.Value })) };
}

export function putObjectTagging(state: S3State, input: PutObjectTaggingRequest): PutObjectTaggingOutput {
  const obj = requireObject(requireBucket(state, input.Bucket), input.Key);
  const tags = input.Tagging?.TagSet ?? [];
  checkTags(tags);
  obj.tags = tags.map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
  return {};
}

export function deleteObjectTagging(state: S3State, input: DeleteObjectTaggingRequest): DeleteObjectTaggingOutput {
  const obj = requireObject(requireBucket(state, input.Bucket), input.Key);
  obj.tags = [];
  return {};
}
