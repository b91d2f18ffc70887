/**
 * Typed values → JSON response bodies (restJson1 with jsonName, awsJson1_0 without). Null/undefined members are
 * omitted; sparse lists and maps keep their nulls; non-finite floats are spelled "NaN", "Infinity", "-Infinity".
 *
 * As in json-read.ts, each shape is compiled once into a writer function, and the path in an error message is
 * only built when a value does not fit its shape (a handler bug).
 */

import type { AwsResponse } from './request.js';
import { getHeader, setHeader } from './request.js';
import type { ListSchema, MapSchema, MemberSchema, ShapeRegistry, ShapeSchema } from './schema.js';
import { encodeBase64, formatFloat, isBodyMember, isIntegerType, localName, resolveStructure, toBytes } from './serde-util.js';
import { type Compile, shapeCompiler, withFormat } from './shape-compiler.js';
import { formatDateTime, formatEpochSeconds, formatHttpDate, resolveTimestampFormat, toDate } from './timestamps.js';

type Writer = (value: unknown) => string;

/** A value that does not fit its shape; writers on the way out add their path segment. */
class WriteFailure {
  readonly segments: string[] = [];
  constructor(
    readonly expected: string,
    readonly value: unknown,
  ) {}
}

function within(segment: string, error: unknown): never {
  if (error instanceof WriteFailure) error.segments.push(segment);
  throw error;
}

function run(writer: Writer, value: unknown, root: string): string {
  try {
    return writer(value);
  } catch (error) {
    if (!(error instanceof WriteFailure)) throw error;
    const got = error.value === null ? 'null' : typeof error.value;
    throw new TypeError(`${root}${error.segments.reverse().join('')}: expected ${error.expected}, got ${got}`);
  }
}

function numberText(value: unknown, integer: boolean): string {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return String(value);
    if (integer) throw new WriteFailure('a finite integer', value);
    return JSON.stringify(formatFloat(value));
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value)) return value;
  throw new WriteFailure('a number', value);
}

