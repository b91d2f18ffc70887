/**
 * The three Smithy timestamp formats (https://smithy.io/2.0/spec/protocol-traits.html#timestampformat-trait):
 * `date-time` (RFC 3339), `http-date` (RFC 7231 IMF-fixdate) and `epoch-seconds`.
 *
 * Formatting is canonical (date-time always carries milliseconds, as S3 does); parsing is as liberal as the
 * format allows and nothing more, so a value in the wrong format is rejected (Smithy's malformed-request tests).
 */

import { dateToUtcString, parseRfc3339DateTimeWithOffset, parseRfc7231DateTime } from '@smithy/smithy-client';
import { SerializationError } from './errors.js';
import type { MemberSchema, ShapeSchema, TimestampFormat } from './schema.js';

/** Where a timestamp travels; each location has its own default format. */
export type TimestampLocation = 'header' | 'query' | 'label' | 'xml' | 'json';

/** Default format per location: headers http-date, JSON bodies epoch-seconds, everything else date-time. */
export function defaultTimestampFormat(location: TimestampLocation): TimestampFormat {
  switch (location) {
    case 'header':
      return 'http-date';
    case 'json':
      return 'epoch-seconds';
    default:
      return 'date-time';
  }
}

/** Member trait first, then the target shape's trait, then the location default. */
export function resolveTimestampFormat(
  member: Pick<MemberSchema, 'timestampFormat'> | undefined,
  target: ShapeSchema | undefined,
  location: TimestampLocation,
): TimestampFormat {
  const fromTarget = target !== undefined && 'timestampFormat' in target ? target.timestampFormat : undefined;
  return member?.timestampFormat ?? fromTarget ?? defaultTimestampFormat(location);
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting

/** RFC 3339 in UTC with millisecond precision: `2026-11-29T06:49:40.000Z`. */
export function formatDateTime(date: Date): string {
  assertValidDate(date);
  return date.toISOString();
}

/** RFC 7231 IMF-fixdate: `Sun, 29 Nov 2026 06:49:40 GMT` (sub-second precision is dropped), as Smithy formats it. */
export function formatHttpDate(date: Date): string {
  assertValidDate(date);
  return dateToUtcString(date);
}

/** Seconds since the epoch with up to three decimals: 1764398980.123, or 1764398980 when whole. */
export function formatEpochSeconds(date: Date): number {
  assertValidDate(date);
  return date.getTime() / 1000;
}

/** Text form of a timestamp in the given format (epoch-seconds as its JSON number text). */
export function formatTimestamp(date: Date, format: TimestampFormat): string {
  switch (format) {
    case 'date-time':
      return formatDateTime(date);
    case 'http-date':
      return formatHttpDate(date);
    case 'epoch-seconds':
      return String(formatEpochSeconds(date));
  }
}

function assertValidDate(date: Date): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new TypeError(`Cannot format an invalid timestamp: ${String(date)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

/** RFC 3339 `date-time`, with or without fractional seconds, `Z` or a numeric offset (Smithy's own parser). */
export function parseDateTime(text: string): Date | undefined {
  try {
    return parseRfc3339DateTimeWithOffset(text);
  } catch {
    return undefined;
  }
}

/**
 * RFC 7231 `HTTP-date`: IMF-fixdate, plus the obsolete RFC 850 (two-digit years within 50 years) and asctime
 * forms that recipients must accept (Smithy's own parser).
 */
export function parseHttpDate(text: string): Date | undefined {
  try {
    return parseRfc7231DateTime(text);
  } catch {
    return undefined;
  }
}

const EPOCH_SECONDS = /^-?\d+(?:\.\d+)?$/;

/** Seconds since the epoch, as a JSON number or its decimal text (no exponent, hex, NaN or Infinity). */
export function parseEpochSeconds(value: string | number): Date | undefined {
  let seconds: number;
  if (typeof value === 'number') {
    seconds = value;
  } else {
    if (!EPOCH_SECONDS.test(value)) return undefined;
    seconds = Number(value);
  }
  if (!Number.isFinite(seconds)) return undefined;
  const date = new Date(Math.round(seconds * 1000));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Parses a timestamp in exactly the given format; throws SerializationError when it does not conform. */
export function parseTimestamp(value: string | number, format: TimestampFormat, where = 'timestamp'): Date {
  let date: Date | undefined;
  if (format === 'epoch-seconds') date = parseEpochSeconds(value);
  else if (typeof value === 'string') date = format === 'date-time' ? parseDateTime(value) : parseHttpDate(value);
  if (date === undefined) {
    throw new SerializationError(
      'SerializationException',
      400,
      'client',
      `Invalid ${where}: ${JSON.stringify(value)} is not a valid ${format} timestamp`,
    );
  }
  return date;
}

/**
 * Converts what a handler returned for a timestamp into a Date: a Date, an RFC 3339 / HTTP-date string,
 * or a number of milliseconds since the epoch (JavaScript's convention). Throws TypeError otherwise.
 */
export function toDate(value: unknown): Date {
  let date: Date | undefined;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number') date = new Date(value);
  else if (typeof value === 'string') date = parseDateTime(value) ?? parseHttpDate(value);
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new TypeError(`Expected a timestamp (Date), got ${typeof value === 'string' ? JSON.stringify(value) : typeof value}`);
  }
  return date;
}
