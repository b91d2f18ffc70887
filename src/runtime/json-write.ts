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
import {
  encodeBase64,
  formatFloat,
  isBodyMember,
  isIntegerType,
  localName,
  resolveShape,
  resolveStructure,
  toBytes,
} from './serde-util.js';
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

function structureWriter(members: CompiledMember[]): Writer {
  return (value) => {
    if (!isRecord(value)) throw new WriteFailure('an object', value);
    let out = '';
    for (const m of members) {
      const v = value[m.name];
      if (v === undefined || v === null) continue;
      let text: string;
      try {
        text = m.write(v);
      } catch (error) {
        within(`.${m.name}`, error);
      }
      out += out === '' ? m.prefix + text : `,${m.prefix}${text}`;
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
      if (m === undefined || v === undefined || v === null || !Object.hasOwn(value, name)) continue;
      let text: string;
      try {
        text = m.write(v);
      } catch (error) {
        within(`.${m.name}`, error);
      }
      out += out === '' ? m.prefix + text : `,${m.prefix}${text}`;
    }
    return `{${out}}`;
  };
}

function listWriter(list: ListSchema, item: Writer): Writer {
  const sparse = list.sparse === true;
  return (value) => {
    if (!Array.isArray(value)) throw new WriteFailure('an array', value);
    let out = '';
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      let text: string;
      if (v === undefined || v === null) {
        if (!sparse) continue;
        text = 'null';
      } else {
        try {
          text = item(v);
        } catch (error) {
          within(`[${i}]`, error);
        }
      }
      out += out === '' ? text : `,${text}`;
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

function mapWriter(map: MapSchema, entry: Writer): Writer {
  const sparse = map.sparse === true;
  return (value) => {
    if (!isRecord(value)) throw new WriteFailure('a map object', value);
    let out = '';
    for (const key of Object.keys(value)) {
      const v = value[key];
      let text: string;
      if (v === undefined || v === null) {
        if (!sparse) continue;
        text = 'null';
      } else {
        try {
          text = entry(v);
        } catch (error) {
          within(`.${key}`, error);
        }
      }
      const pair = quoteKey(key) + text;
      out += out === '' ? pair : `,${pair}`;
    }
    return `{${out}}`;
  };
}

/** Compiled writers per shape registry; the key holds the naming mode, the body filter and the timestamp format. */
const compiled = new WeakMap<ShapeRegistry, Map<string, Writer>[]>();

function writerFor(
  shapes: ShapeRegistry,
  target: string,
  member: MemberSchema | undefined,
  useJsonName: boolean,
  bodyOnly = false,
): Writer {
  let caches = compiled.get(shapes);
  if (!caches) {
    caches = [new Map(), new Map(), new Map(), new Map()];
    compiled.set(shapes, caches);
  }
  const cache = caches[(useJsonName ? 1 : 0) + (bodyOnly ? 2 : 0)] as Map<string, Writer>;
  const key = member?.timestampFormat ? `${target}|${member.timestampFormat}` : target;
  const found = cache.get(key);
  if (found) return found;
  const shape = resolveShape(shapes, target);
  // Recursive shapes reach this key again while it compiles: they get a forwarder.
  let impl: Writer | undefined;
  cache.set(key, (v) => (impl as Writer)(v));
  impl = compile(shapes, shape, member, useJsonName, bodyOnly);
  cache.set(key, impl);
  return impl;
}

const withFormat = (m: MemberSchema): MemberSchema | undefined => (m.timestampFormat ? m : undefined);

function compile(
  shapes: ShapeRegistry,
  shape: ShapeSchema,
  member: MemberSchema | undefined,
  useJsonName: boolean,
  bodyOnly: boolean,
): Writer {
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
}

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