function scalarWriter(target: ShapeSchema, member: MemberSchema | undefined): Writer {
  const type = target.type;
  if (isIntegerType(type) || type === 'bigInteger') return (v) => numberText(v, true);
  switch (type) {
    case 'string':
    case 'enum':
      return (v) => {
        if (typeof v !== 'string') throw new WriteFailure('a string', v);
        return JSON.stringify(v);
      };
    case 'boolean':
      return (v) => {
        if (typeof v !== 'boolean') throw new WriteFailure('a boolean', v);
        return v ? 'true' : 'false';
      };
    case 'float':
    case 'double':
    case 'bigDecimal':
      return (v) => numberText(v, false);
    case 'timestamp': {
      const format = resolveTimestampFormat(member, target, 'json');
      if (format === 'epoch-seconds') return (v) => String(formatEpochSeconds(toDate(v)));
      if (format === 'date-time') return (v) => JSON.stringify(formatDateTime(toDate(v)));
      return (v) => JSON.stringify(formatHttpDate(toDate(v)));
    }
    case 'blob':
      return (v) => JSON.stringify(encodeBase64(toBytes(v)));
    case 'document':
      return (v) => JSON.stringify(v) ?? 'null';
    default:
      throw new Error(`${target.name}: unexpected shape type ${type}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface CompiledMember {
  name: string;
  /** `"wireName":`, quoted once. */
  prefix: string;
  write: Writer;
}

/** `out` with one more `"name":value` pair. */
function withMember(out: string, m: CompiledMember, v: unknown): string {
  let text: string;
  try {
    text = m.write(v);
  } catch (error) {
    within(`.${m.name}`, error);
  }
  return out === '' ? m.prefix + text : `${out},${m.prefix}${text}`;
}

function structureWriter(members: CompiledMember[]): Writer {
  return (value) => {
    if (!isRecord(value)) throw new WriteFailure('an object', value);
    let out = '';
    for (const m of members) {
      const v = value[m.name];
      if (v !== undefined && v !== null) out = withMember(out, m, v);
    }
    return `{${out}}`;
  };
}

/** A union has one member set: look up the value's own keys instead of trying every member. */
function unionWriter(members: CompiledMember[]): Writer {
  const byName = new Map(members.map((m) => [m.name, m]));
  return (value) => {
    if (!isRecord(value)) throw new WriteFailure('an object', value);
    let out = '';
    for (const name in value) {
      const m = byName.get(name);
      const v = value[name];
      if (m !== undefined && v !== undefined && v !== null && Object.hasOwn(value, name)) out = withMember(out, m, v);
    }
    return `{${out}}`;
  };
}

/** One list element or map value: `null` kept only in sparse collections (undefined: leave it out). */
function elementText(v: unknown, sparse: boolean, write: Writer, at: number | string): string | undefined {
  if (v === undefined || v === null) return sparse ? 'null' : undefined;
  try {
    return write(v);
  } catch (error) {
    within(typeof at === 'number' ? `[${at}]` : `.${at}`, error);
  }
}

function listWriter(list: ListSchema, item: Writer): Writer {
  const sparse = list.sparse === true;
  return (value) => {
    if (!Array.isArray(value)) throw new WriteFailure('an array', value);
    let out = '';
    for (let i = 0; i < value.length; i++) {
      const text = elementText(value[i], sparse, item, i);
      if (text !== undefined) out += out === '' ? text : `,${text}`;
    }
    return `[${out}]`;
  };
}

/** Quoted map keys: the same few attribute and tag names come back in every answer (bounded, so never a leak). */
const quotedKeys = new Map<string, string>();

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (quotedKeys.size >= 10_000) quotedKeys.clear();
    quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * Maps whose owner promises never to change them in place (DynamoDB's stored items: every write stores a new
 * object) may keep the text each map writer wrote for them, so the next read answers with it. Both marks are
 * non-enumerable symbol properties: invisible to Object.keys, spreads and JSON.stringify, and a property load is
 * far cheaper than a WeakMap or WeakSet probe per item of a page.
 */
const MEMOIZABLE = Symbol('standin.memoizable');

type Marked = Record<symbol, unknown>;

export function memoizeJson(value: object): void {
  if ((value as Marked)[MEMOIZABLE] !== true) Object.defineProperty(value, MEMOIZABLE, { value: true });
}

/**
 * Kept text is flattened first: a rope of many small pieces would be walked again by every answer that reuses it
 * (the crc32 and the socket write each walk the whole body), which made a reused 100-item Query page slower than
 * a freshly written one. charCodeAt makes V8 flatten the string in place.
 */
function flattened(text: string): string {
  text.charCodeAt(0);
  return text;
}

function mapWriter(map: MapSchema, entry: Writer): Writer {
  const sparse = map.sparse === true;
  const kept = Symbol(`standin.json:${map.name}`);
  return (value) => {
    if (!isRecord(value)) throw new WriteFailure('a map object', value);
    const known = (value as Marked)[kept];
    if (known !== undefined) return known as string;
    let out = '';
    for (const key of Object.keys(value)) {
      const text = elementText(value[key], sparse, entry, key);
      if (text === undefined) continue;
      const pair = quoteKey(key) + text;
      out += out === '' ? pair : `,${pair}`;
    }
    const text = `{${out}}`;
    if ((value as Marked)[MEMOIZABLE] !== true) return text;
    Object.defineProperty(value, kept, { value: flattened(text) });
    return text;
  };
}

const compile: Compile<Writer> = (shapes, shape, member, useJsonName, bodyOnly) => {
  switch (shape.type) {
    case 'structure':
    case 'union': {
      const members = shape.members
        .filter((m) => !bodyOnly || isBodyMember(m))
        .map((m) => ({
          name: m.name,
          prefix: `${JSON.stringify(useJsonName ? (m.jsonName ?? m.name) : m.name)}:`,
          write: writerFor(shapes, m.target, withFormat(m), useJsonName),
        }));
      return shape.type === 'union' && !bodyOnly ? unionWriter(members) : structureWriter(members);
    }
    case 'list':
      return listWriter(shape, writerFor(shapes, shape.member.target, withFormat(shape.member), useJsonName));
    case 'map':
      return mapWriter(shape, writerFor(shapes, shape.value.target, withFormat(shape.value), useJsonName));
    default:
      return scalarWriter(shape, member);
  }
};

const writerFor = shapeCompiler<Writer>(compile);

/** JSON text for the body-bound members of `structure`; at least `{}`. */
export function serializeJsonBody(shapes: ShapeRegistry, structure: string, value: Record<string, unknown>, useJsonName: boolean): string {
  const schema = resolveStructure(shapes, structure);
  return run(writerFor(shapes, structure, undefined, useJsonName, true), value, localName(schema.name));
}

/** JSON text for any value of a shape (no body-binding filter). */
export function serializeJsonValue(
  shapes: ShapeRegistry,
  target: string,
  value: unknown,
  useJsonName: boolean,
  member?: MemberSchema,
): string {
  return run(writerFor(shapes, target, member && withFormat(member), useJsonName), value, localName(target));
}

function setJsonContentType(res: AwsResponse): void {
  if (getHeader(res, 'Content-Type') === undefined) setHeader(res, 'Content-Type', 'application/json');
}

/** Sets the body to the body-bound members (always at least `{}`); Content-Type application/json unless set. */
export function writeJsonBody(
  res: AwsResponse,
  shapes: ShapeRegistry,
  structure: string,
  value: Record<string, unknown>,
  useJsonName: boolean,
): void {
  res.body = serializeJsonBody(shapes, structure, value, useJsonName);
  setJsonContentType(res);
}

/** Sets the body to an `@httpPayload` structure, union, document, list or map (restJson1); unset → no body. */
export function writeJsonPayload(res: AwsResponse, shapes: ShapeRegistry, member: MemberSchema, value: unknown): void {
  if (value === undefined || value === null) return;
  res.body = serializeJsonValue(shapes, member.target, value, true, member);
  setJsonContentType(res);
}
