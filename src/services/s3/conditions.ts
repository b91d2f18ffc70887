/**
 * Conditional requests and byte ranges on GET/HEAD (and copy sources), with S3's precedence rules.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html (If-Match … If-Modified-Since),
 * RFC 9110 §13 and §14; aws-wire-checklist §3 (Range table, conditional precedence).
 */
import { InvalidRange, NotModified, PreconditionFailed } from '../../../generated/s3/index.js';
import { formatHttpDate } from '../../runtime/timestamps.js';
import type { StoredObject } from './state.js';

export interface Conditions {
  IfMatch?: string | undefined;
  IfNoneMatch?: string | undefined;
  IfModifiedSince?: Date | undefined;
  IfUnmodifiedSince?: Date | undefined;
}

export const stripQuotes = (etag: string): string =>
  etag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');

/** An If-Match / If-None-Match list matches `*` or any listed ETag, quotes ignored. */
export function etagMatches(header: string, etag: string): boolean {
  const bare = stripQuotes(etag);
  return header.split(',').some((item) => item.trim() === '*' || stripQuotes(item) === bare);
}

/** Comparisons happen at second resolution, as Last-Modified is sent (aws-wire-checklist §3). */
const seconds = (d: Date): number => Math.floor(d.getTime() / 1000);

export function preconditionFailed(condition: string): PreconditionFailed {
  return new PreconditionFailed('At least one of the pre-conditions you specified did not hold', { Condition: condition });
}

function notModified(obj: StoredObject): NotModified {
  const error = new NotModified('Not Modified');
  error.headers.push(['ETag', obj.etag], ['Last-Modified', formatHttpDate(obj.lastModified)]);
  return error;
}

/** Throws 412 or 304 as S3 would: If-Match, else If-Unmodified-Since; then If-None-Match, else If-Modified-Since. */
export function checkConditions(obj: StoredObject, c: Conditions): void {
  const modified = seconds(obj.lastModified);
  if (c.IfMatch !== undefined) {
    if (!etagMatches(c.IfMatch, obj.etag)) throw preconditionFailed('If-Match');
  } else if (c.IfUnmodifiedSince && modified > seconds(c.IfUnmodifiedSince)) {
    throw preconditionFailed('If-Unmodified-Since');
  }
  if (c.IfNoneMatch !== undefined) {
    if (etagMatches(c.IfNoneMatch, obj.etag)) throw notModified(obj);
  } else if (c.IfModifiedSince && c.IfModifiedSince.getTime() <= Date.now() && modified <= seconds(c.IfModifiedSince)) {
    // An If-Modified-Since in the future is ignored.
    throw notModified(obj);
  }
}

export interface ByteRange {
  start: number;
  end: number;
}

/**
 * A single `bytes=` range against an object of `size` bytes. Malformed or multiple ranges are ignored (undefined:
 * send the whole object); unsatisfiable ones throw 416 InvalidRange.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return undefined;
  const [, first = '', last = ''] = m;
  const unsatisfiable = () =>
    new InvalidRange('The requested range is not satisfiable', { ActualObjectSize: String(size), RangeRequested: header });
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw unsatisfiable();
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) throw unsatisfiable();
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}
