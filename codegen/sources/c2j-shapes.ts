/**
 * Converts C2J data shapes (everything under `shapes`) into Smithy JSON AST shapes.
 * Structures and their members live in c2j-structures.ts.
 */
import type { MemberAst, ShapeAst, ShapeType, Traits } from '../model/ast.js';
import type { JsonObject } from './c2j-json.js';
import { asObject, asString, asStringArray, checkKeys, fail, flag, optNumber, optString } from './c2j-json.js';
import { COLLECTION_MEMBER_KEYS, SHAPE_COMMON_KEYS, SHAPE_IGNORED } from './c2j-keys.js';

export type Protocol = 'restXml' | 'restJson1' | 'awsJson1_0' | 'awsJson1_1';

export interface ConvertContext {
  namespace: string;
  protocol: Protocol;
  /** The service-wide XML namespace; member-level copies of it are redundant in Smithy. */
  xmlNamespaceUri: string | undefined;
  shapes: Readonly<Record<string, JsonObject>>;
  /** Streaming members whose C2J target is also used without streaming point at a synthetic shape. */
  streamingTargets: ReadonlyMap<string, string>;
}

export function shapeId(ctx: ConvertContext, name: string): string {
  return `${ctx.namespace}#${name}`;
}

/** Resolves a C2J `shape` reference, failing on dangling references instead of emitting broken ids. */
export function targetOf(ctx: ConvertContext, raw: JsonObject, where: string): { name: string; shape: JsonObject } {
  const name = asString(raw.shape, `${where} key "shape"`);
  const shape = ctx.shapes[name];
  if (shape === undefined) fail(where, `key "shape" refers to unknown shape "${name}"`);
  return { name, shape };
}

const SIMPLE_TYPES: Readonly<Record<string, ShapeType>> = {
  blob: 'blob',
  boolean: 'boolean',
  byte: 'byte',
  short: 'short',
  integer: 'integer',
  long: 'long',
  float: 'float',
  double: 'double',
  timestamp: 'timestamp',
};
const LENGTH_TYPES = new Set(['string', 'blob', 'list', 'map']);
const RANGE_TYPES = new Set(['byte', 'short', 'integer', 'long', 'float', 'double']);

const TIMESTAMP_FORMATS: Readonly<Record<string, string>> = {
  iso8601: 'date-time',
  rfc822: 'http-date',
  unixTimestamp: 'epoch-seconds',
};

export function timestampFormat(value: unknown, where: string): string {
  const format = TIMESTAMP_FORMATS[asString(value, where)];
  if (format === undefined) fail(where, `unsupported timestampFormat ${JSON.stringify(value)}`);
  return format;
}

export function withTraits<T extends ShapeAst | MemberAst>(node: T, traits: Traits): T {
  const keys = Object.keys(traits).sort();
  if (keys.length > 0) node.traits = Object.fromEntries(keys.map((k) => [k, traits[k]]));
  return node;
}

