/**
 * The API generated per-operation parse/serialize functions call: HTTP bindings (labels, headers, prefix
 * headers, query) here, body codecs re-exported from xml-read/xml-write/json-read/json-write.
 * See https://smithy.io/2.0/spec/http-bindings.html.
 */
import { SerializationError } from './errors.js';
import type { HttpValue, ValueKind } from './http-values.js';
import { formatHttpValue, joinHeaderList, parseHttpValue, splitHeaderList, splitHttpDateList } from './http-values.js';
import type { AwsRequest, AwsResponse } from './request.js';
import { setHeader } from './request.js';
import type { TimestampFormat } from './schema.js';
import { decodeUtf8, setEntry } from './serde-util.js';

export type { HttpValue, ValueKind } from './http-values.js';
export { readJsonBody, readJsonPayload } from './json-read.js';
export { writeJsonBody, writeJsonPayload } from './json-write.js';
export { readXmlBody, readXmlPayload } from './xml-read.js';
export { writeXmlBody, writeXmlPayload, writeXmlUnwrapped } from './xml-write.js';

// ---------------------------------------------------------------------------------------------------------------
// Labels

/** The decoded URI label, as the router captured it. */
export function readLabel(req: AwsRequest, name: string): string | undefined {
  return req.labels[name];
}

/** A URI label converted to its member's type (labels are strings on the wire; timestamps default to date-time). */
export function readLabelValue(req: AwsRequest, name: string, kind: ValueKind, format?: TimestampFormat): HttpValue | undefined {
  const text = req.labels[name];
  return text === undefined ? undefined : parseHttpValue(text, kind, 'label', `URI label ${name}`, format);
}

// ---------------------------------------------------------------------------------------------------------------
// Headers

function headerText(req: AwsRequest, name: string): string | undefined {
  return req.headers[name.toLowerCase()];
}

/** One header converted to its member's type (timestamps default to http-date; `json` strings are base64). */
export function readHeader(req: AwsRequest, name: string, kind: ValueKind, format?: TimestampFormat): HttpValue | undefined {
  const text = headerText(req, name);
  return text === undefined ? undefined : parseHttpValue(text, kind, 'header', `header ${name}`, format);
}

/**
 * A list-valued header: items split on commas outside double quotes (http-date timestamps: every second comma).
 * An empty header is an empty list; an absent one is undefined.
 */
export function readHeaderList(req: AwsRequest, name: string, kind: ValueKind, format?: TimestampFormat): HttpValue[] | undefined {
  const text = headerText(req, name);
  if (text === undefined) return undefined;
  const httpDates = kind === 'timestamp' && (format ?? 'http-date') === 'http-date';
  const items = httpDates ? splitHttpDateList(text) : splitHeaderList(text);
  return items.map((item) => parseHttpValue(item, kind, 'header', `header ${name}`, format));
}

/**
 * Headers whose names start with `prefix` (case-insensitively), keyed by the rest of the lower-case name.
 * `exclude` lists header names bound to other members (needed for an empty prefix). Undefined when none match.
 */
export function readPrefixHeaders(req: AwsRequest, prefix: string, exclude: readonly string[] = []): Record<string, string> | undefined {
  const lowerPrefix = prefix.toLowerCase();
  const excluded = new Set(exclude.map((e) => e.toLowerCase()));
  let out: Record<string, string> | undefined;
  for (const [name, value] of Object.entries(req.headers)) {
    const lower = name.toLowerCase();
    if (!lower.startsWith(lowerPrefix) || lower.length === lowerPrefix.length || excluded.has(lower)) continue;
    out ??= {};
    setEntry(out, lower.slice(lowerPrefix.length), value);
  }
  return out;
}

/** Sets one header; no-op for undefined/null. Empty strings are sent as empty headers. */
export function writeHeader(res: AwsResponse, name: string, value: unknown, kind: ValueKind, format?: TimestampFormat): void {
  if (value === undefined || value === null) return;
  setHeader(res, name, formatHttpValue(value, kind, 'header', format));
}

/** Sets a list header (`a, "b,c", d`); no-op for undefined, an empty list is sent as an empty header. */
export function writeHeaderList(
  res: AwsResponse,
  name: string,
  value: readonly unknown[] | undefined,
  kind: ValueKind,
  format?: TimestampFormat,
): void {
  if (value === undefined || value === null) return;
  setHeader(res, name, joinHeaderList(value, kind, format));
}

/** Sets `prefix + key` for every entry (null/undefined entries skipped). */
export function writePrefixHeaders(res: AwsResponse, prefix: string, value: Record<string, string> | undefined): void {
  if (value === undefined || value === null) return;
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    setHeader(res, `${prefix}${key}`, String(v));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Query string

function queryValues(req: AwsRequest, name: string): string[] {
  return req.query.filter(([key]) => key === name).map(([, value]) => value);
}

/** The first value of a query parameter, converted (timestamps default to date-time). */
export function readQuery(req: AwsRequest, name: string, kind: ValueKind, format?: TimestampFormat): HttpValue | undefined {
  const [first] = queryValues(req, name);
  return first === undefined ? undefined : parseHttpValue(first, kind, 'query', `query parameter ${name}`, format);
}

/** Every value of a repeated query parameter (`?id=1&id=2`), converted; undefined when absent. */
export function readQueryList(req: AwsRequest, name: string, kind: ValueKind, format?: TimestampFormat): HttpValue[] | undefined {
  const values = queryValues(req, name);
  if (values.length === 0) return undefined;
  return values.map((v) => parseHttpValue(v, kind, 'query', `query parameter ${name}`, format));
}

/** `@httpQueryParams` as a string map: first value of each parameter not bound to another member. */
export function readQueryParams(req: AwsRequest, exclude: readonly string[]): Record<string, string> | undefined {
  const excluded = new Set(exclude);
  let out: Record<string, string> | undefined;
  for (const [key, value] of req.query) {
    if (excluded.has(key)) continue;
    out ??= {};
    if (!Object.hasOwn(out, key)) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** `@httpQueryParams` targeting a map of string lists: every value of each unbound parameter. */
export function readQueryParamsList(req: AwsRequest, exclude: readonly string[]): Record<string, string[]> | undefined {
  const excluded = new Set(exclude);
  let out: Record<string, string[]> | undefined;
  for (const [key, value] of req.query) {
    if (excluded.has(key)) continue;
    out ??= {};
    const list = Object.hasOwn(out, key) ? out[key] : undefined;
    if (list !== undefined) list.push(value);
    else Object.defineProperty(out, key, { value: [value], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Blob and string payloads

/** The raw body of a blob `@httpPayload`; undefined when empty. */
export async function readBlobPayload(req: AwsRequest): Promise<Uint8Array | undefined> {
  const bytes = await req.bytes();
  return bytes.byteLength === 0 ? undefined : bytes;
}

/** The body of a string `@httpPayload` as UTF-8 text; undefined when empty. */
export async function readStringPayload(req: AwsRequest): Promise<string | undefined> {
  const bytes = await req.bytes();
  if (bytes.byteLength === 0) return undefined;
  const text = decodeUtf8(bytes, true);
  if (text === undefined) throw new SerializationError('SerializationException', 400, 'client', 'The request body is not valid UTF-8');
  return text;
}
