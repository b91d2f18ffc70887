/** S3 state. Bucket names are global across accounts and regions, as in AWS. */
import sortedBtree from 'sorted-btree';
import type { CORSRule, Tag } from '../../../generated/s3/index.js';
import type { ChecksumAlgorithm } from '../../protocols/s3-checksums.js';
import { compareKeys } from './key-order.js';
import { type Body, releaseBody } from './storage.js';

/** Headers stored with an object and sent back on GET/HEAD. */
// sorted-btree is CommonJS with `exports.default`: under Node's ESM interop the class sits one level down.
const BTree = sortedBtree.default;
type BTree<K, V> = import('sorted-btree').default<K, V>;

export interface ObjectHeaders {
  contentType: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  expires?: string;
  websiteRedirectLocation?: string;
}

export interface StoredChecksum {
  algorithm: ChecksumAlgorithm;
  value: string;
  type: 'FULL_OBJECT' | 'COMPOSITE';
}

/** One part of a multipart object, kept for GetObject?partNumber and GetObjectAttributes. */
export interface ObjectPart {
  partNumber: number;
  size: number;
  checksum?: string;
}

export interface StoredObject {
  key: string;
  body: Body;
  size: number;
  /** Quoted, as sent in the ETag header. */
  etag: string;
  lastModified: Date;
  headers: ObjectHeaders;
  metadata: Record<string, string>;
  storageClass: string;
  checksum?: StoredChecksum;
  tags: Tag[];
  parts?: ObjectPart[];
}

export interface UploadPart {
  partNumber: number;
  body: Body;
  size: number;
  etag: string;
  lastModified: Date;
  checksum?: string;
}

export interface MultipartUpload {
  uploadId: string;
  key: string;
  initiated: Date;
  headers: ObjectHeaders;
  metadata: Record<string, string>;
  storageClass: string;
  tags: Tag[];
  checksumAlgorithm?: ChecksumAlgorithm;
  checksumType?: 'FULL_OBJECT' | 'COMPOSITE';
  parts: Map<number, UploadPart>;
}

export interface Bucket {
  name: string;
  region: string;
  accountId: string;
  createdAt: Date;
  /** Keys in order, so a page under a prefix costs O(log n + page). */
  objects: BTree<string, StoredObject>;
  uploads: Map<string, MultipartUpload>;
  cors?: CORSRule[];
}

export function newBucket(name: string, region: string, accountId: string): Bucket {
  return {
    name,
    region,
    accountId,
    createdAt: new Date(),
    objects: new BTree<string, StoredObject>(undefined, compareKeys),
    uploads: new Map(),
  };
}

/** Replaces (or removes) the object at a key in one step; the old body's files go once its readers finish. */
export function putStored(bucket: Bucket, obj: StoredObject): void {
  const old = bucket.objects.get(obj.key);
  bucket.objects.set(obj.key, obj);
  if (old) releaseBody(old.body);
}

export function deleteStored(bucket: Bucket, key: string): boolean {
  const old = bucket.objects.get(key);
  if (!old) return false;
  bucket.objects.delete(key);
  releaseBody(old.body);
  return true;
}

export function releaseUpload(upload: MultipartUpload): void {
  for (const part of upload.parts.values()) releaseBody(part.body);
  upload.parts.clear();
}

export class S3State {
  readonly buckets = new Map<string, Bucket>();

  reset(): void {
    for (const bucket of this.buckets.values()) {
      for (const obj of bucket.objects.values()) releaseBody(obj.body);
      for (const upload of bucket.uploads.values()) releaseUpload(upload);
    }
    this.buckets.clear();
  }
}