/** Traits every C2J shape type may carry: deprecation, sensitivity and min/max constraints. */
export function commonTraits(name: string, raw: JsonObject, type: string): Traits {
  const where = `shape ${name}`;
  const traits: Traits = {};
  if (flag(raw, 'deprecated', where)) traits['smithy.api#deprecated'] = {};
  if (flag(raw, 'sensitive', where)) traits['smithy.api#sensitive'] = {};
  const min = optNumber(raw, 'min', where);
  const max = optNumber(raw, 'max', where);
  if (min !== undefined || max !== undefined) {
    const bounds = { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
    if (LENGTH_TYPES.has(type)) traits['smithy.api#length'] = bounds;
    else if (RANGE_TYPES.has(type)) traits['smithy.api#range'] = bounds;
    else fail(where, `min/max on a ${type} shape`);
  }
  return traits;
}

export function convertSimple(ctx: ConvertContext, name: string, raw: JsonObject): ShapeAst {
  const where = `shape ${name}`;
  const c2jType = asString(raw.type, `${where} key "type"`);
  const type = SIMPLE_TYPES[c2jType];
  if (type === undefined) fail(where, `unsupported type "${c2jType}"`);
  const extra = [...(type === 'timestamp' ? ['timestampFormat'] : []), ...(type === 'blob' ? ['streaming', 'requiresLength'] : [])];
  const boundKeys = RANGE_TYPES.has(type) || LENGTH_TYPES.has(type) ? ['min', 'max'] : [];
  checkKeys(raw, [...SHAPE_COMMON_KEYS, ...extra, ...boundKeys], SHAPE_IGNORED, where);
  const traits = commonTraits(name, raw, type);
  if (raw.timestampFormat !== undefined) {
    traits['smithy.api#timestampFormat'] = timestampFormat(raw.timestampFormat, `${where} key "timestampFormat"`);
  }
  if (flag(raw, 'streaming', where) || isSyntheticStreaming(ctx, name)) traits['smithy.api#streaming'] = {};
  if (flag(raw, 'requiresLength', where)) traits['smithy.api#requiresLength'] = {};
  return withTraits({ type }, traits);
}

function isSyntheticStreaming(ctx: ConvertContext, name: string): boolean {
  return ctx.streamingTargets.get(name) === name;
}

export function convertString(name: string, raw: JsonObject): ShapeAst {
  const where = `shape ${name}`;
  checkKeys(raw, [...SHAPE_COMMON_KEYS, 'min', 'max', 'pattern', 'enum', 'jsonvalue'], SHAPE_IGNORED, where);
  const traits = commonTraits(name, raw, 'string');
  const pattern = optString(raw, 'pattern', where);
  if (pattern !== undefined) traits['smithy.api#pattern'] = pattern;
  // Smithy says "this string holds JSON" with mediaType, which is what restJson1 servers key off for headers.
  if (flag(raw, 'jsonvalue', where)) traits['smithy.api#mediaType'] = 'application/json';
  if (raw.enum === undefined) return withTraits({ type: 'string' }, traits);
  return withTraits({ type: 'enum', members: enumMembers(name, raw.enum) }, traits);
}

/**
 * Smithy 2.0 enum members need identifier names; C2J only has values. Names are derived from the values
 * (the wire format only ever uses the values) and de-duplicated.
 */
function enumMembers(name: string, rawValues: unknown): Record<string, MemberAst> {
  const where = `shape ${name} key "enum"`;
  const values = asStringArray(rawValues, where);
  const members: Record<string, MemberAst> = {};
  const seen = new Set<string>();
  for (const value of values) {
    if (value === '') fail(where, 'empty enum value cannot be a Smithy enumValue');
    if (seen.has(value)) continue;
    seen.add(value);
    let member = enumMemberName(value);
    for (let n = 2; Object.hasOwn(members, member); n++) member = `${enumMemberName(value)}_${n}`;
    members[member] = { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': value } };
  }
  return members;
}

function enumMemberName(value: string): string {
  const base = value
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  if (base === '') return 'VALUE';
  return /^[0-9]/.test(base) ? `_${base}` : base;
}

export function convertList(ctx: ConvertContext, name: string, raw: JsonObject): ShapeAst {
  const where = `shape ${name}`;
  checkKeys(raw, [...SHAPE_COMMON_KEYS, 'member', 'min', 'max', 'flattened'], SHAPE_IGNORED, where);
  // `flattened` is a property of how a structure member serialises the list; Smithy puts xmlFlattened
  // on every structure member that targets it (see c2j-structures.ts), never on the list itself.
  flag(raw, 'flattened', where);
  const member = collectionMember(ctx, asObject(raw.member, `${where} key "member"`), `${where} member`);
  return withTraits({ type: 'list', member }, commonTraits(name, raw, 'list'));
}

export function convertMap(ctx: ConvertContext, name: string, raw: JsonObject): ShapeAst {
  const where = `shape ${name}`;
  checkKeys(raw, [...SHAPE_COMMON_KEYS, 'key', 'value', 'min', 'max', 'flattened'], SHAPE_IGNORED, where);
  flag(raw, 'flattened', where);
  const key = collectionMember(ctx, asObject(raw.key, `${where} key "key"`), `${where} key`);
  const value = collectionMember(ctx, asObject(raw.value, `${where} key "value"`), `${where} value`);
  return withTraits({ type: 'map', key, value }, commonTraits(name, raw, 'map'));
}

/** A list member or map key/value: only its target and, for XML, its element name. */
function collectionMember(ctx: ConvertContext, raw: JsonObject, where: string): MemberAst {
  checkKeys(raw, COLLECTION_MEMBER_KEYS, {}, where);
  const target = targetOf(ctx, raw, where);
  if (flag(target.shape, 'flattened', where)) fail(where, 'targets a flattened collection, which Smithy cannot express');
  const traits: Traits = {};
  const locationName = optString(raw, 'locationName', where);
  if (locationName !== undefined) {
    if (ctx.protocol !== 'restXml') fail(where, `key "locationName" on a ${ctx.protocol} collection member`);
    traits['smithy.api#xmlName'] = locationName;
  }
  // As for structure members (c2j-structures.ts): the target's namespace is declared on the member.
  const namespace = xmlNamespaceTrait(ctx, target.shape.xmlNamespace, `shape ${target.name} key "xmlNamespace"`);
  if (namespace !== undefined) traits['smithy.api#xmlNamespace'] = namespace;
  return withTraits({ target: shapeId(ctx, target.name) }, traits);
}

/** C2J {uri, prefix?} → Smithy xmlNamespace; a copy of the service's own namespace is inherited, not repeated. */
export function xmlNamespaceTrait(ctx: ConvertContext, value: unknown, where: string): { uri: string; prefix?: string } | undefined {
  if (value === undefined) return undefined;
  const o = asObject(value, where);
  checkKeys(o, ['uri', 'prefix'], {}, where);
  const uri = asString(o.uri, `${where} key "uri"`);
  const prefix = optString(o, 'prefix', where);
  if (prefix === undefined) return uri === ctx.xmlNamespaceUri ? undefined : { uri };
  return { uri, prefix };
}
