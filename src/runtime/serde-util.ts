/**
 * Small helpers shared by the XML and JSON body codecs, header/query parsing and validation:
 * shape lookup (with a fallback for Smithy prelude shapes), integer ranges, strict base64, UTF-8 decoding.
 */
import { SerializationError } from './errors.js';
import type { MemberSchema, ScalarType, ShapeRegistry, ShapeSchema, StructureSchema } from './schema.js';

const PRELUDE_SCALARS: Readonly<Record<string, ScalarType>> = {
  String: 'string',
  Blob: 'blob',
  Boolean: 'boolean',
  PrimitiveBoolean: 'boolean',
  Byte: 'byte',
  PrimitiveByte: 'byte',
  Short: 'short',
  PrimitiveShort: 'short',
  Integer: 'integer',
  PrimitiveInteger: 'integer',
  Long: 'long',
  PrimitiveLong: 'long',
  Float: 'float',
  PrimitiveFloat: 'float',
  Double: 'double',
  PrimitiveDouble: 'double',
  BigInteger: 'bigInteger',
  BigDecimal: 'bigDecimal',
  Timestamp: 'timestamp',
  Document: 'document',
};

/** The schema of a shape; prelude shapes (`smithy.api#String`, `Unit`...) work even when codegen left them out. */
export function resolveShape(shapes: ShapeRegistry, name: string): ShapeSchema {
  const found = shapes[name];
  if (found !== undefined) return found;
  const local = name.startsWith('smithy.api#') ? name.slice('smithy.api#'.length) : name;
  if (local === 'Unit') return { type: 'structure', name: local, members: [] };
  const scalar = PRELUDE_SCALARS[local];
  if (scalar !== undefined) return { type: scalar, name: local };
  throw new Error(`Shape ${name} is not in the shape registry`);
}

export function resolveStructure(shapes: ShapeRegistry, name: string): StructureSchema {
  const shape = resolveShape(shapes, name);
  if (shape.type !== 'structure' && shape.type !== 'union') {
    throw new Error(`Shape ${name} is a ${shape.type}, not a structure`);
  }
  return shape;
}

/** A shape's name without its namespace (`com.amazonaws.s3#Tagging` → `Tagging`). */
export function localName(name: string): string {
  const hash = name.lastIndexOf('#');
  return hash >= 0 ? name.slice(hash + 1) : name;
}

/** Members that travel in the body: explicitly `body`-bound or with no HTTP binding at all. */
export function isBodyMember(member: MemberSchema): boolean {
  return member.binding === undefined || member.binding.in === 'body';
}

export type IntegerType = 'byte' | 'short' | 'integer' | 'long' | 'intEnum';

/** Inclusive minimum and exclusive maximum of each integer type (2 ** 63 is exact as a double; 2 ** 63 - 1 is not). */
const INTEGER_RANGES: Readonly<Record<IntegerType, readonly [number, number]>> = {
  byte: [-(2 ** 7), 2 ** 7],
  short: [-(2 ** 15), 2 ** 15],
  integer: [-(2 ** 31), 2 ** 31],
  intEnum: [-(2 ** 31), 2 ** 31],
  long: [-(2 ** 63), 2 ** 63],
};

export function isIntegerType(type: string): type is IntegerType {
  return type in INTEGER_RANGES;
}

/** Whether a number is an integer inside the range of the Smithy integer type. */
export function inIntegerRange(value: number, type: IntegerType): boolean {
  const [min, maxExclusive] = INTEGER_RANGES[type];
  return Number.isInteger(value) && value >= min && value < maxExclusive;
}

export function isFloatType(type: string): type is 'float' | 'double' {
  return type === 'float' || type === 'double';
}

/** Smithy's text form of a float: `NaN`, `Infinity`, `-Infinity` or the shortest decimal. */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return String(value);
}

/** The non-finite floats spelled as strings in JSON, headers and XML. */
export function parseSpecialFloat(text: string): number | undefined {
  if (text === 'NaN') return Number.NaN;
  if (text === 'Infinity') return Number.POSITIVE_INFINITY;
  if (text === '-Infinity') return Number.NEGATIVE_INFINITY;
  return undefined;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict RFC 4648 base64 (standard alphabet, padding required); undefined when malformed. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** A blob value from a handler: bytes, or a string taken as UTF-8. */
export function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return new TextEncoder().encode(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new TypeError(`Expected a blob (Uint8Array), got ${typeof value}`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8KeepBom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8 (dropping a leading BOM unless `keepBom`); undefined when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array, keepBom = false): string | undefined {
  try {
    return (keepBom ? utf8KeepBom : utf8).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Sets a key on a plain object, including keys such as `__proto__` that plain assignment would mishandle. */
export function setEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function xmlError(message: string): SerializationError {
  return new SerializationError('MalformedXML', 400, 'client', message);
}

export function jsonError(message: string): SerializationError {
  return new SerializationError('SerializationException', 400, 'client', message);
}
