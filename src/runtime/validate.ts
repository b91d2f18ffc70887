/**
 * Checks a handler's value against its shape (for response validation in tests): required members, JS types,
 * enum values, unknown members, union arity, sparse vs dense collections. Returns human-readable violations.
 */
import { Readable } from 'node:stream';
import type { ShapeRegistry, ShapeSchema, StructureSchema } from './schema.js';
import { inIntegerRange, isIntegerType, localName, resolveShape } from './serde-util.js';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'Date';
  if (value instanceof Uint8Array) return 'Uint8Array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `number ${value}`;
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array) &&
    !(value instanceof Readable)
  );
}

function isJsonValue(value: unknown, seen: Set<unknown>): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  const ok = Array.isArray(value)
    ? value.every((v: unknown) => isJsonValue(v, seen))
    : isRecord(value) && Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every((v) => isJsonValue(v, seen));
  seen.delete(value);
  return ok;
}

function checkStructure(shapes: ShapeRegistry, schema: StructureSchema, value: unknown, path: string, out: string[]): void {
  if (!isRecord(value)) {
    out.push(`${path}: expected ${schema.type === 'union' ? 'a union' : 'a structure'} object, got ${describe(value)}`);
    return;
  }
  const known = new Set(schema.members.map((m) => m.name));
  for (const key of Object.keys(value)) {
    if (!known.has(key) && value[key] !== undefined) out.push(`${path}: unknown member ${JSON.stringify(key)}`);
  }
  let set = 0;
  for (const member of schema.members) {
    const v = value[member.name];
    if (v === undefined || v === null) {
      if (member.required && schema.type === 'structure') out.push(`${path}.${member.name}: missing required member`);
      continue;
    }
    set++;
    check(shapes, resolveShape(shapes, member.target), v, `${path}.${member.name}`, out);
  }
  if (schema.type === 'union' && set !== 1) out.push(`${path}: a union must have exactly one member set, found ${set}`);
}

function checkScalar(schema: ShapeSchema, value: unknown, path: string, out: string[]): void {
  const type = schema.type;
  const fail = (expected: string): void => {
    out.push(`${path}: expected ${expected}, got ${describe(value)}`);
  };
  if (isIntegerType(type)) {
    if (typeof value !== 'number' || !inIntegerRange(value, type)) fail(`an integer (${type})`);
    else if (schema.type === 'intEnum' && !schema.values.includes(value)) {
      out.push(`${path}: ${value} is not one of the intEnum values ${JSON.stringify(schema.values)}`);
    }
    return;
  }
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') fail('a string');
      return;
    case 'enum':
      if (typeof value !== 'string') fail('an enum string');
      else if (!schema.values.includes(value)) out.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.values)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('a boolean');
      return;
    case 'float':
    case 'double':
      if (typeof value !== 'number') fail('a number');
      return;
    case 'bigInteger':
      if (typeof value !== 'bigint' && !(typeof value === 'number' && Number.isInteger(value))) fail('an integer');
      return;
    case 'bigDecimal':
      if (typeof value !== 'number' && typeof value !== 'bigint' && typeof value !== 'string') fail('a number');
      return;
    case 'timestamp':
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail('a valid Date');
      return;
    case 'blob':
      if (schema.streaming) {
        if (!(value instanceof Uint8Array) && typeof value !== 'string' && !(value instanceof Readable)) {
          fail('a Uint8Array, string or Readable stream');
        }
      } else if (!(value instanceof Uint8Array)) fail('a Uint8Array');
      return;
    case 'document':
      if (!isJsonValue(value, new Set())) fail('a JSON document value');
      return;
    default:
      out.push(`${path}: unexpected shape type ${schema.type}`);
  }
}

function check(shapes: ShapeRegistry, schema: ShapeSchema, value: unknown, path: string, out: string[]): void {
  switch (schema.type) {
    case 'structure':
    case 'union':
      checkStructure(shapes, schema, value, path, out);
      return;
    case 'list': {
      if (!Array.isArray(value)) {
        out.push(`${path}: expected a list (array), got ${describe(value)}`);
        return;
      }
      const target = resolveShape(shapes, schema.member.target);
      value.forEach((item: unknown, i) => {
        if (item === null || item === undefined) {
          if (!schema.sparse) out.push(`${path}[${i}]: null item in a dense list`);
        } else check(shapes, target, item, `${path}[${i}]`, out);
      });
      return;
    }
    case 'map': {
      if (!isRecord(value)) {
        out.push(`${path}: expected a map object, got ${describe(value)}`);
        return;
      }
      const keyTarget = resolveShape(shapes, schema.key.target);
      const valueTarget = resolveShape(shapes, schema.value.target);
      for (const [key, v] of Object.entries(value)) {
        if (keyTarget.type === 'enum') check(shapes, keyTarget, key, `${path}{key ${JSON.stringify(key)}}`, out);
        if (v === null || v === undefined) {
          if (!schema.sparse) out.push(`${path}.${key}: null value in a dense map`);
        } else check(shapes, valueTarget, v, `${path}.${key}`, out);
      }
      return;
    }
    default:
      checkScalar(schema, value, path, out);
  }
}

/** Violations of `value` against shape `shapeName` (empty when valid); `path` prefixes each message. */
export function validateShape(shapes: ShapeRegistry, shapeName: string, value: unknown, path?: string): string[] {
  const out: string[] = [];
  check(shapes, resolveShape(shapes, shapeName), value, path ?? localName(shapeName), out);
  return out;
}
