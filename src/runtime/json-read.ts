/**
 * JSON request bodies (restJson1 and awsJson1_0) → typed values, strictly by schema: unknown keys are ignored,
 * values of the wrong JSON type are rejected with SerializationException (Smithy's malformed-request tests).
 *
 * Each shape is compiled once into a reader function (per naming mode and timestamp format), so a request walks
 * closures instead of looking shapes up by name. Paths for error messages (`GetItemInput.Key.pk.S`) are only
 * built when something fails: a failure carries its path segments out through the readers that catch it.
 */
import { isAscii } from 'node:buffer';
import { UnionMemberCountError } from './errors.js';
import type { AwsRequest } from './request.js';
import type { ListSchema, MapSchema, MemberSchema, ShapeRegistry, ShapeSchema, TimestampFormat } from './schema.js';
import {
  decodeBase64,
  decodeUtf8,
  inIntegerRange,
  isBodyMember,
  isIntegerType,
  isPlainObject,
  jsonError,
  localName,
  parseSpecialFloat,
  resolveStructure,
  setEntry,
} from './serde-util.js';
import { type Compile, shapeCompiler, withFormat } from './shape-compiler.js';
import { parseTimestamp, resolveTimestampFormat } from './timestamps.js';

type Reader = (value: unknown) => unknown;

/** A failure inside a value; readers on the way out add their path segment, the entry point writes the message. */
class ReadFailure {
  readonly segments: string[] = [];
  constructor(readonly make: (path: string) => Error) {}
}

function within(segment: string, error: unknown): never {
  if (error instanceof ReadFailure) error.segments.push(segment);
  throw error;
}

function run(reader: Reader, value: unknown, root: string | (() => string)): unknown {
  try {
    return reader(value);
  } catch (error) {
    if (error instanceof ReadFailure) throw error.make((typeof root === 'string' ? root : root()) + error.segments.reverse().join(''));
    throw error;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function mismatch(expected: string, value: unknown): ReadFailure {
  return new ReadFailure((path) => jsonError(`Invalid value for ${path}: expected ${expected}, got ${describe(value)}`));
}

function scalarReader(target: ShapeSchema, member: MemberSchema | undefined): Reader {
  const type = target.type;
  if (isIntegerType(type)) {
    return (v) => {
      if (typeof v !== 'number' || !inIntegerRange(v, type)) throw mismatch(`an integer within the range of a ${type}`, v);
      return v;
    };
  }
  switch (type) {
    case 'string':
    case 'enum':
      return (v) => {
        if (typeof v !== 'string') throw mismatch('a string', v);
        return v;
      };
    case 'boolean':
      return (v) => {
        if (typeof v !== 'boolean') throw mismatch('a boolean', v);
        return v;
      };
    case 'float':
    case 'double':
    case 'bigDecimal':
      return (v) => {
        if (typeof v === 'number') return v;
        const special = typeof v === 'string' ? parseSpecialFloat(v) : undefined;
        if (special === undefined) throw mismatch('a number', v);
        return special;
      };
    case 'bigInteger':
      return (v) => {
        if (typeof v !== 'number' || !Number.isInteger(v)) throw mismatch('an integer', v);
        return v;
      };
    case 'timestamp':
      return timestampReader(resolveTimestampFormat(member, target, 'json'));
    case 'blob':
      return (v) => {
        const bytes = typeof v === 'string' ? decodeBase64(v) : undefined;
        if (bytes === undefined) throw mismatch('a base64-encoded string', v);
        return bytes;
      };
    case 'document':
      return (v) => v;
    default:
      throw new Error(`${target.name}: unexpected shape type ${type}`);
  }
}

function timestampReader(format: TimestampFormat): Reader {
  return (v) => {
    if (format === 'epoch-seconds' ? typeof v !== 'number' : typeof v !== 'string') throw mismatch(`a ${format} timestamp`, v);
    try {
      return parseTimestamp(v as number | string, format);
    } catch {
      // Parse again with the real path, so the message is parseTimestamp's own.
      throw new ReadFailure((path) => {
        try {
          parseTimestamp(v as number | string, format, path);
          return new Error(`${path}: invalid timestamp`);
        } catch (error) {
          return error as Error;
        }
      });
    }
  };
}

function listReader(list: ListSchema, item: Reader): Reader {
  const sparse = list.sparse === true;
  return (value) => {
    if (!Array.isArray(value)) throw mismatch('a list', value);
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v === null) {
        if (sparse) {
          out[i] = null;
          continue;
        }
        throw new ReadFailure((path) => jsonError(`Invalid value for ${path}[${i}]: null is not allowed in a dense list`));
      }
      try {
        out[i] = item(v);
      } catch (error) {
        within(`[${i}]`, error);
      }
    }
    return out;
  };
}

function mapReader(map: MapSchema, entry: Reader): Reader {
  const sparse = map.sparse === true;
  return (value) => {
    if (!isPlainObject(value)) throw mismatch('a map', value);
    const out: Record<string, unknown> = {};
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const v = value[key];
      if (v === null) {
        if (sparse) setEntry(out, key, null);
        else throw new ReadFailure((path) => jsonError(`Invalid value for ${path}.${key}: null is not allowed in a dense map`));
        continue;
      }
      try {
        setEntry(out, key, entry(v));
      } catch (error) {
        within(`.${key}`, error);
      }
    }
    return out;
  };
}

interface CompiledMember {
  name: string;
  wire: string;
  read: Reader;
}

