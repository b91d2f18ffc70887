/**
 * The three Smithy timestamp formats (https://smithy.io/2.0/spec/protocol-traits.html#timestampformat-trait):
 * `date-time` (RFC 3339), `http-date` (RFC 7231 IMF-fixdate) and `epoch-seconds`.
 *
 * Formatting is canonical (date-time always carries milliseconds, as S3 does); parsing is as liberal as the
 * format allows and nothing more, so a value in the wrong format is rejected (Smithy's malformed-request tests).
 */

import { SerializationError } from './errors.js';
import type { MemberSchema, ShapeSchema, TimestampFormat } from './schema.js';

/** Where a timestamp travels; each location has its own default format. */
export type TimestampLocation = 'header' | 'query' | 'label' | 'xml' | 'json';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const LONG_DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

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

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** RFC 3339 in UTC with millisecond precision: `2026-11-29T06:49:40.000Z`. */
export function formatDateTime(date: Date): string {
  assertValidDate(date);
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}` +
    `.${pad(date.getUTCMilliseconds(), 3)}Z`
  );
}

/** RFC 7231 IMF-fixdate: `Sun, 29 Nov 2026 06:49:40 GMT` (sub-second precision is dropped). */
export function formatHttpDate(date: Date): string {
  assertValidDate(date);
  const day = DAY_NAMES[date.getUTCDay()] ?? 'Sun';
  const month = MONTH_NAMES[date.getUTCMonth()] ?? 'Jan';
  return (
    `${day}, ${pad(date.getUTCDate(), 2)} ${month} ${pad(date.getUTCFullYear(), 4)} ` +
    `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)} GMT`
  );
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

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Builds a UTC date, or undefined when a field is out of range (e.g. 31 Feb). Years 0-99 are taken literally. */
function utcDate(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number): Date | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  // Second 60 (a leap second) is allowed and rolls into the next minute.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  if (Number.isNaN(date.getTime())) return undefined;
  return date;
}

/** Milliseconds from a fraction's digits (`.5` → 500, `.123456` → 123: extra precision is truncated). */
function fractionMillis(fraction: string | undefined): number {
  if (fraction === undefined || fraction === '') return 0;
  return Number(fraction.slice(0, 3).padEnd(3, '0'));
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** RFC 3339 `date-time`, with or without fractional seconds, `Z` or a numeric offset. */
export function parseDateTime(text: string): Date | undefined {
  const m = DATE_TIME.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const date = utcDate(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), fractionMillis(frac));
  if (date === undefined) return undefined;
  if (sign !== undefined) {
    const offsetHours = Number(oh);
    const offsetMinutes = Number(om);
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
    const shifted = new Date(date.getTime() - (sign === '+' ? offset : -offset));
    return Number.isNaN(shifted.getTime()) ? undefined : shifted;
  }
  return date;
}

function monthIndex(name: string): number {
  const lower = name.toLowerCase();
  return MONTH_NAMES.findIndex((m) => m.toLowerCase() === lower);
}

function isShortDayName(name: string): boolean {
  const lower = name.toLowerCase();
  return DAY_NAMES.some((d) => d.toLowerCase() === lower);
}

const IMF_FIXDATE = /^([A-Za-z]{3}), (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))? GMT$/;
const RFC_850 = /^([A-Za-z]{6,9}), (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))? GMT$/;
const ASCTIME = /^([A-Za-z]{3}) ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))? (\d{4})$/;

/**
 * RFC 7231 `HTTP-date`: IMF-fixdate, plus the obsolete RFC 850 and asctime forms that recipients must accept.
 * Fractional seconds are tolerated (Smithy clients may send them).
 */
export function parseHttpDate(text: string, now: Date = new Date()): Date | undefined {
  let m = IMF_FIXDATE.exec(text);
  if (m !== null) {
    const [, dayName = '', d, mon = '', y, h, mi, s, frac] = m;
    if (!isShortDayName(dayName)) return undefined;
    const month = monthIndex(mon);
    if (month < 0) return undefined;
    return utcDate(Number(y), month + 1, Number(d), Number(h), Number(mi), Number(s), fractionMillis(frac));
  }
  m = RFC_850.exec(text);
  if (m !== null) {
    const [, dayName = '', d, mon = '', yy, h, mi, s, frac] = m;
    if (!LONG_DAY_NAMES.includes(dayName.toLowerCase())) return undefined;
    const month = monthIndex(mon);
    if (month < 0) return undefined;
    // RFC 7231 §7.1.1.1: a two-digit year more than 50 years in the future is in the previous century.
    const thisYear = now.getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + Number(yy);
    if (year > thisYear + 50) year -= 100;
    return utcDate(year, month + 1, Number(d), Number(h), Number(mi), Number(s), fractionMillis(frac));
  }
  m = ASCTIME.exec(text);
  if (m !== null) {
    const [, dayName = '', mon = '', d = '', h, mi, s, frac, y] = m;
    if (!isShortDayName(dayName)) return undefined;
    const month = monthIndex(mon);
    if (month < 0) return undefined;
    return utcDate(Number(y), month + 1, Number(d.trim()), Number(h), Number(mi), Number(s), fractionMillis(frac));
  }
  return undefined;
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
