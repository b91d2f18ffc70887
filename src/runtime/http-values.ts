/**
 * Typed values in headers, query strings and URI labels (https://smithy.io/2.0/spec/http-bindings.html):
 * text ↔ number / boolean / timestamp / blob, and header lists (comma-separated, optionally quoted).
 */
import { quoteHeader, splitEvery, splitHeader } from '@smithy/smithy-client';
import { SerializationError } from './errors.js';
import type { TimestampFormat } from './schema.js';
import type { IntegerType } from './serde-util.js';
import { decodeBase64, decodeUtf8, encodeBase64, formatFloat, inIntegerRange, parseSpecialFloat, toBytes } from './serde-util.js';
import { defaultTimestampFormat, formatTimestamp, parseTimestamp, toDate } from './timestamps.js';

/**
 * The wire kind of a header/query/label value. `json` is a string with a JSON `@mediaType`
 * (base64-encoded in headers); enums are `string`, intEnums `integer`.
 */
export type ValueKind = 'string' | 'integer' | 'float' | 'boolean' | 'timestamp' | 'blob' | 'json';

export type HttpValue = string | number | boolean | Date | Uint8Array;

/** Where a value travels; it decides the default timestamp format and whether `json` strings are base64. */
export type HttpLocation = 'header' | 'query' | 'label';

function invalid(where: string, text: string, expected: string): SerializationError {
  return new SerializationError(
    'SerializationException',
    400,
    'client',
    `Invalid value for ${where}: ${JSON.stringify(text)} is not ${expected}`,
  );
}

const INTEGER_TEXT = /^-?\d+$/;

/** A decimal integer within the range of `type` (default long); no sign `+`, hex, exponent or fraction. */
export function parseIntegerText(text: string, where: string, type: IntegerType = 'long'): number {
  if (!INTEGER_TEXT.test(text)) throw invalid(where, text, 'an integer');
  const value = Number(text);
  if (!inIntegerRange(value, type)) throw invalid(where, text, `within the range of a ${type}`);
  return value;
}

const FLOAT_TEXT = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal number, or `NaN`, `Infinity`, `-Infinity`. */
export function parseFloatText(text: string, where: string): number {
  const special = parseSpecialFloat(text);
  if (special !== undefined) return special;
  if (!FLOAT_TEXT.test(text)) throw invalid(where, text, 'a number');
  const value = Number(text);
  if (!Number.isFinite(value)) throw invalid(where, text, 'a number in range');
  return value;
}

/** Exactly `true` or `false`. */
export function parseBooleanText(text: string, where: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw invalid(where, text, 'a boolean (true or false)');
}

/** Converts one header/query/label text value to its typed form. */
export function parseHttpValue(text: string, kind: ValueKind, location: HttpLocation, where: string, format?: TimestampFormat): HttpValue {
  switch (kind) {
    case 'string':
      return text;
    case 'integer':
      return parseIntegerText(text, where);
    case 'float':
      return parseFloatText(text, where);
    case 'boolean':
      return parseBooleanText(text, where);
    case 'timestamp':
      return parseTimestamp(text, format ?? defaultTimestampFormat(location), where);
    case 'blob': {
      const bytes = decodeBase64(text);
      if (bytes === undefined) throw invalid(where, text, 'valid base64');
      return bytes;
    }
    case 'json': {
      if (location !== 'header') return text;
      const bytes = decodeBase64(text);
      const decoded = bytes === undefined ? undefined : decodeUtf8(bytes);
      if (decoded === undefined) throw invalid(where, text, 'base64-encoded UTF-8 text');
      return decoded;
    }
  }
}

/** Converts a typed value to its header/query/label text. Throws TypeError for values of the wrong type. */
export function formatHttpValue(value: unknown, kind: ValueKind, location: HttpLocation, format?: TimestampFormat): string {
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') throw new TypeError(`Expected a string, got ${typeof value}`);
      return value;
    case 'integer':
    case 'float':
      if (typeof value === 'bigint') return value.toString();
      if (typeof value !== 'number') throw new TypeError(`Expected a number, got ${typeof value}`);
      return kind === 'float' ? formatFloat(value) : String(value);
    case 'boolean':
      if (typeof value !== 'boolean') throw new TypeError(`Expected a boolean, got ${typeof value}`);
      return value ? 'true' : 'false';
    case 'timestamp':
      return formatTimestamp(toDate(value), format ?? defaultTimestampFormat(location));
    case 'blob':
      return encodeBase64(toBytes(value));
    case 'json': {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      return location === 'header' ? Buffer.from(text, 'utf8').toString('base64') : text;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Header lists

/**
 * Splits a header list on commas outside double-quoted strings, unquoting quoted items (Smithy's `splitHeader`).
 * An empty header is an empty list.
 */
export function splitHeaderList(text: string): string[] {
  return text.trim() === '' ? [] : splitHeader(text);
}

/** http-date values contain a comma themselves, so a list of them is split at every second comma. */
export function splitHttpDateList(text: string): string[] {
  return text.trim() === '' ? [] : splitEvery(text, ',', 2).map((item) => item.trim());
}

/** Quotes a list item that contains a comma or a quote (Smithy's `quoteHeader`). */
export function quoteHeaderItem(item: string): string {
  return quoteHeader(item);
}

/** Formats list items into one header value: `a, "b,c", d`. http-date items are never quoted. */
export function joinHeaderList(values: readonly unknown[], kind: ValueKind, format?: TimestampFormat): string {
  return values
    .filter((v) => v !== undefined && v !== null)
    .map((v) => {
      const text = formatHttpValue(v, kind, 'header', format);
      return kind === 'string' || kind === 'json' ? quoteHeaderItem(text) : text;
    })
    .join(', ');
}

/** Whether HTTP can carry the text as a header value: tab, printable ASCII and Latin-1 (what Node sends). */
export function isHeaderValue(text: string): boolean {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(text);
}