/** Members in model order; also what reports a failure, so the first bad member in that order is named. */
function membersInOrder(members: CompiledMember[]): Reader {
  return (value) => {
    if (!isPlainObject(value)) throw mismatch('an object', value);
    const out: Record<string, unknown> = {};
    for (const m of members) {
      if (!Object.hasOwn(value, m.wire)) continue;
      const v = value[m.wire];
      if (v === null || v === undefined) continue;
      try {
        out[m.name] = m.read(v);
      } catch (error) {
        within(`.${m.name}`, error);
      }
    }
    return out;
  };
}

/** Walks the keys the client sent (usually a few of many members) and looks each member up by wire name. */
function structureReader(members: CompiledMember[]): Reader {
  const byWire = new Map(members.map((m) => [m.wire, m]));
  const inOrder = membersInOrder(members);
  return (value) => {
    if (!isPlainObject(value)) throw mismatch('an object', value);
    const out: Record<string, unknown> = {};
    try {
      for (const k in value) {
        const m = byWire.get(k);
        if (m === undefined) continue;
        const v = value[k];
        if (v === null || v === undefined || !Object.hasOwn(value, k)) continue;
        out[m.name] = m.read(v);
      }
    } catch {
      return inOrder(value);
    }
    return out;
  };
}

/** A union needs exactly one non-null member, and unknown keys count (except `__type`). */
function unionReader(members: CompiledMember[]): Reader {
  const byWire = new Map(members.map((m) => [m.wire, m]));
  const readAll = membersInOrder(members);
  return (value) => {
    if (!isPlainObject(value)) throw mismatch('an object', value);
    let set = 0;
    let chosen: CompiledMember | undefined;
    let wire = '';
    for (const k in value) {
      if (k === '__type' || value[k] === null || !Object.hasOwn(value, k)) continue;
      set++;
      wire = k;
      chosen = byWire.get(k);
    }
    if (set === 1 && chosen) {
      try {
        return { [chosen.name]: chosen.read(value[wire]) };
      } catch (error) {
        within(`.${chosen.name}`, error);
      }
    }
    // A member of the wrong type is reported before the count, in member order.
    readAll(value);
    const setKeys = Object.keys(value).filter((k) => k !== '__type' && value[k] !== null);
    throw new ReadFailure(
      (path) =>
        new UnionMemberCountError(
          `Invalid value for ${path}: a union must have exactly one known member set, got ${JSON.stringify(setKeys)}`,
          path,
          setKeys.length,
        ),
    );
  };
}

const compile: Compile<Reader> = (shapes, shape, member, useJsonName, bodyOnly) => {
  switch (shape.type) {
    case 'structure':
    case 'union': {
      const members = shape.members
        .filter((m) => !bodyOnly || isBodyMember(m))
        .map((m) => ({
          name: m.name,
          wire: useJsonName ? (m.jsonName ?? m.name) : m.name,
          read: readerFor(shapes, m.target, withFormat(m), useJsonName),
        }));
      if (shape.type === 'structure') return structureReader(members);
      if (!bodyOnly) return unionReader(members);
      // A union as a whole body: its body members, then the one-member rule over every member.
      const body = structureReader(members);
      const all = readerFor(shapes, shape.name, undefined, useJsonName);
      return (v) => {
        const out = body(v);
        all(v);
        return out;
      };
    }
    case 'list':
      return listReader(shape, readerFor(shapes, shape.member.target, withFormat(shape.member), useJsonName));
    case 'map':
      return mapReader(shape, readerFor(shapes, shape.value.target, withFormat(shape.value), useJsonName));
    default:
      return scalarReader(shape, member);
  }
};

const readerFor = shapeCompiler<Reader>(compile);

/** JSON.parse that reports malformed text as SerializationException (400). */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw jsonError(`Malformed JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Converts an already-parsed JSON value for a shape (no body-binding filter). */
export function deserializeJsonValue(
  value: unknown,
  shapes: ShapeRegistry,
  target: string,
  useJsonName: boolean,
  member?: MemberSchema,
): unknown {
  return run(readerFor(shapes, target, member?.timestampFormat ? member : undefined, useJsonName), value, localName(target));
}

/** Body-bound members of `structure` from JSON text; empty text → {}. */
export function parseJsonBody(text: string, shapes: ShapeRegistry, structure: string, useJsonName: boolean): Record<string, unknown> {
  if (text.trim() === '') return {};
  const reader = readerFor(shapes, structure, undefined, useJsonName, true);
  return run(reader, parseJsonText(text), () => localName(resolveStructure(shapes, structure).name)) as Record<string, unknown>;
}

function bodyText(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) return '';
  // ASCII (nearly every body) cannot be malformed UTF-8: decode it without the validating decoder.
  if (isAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const text = decodeUtf8(bytes);
  if (text === undefined) throw jsonError('Malformed JSON: the body is not valid UTF-8');
  return text;
}

export async function readJsonBody(
  req: AwsRequest,
  shapes: ShapeRegistry,
  structure: string,
  useJsonName: boolean,
): Promise<Record<string, unknown>> {
  return parseJsonBody(bodyText(await req.bytes()), shapes, structure, useJsonName);
}

/** An `@httpPayload` structure, union, document, list or map (restJson1, so jsonName applies); empty → undefined. */
export async function readJsonPayload(req: AwsRequest, shapes: ShapeRegistry, member: MemberSchema): Promise<unknown> {
  const text = bodyText(await req.bytes());
  if (text.trim() === '') return undefined;
  return deserializeJsonValue(parseJsonText(text), shapes, member.target, true, member);
}
