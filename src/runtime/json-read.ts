/**
 * JSON request bodies (restJson1 and awsJson1_0) → typed values, strictly by schema: unknown keys are ignored,
 * values of the wrong JSON type are rejected with SerializationException (Smithy's malformed-request tests).
 */
import { UnionMemberCountError } from './errors.js';
import type { AwsRequest } from './request.js';
import type { ListSchema, MapSchema, MemberSchema, ShapeRegistry, ShapeSchema, StructureSchema } from './schema.js';
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
  resolveShape,
  resolveStructure,
  setEntry,
} from './serde-util.js';
import { parseTimestamp, resolveTimestampFormat } from './timestamps.js';

interface ReadContext {
  shapes: ShapeRegistry;
  useJsonName: boolean;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function mismatch(path: string, expected: string, value: unknown): Error {
  return jsonError(`Invalid value for ${path}: expected ${expected}, got ${describe(value)}`);
}

function readScalar(value: unknown, target: ShapeSchema, member: MemberSchema | undefined, path: string): unknown {
  const type = target.type;
  if (isIntegerType(type)) {
    if (typeof value !== 'number' || !inIntegerRange(value, type)) throw mismatch(path, `an integer within the range of a ${type}`, value);
    return value;
  }
  switch (type) {
    case 'string':
    case 'enum':
      if (typeof value !== 'string') throw mismatch(path, 'a string', value);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch(path, 'a boolean', value);
      return value;
    case 'float':
    case 'double':
    case 'bigDecimal': {
      if (typeof value === 'number') return value;
      const special = typeof value === 'string' ? parseSpecialFloat(value) : undefined;
      if (special === undefined) throw mismatch(path, 'a number', value);
      return special;
    }
    case 'bigInteger':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw mismatch(path, 'an integer', value);
      return value;
    case 'timestamp': {
      const format = resolveTimestampFormat(member, target, 'json');
      if (format === 'epoch-seconds' ? typeof value !== 'number' : typeof value !== 'string') {
        throw mismatch(path, `a ${format} timestamp`, value);
      }
      return parseTimestamp(value as number | string, format, path);
    }
    case 'blob': {
      const bytes = typeof value === 'string' ? decodeBase64(value) : undefined;
      if (bytes === undefined) throw mismatch(path, 'a base64-encoded string', value);
      return bytes;
    }
    case 'document':
      return value;
    default:
      throw new Error(`${path}: unexpected shape type ${type}`);
  }
}

function readList(value: unknown, list: ListSchema, ctx: ReadContext, path: string): unknown[] {
  if (!Array.isArray(value)) throw mismatch(path, 'a list', value);
  const target = resolveShape(ctx.shapes, list.member.target);
  return value.map((item: unknown, i) => {
    if (item === null) {
      if (list.sparse) return null;
      throw jsonError(`Invalid value for ${path}[${i}]: null is not allowed in a dense list`);
    }
    return readValue(item, target, list.member, ctx, `${path}[${i}]`);
  });
}

function readMap(value: unknown, map: MapSchema, ctx: ReadContext, path: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw mismatch(path, 'a map', value);
  const target = resolveShape(ctx.shapes, map.value.target);
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null) {
      if (map.sparse) setEntry(out, key, null);
      else throw jsonError(`Invalid value for ${path}.${key}: null is not allowed in a dense map`);
      continue;
    }
    setEntry(out, key, readValue(entry, target, map.value, ctx, `${path}.${key}`));
  }
  return out;
}

/** Reads a structure or union. A union needs exactly one non-null member, and unknown keys count (except `__type`). */
function readStructure(
  value: unknown,
  schema: StructureSchema,
  ctx: ReadContext,
  bodyOnly: boolean,
  path: string,
): Record<string, unknown> {
  if (!isPlainObject(value)) throw mismatch(path, 'an object', value);
  const out: Record<string, unknown> = {};
  for (const member of schema.members) {
    if (bodyOnly && !isBodyMember(member)) continue;
    const wireName = ctx.useJsonName ? (member.jsonName ?? member.name) : member.name;
    if (!Object.hasOwn(value, wireName)) continue;
    const v = value[wireName];
    if (v === null || v === undefined) continue;
    out[member.name] = readValue(v, resolveShape(ctx.shapes, member.target), member, ctx, `${path}.${member.name}`);
  }
  if (schema.type === 'union') {
    const known = new Set(schema.members.map((m) => (ctx.useJsonName ? (m.jsonName ?? m.name) : m.name)));
    const setKeys = Object.keys(value).filter((k) => k !== '__type' && value[k] !== null);
    const unknown = setKeys.filter((k) => !known.has(k));
    if (setKeys.length !== 1 || unknown.length > 0) {
      throw new UnionMemberCountError(
        `Invalid value for ${path}: a union must have exactly one known member set, got ${JSON.stringify(setKeys)}`,
        path,
        setKeys.length,
      );
    }
  }
  return out;
}

function readValue(value: unknown, target: ShapeSchema, member: MemberSchema | undefined, ctx: ReadContext, path: string): unknown {
  switch (target.type) {
    case 'structure':
    case 'union':
      return readStructure(value, target, ctx, false, path);
    case 'list':
      return readList(value, target, ctx, path);
    case 'map':
      return readMap(value, target, ctx, path);
    default:
      return readScalar(value, target, member, path);
  }
}

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
  return readValue(value, resolveShape(shapes, target), member, { shapes, useJsonName }, localName(target));
}

/** Body-bound members of `structure` from JSON text; empty text → {}. */
export function parseJsonBody(text: string, shapes: ShapeRegistry, structure: string, useJsonName: boolean): Record<string, unknown> {
  if (text.trim() === '') return {};
  const schema = resolveStructure(shapes, structure);
  return readStructure(parseJsonText(text), schema, { shapes, useJsonName }, true, localName(schema.name));
}

async function bodyText(req: AwsRequest): Promise<string> {
  const bytes = await req.bytes();
  if (bytes.byteLength === 0) return '';
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
  return parseJsonBody(await bodyText(req), shapes, structure, useJsonName);
}

/** An `@httpPayload` structure, union, document, list or map (restJson1, so jsonName applies); empty → undefined. */
export async function readJsonPayload(req: AwsRequest, shapes: ShapeRegistry, member: MemberSchema): Promise<unknown> {
  const text = await bodyText(req);
  if (text.trim() === '') return undefined;
  return deserializeJsonValue(parseJsonText(text), shapes, member.target, true, member);
}
