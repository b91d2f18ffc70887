/**
 * Typed values → JSON response bodies (restJson1 with jsonName, awsJson1_0 without). Null/undefined members are
 * omitted; sparse lists and maps keep their nulls; non-finite floats are spelled "NaN", "Infinity", "-Infinity".
 */

import type { AwsResponse } from './request.js';
import { getHeader, setHeader } from './request.js';
import type { MemberSchema, ShapeRegistry, ShapeSchema, StructureSchema } from './schema.js';
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

interface WriteContext {
  shapes: ShapeRegistry;
  useJsonName: boolean;
}

function wrongType(path: string, expected: string, value: unknown): TypeError {
  return new TypeError(`${path}: expected ${expected}, got ${value === null ? 'null' : typeof value}`);
}

function numberText(value: unknown, path: string, integer: boolean): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value)) return value;
  if (typeof value !== 'number') throw wrongType(path, 'a number', value);
  if (!Number.isFinite(value)) {
    if (integer) throw wrongType(path, 'a finite integer', value);
    return JSON.stringify(formatFloat(value));
  }
  return String(value);
}

function writeScalar(value: unknown, target: ShapeSchema, member: MemberSchema | undefined, path: string): string {
  const type = target.type;
  if (isIntegerType(type) || type === 'bigInteger') return numberText(value, path, true);
  switch (type) {
    case 'string':
    case 'enum':
      if (typeof value !== 'string') throw wrongType(path, 'a string', value);
      return JSON.stringify(value);
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType(path, 'a boolean', value);
      return value ? 'true' : 'false';
    case 'float':
    case 'double':
    case 'bigDecimal':
      return numberText(value, path, false);
    case 'timestamp': {
      const date = toDate(value);
      const format = resolveTimestampFormat(member, target, 'json');
      if (format === 'epoch-seconds') return String(formatEpochSeconds(date));
      return JSON.stringify(format === 'date-time' ? formatDateTime(date) : formatHttpDate(date));
    }
    case 'blob':
      return JSON.stringify(encodeBase64(toBytes(value)));
    case 'document':
      return JSON.stringify(value) ?? 'null';
    default:
      throw new Error(`${path}: unexpected shape type ${type}`);
  }
}

function writeStructure(value: unknown, schema: StructureSchema, ctx: WriteContext, bodyOnly: boolean, path: string): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw wrongType(path, 'an object', value);
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const member of schema.members) {
    if (bodyOnly && !isBodyMember(member)) continue;
    const v = record[member.name];
    if (v === undefined || v === null) continue;
    const wireName = ctx.useJsonName ? (member.jsonName ?? member.name) : member.name;
    const text = writeValue(v, resolveShape(ctx.shapes, member.target), member, ctx, `${path}.${member.name}`);
    parts.push(`${JSON.stringify(wireName)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

function writeValue(value: unknown, target: ShapeSchema, member: MemberSchema | undefined, ctx: WriteContext, path: string): string {
  switch (target.type) {
    case 'structure':
    case 'union':
      return writeStructure(value, target, ctx, false, path);
    case 'list': {
      if (!Array.isArray(value)) throw wrongType(path, 'an array', value);
      const itemTarget = resolveShape(ctx.shapes, target.member.target);
      const items: string[] = [];
      value.forEach((item: unknown, i) => {
        if (item === undefined || item === null) {
          if (target.sparse) items.push('null');
          return;
        }
        items.push(writeValue(item, itemTarget, target.member, ctx, `${path}[${i}]`));
      });
      return `[${items.join(',')}]`;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw wrongType(path, 'a map object', value);
      const valueTarget = resolveShape(ctx.shapes, target.value.target);
      const entries: string[] = [];
      for (const [key, entry] of Object.entries(value)) {
        if (entry === undefined || entry === null) {
          if (target.sparse) entries.push(`${JSON.stringify(key)}:null`);
          continue;
        }
        entries.push(`${JSON.stringify(key)}:${writeValue(entry, valueTarget, target.value, ctx, `${path}.${key}`)}`);
      }
      return `{${entries.join(',')}}`;
    }
    default:
      return writeScalar(value, target, member, path);
  }
}

/** JSON text for the body-bound members of `structure`; at least `{}`. */
export function serializeJsonBody(shapes: ShapeRegistry, structure: string, value: Record<string, unknown>, useJsonName: boolean): string {
  const schema = resolveStructure(shapes, structure);
  return writeStructure(value, schema, { shapes, useJsonName }, true, localName(schema.name));
}

/** JSON text for any value of a shape (no body-binding filter). */
export function serializeJsonValue(
  shapes: ShapeRegistry,
  target: string,
  value: unknown,
  useJsonName: boolean,
  member?: MemberSchema,
): string {
  return writeValue(value, resolveShape(shapes, target), member, { shapes, useJsonName }, localName(target));
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
