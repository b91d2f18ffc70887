/**
 * AttributeValue helpers: the type tag, validation of client-supplied values with DynamoDB's messages,
 * canonical numbers, deep equality and deep copies. Items are kept as the wire shape (`{ S: 'x' }`).
 */
import type { AttributeValue } from '../../../../generated/dynamodb/index.js';
import { memoizeJson } from '../../../runtime/json-write.js';
import { setEntry } from '../../../runtime/serde-util.js';
import { invalidParameter, validation } from '../validation/errors.js';
import { normaliseNumber } from './numbers.js';

export type Item = Record<string, AttributeValue>;

/**
 * Attribute names are data: `constructor`, `toString` or `__proto__` must never reach Object.prototype. Reads
 * take own properties only; writes go through `setAttr`, which defines `__proto__` instead of assigning it.
 */
export function attr(map: Item, name: string): AttributeValue | undefined {
  const value = map[name];
  return value !== undefined && Object.hasOwn(map, name) ? value : undefined;
}

export const setAttr: (map: Item, name: string, value: AttributeValue) => void = setEntry;

export type AttributeType = 'S' | 'N' | 'B' | 'SS' | 'NS' | 'BS' | 'M' | 'L' | 'NULL' | 'BOOL';

const TYPES: readonly AttributeType[] = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'];
const IS_TYPE: ReadonlySet<string> = new Set(TYPES);

/** The single type tag of a value (values are validated on the way in, so exactly one member is set). */
export function typeOf(value: AttributeValue): AttributeType {
  if (value.S !== undefined) return 'S';
  if (value.N !== undefined) return 'N';
  if (value.M !== undefined) return 'M';
  if (value.L !== undefined) return 'L';
  if (value.BOOL !== undefined) return 'BOOL';
  if (value.NULL !== undefined) return 'NULL';
  if (value.B !== undefined) return 'B';
  if (value.SS !== undefined) return 'SS';
  if (value.NS !== undefined) return 'NS';
  return 'BS';
}

const MAX_DEPTH = 32;

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function hasDuplicates(values: readonly string[]): boolean {
  return new Set(values).size !== values.length;
}

/**
 * Validates one value from a request and returns it with numbers canonicalised. Messages from DynamoDB as
 * recorded in dynalite's test suite (validations for Key/Item/ExpressionAttributeValues).
 */
export function checkValue(value: AttributeValue | undefined, depth = 0): AttributeValue {
  if (value === undefined || value === null || typeof value !== 'object') {
    throw validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  }
  // The value's own keys (one, normally), not a probe for each of the ten types: values of every shape pass here.
  let type: AttributeType | undefined;
  for (const k in value) {
    if (!IS_TYPE.has(k)) continue;
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined || v === null) continue;
    if (type !== undefined) {
      throw validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
    }
    type = k as AttributeType;
  }
  if (type === undefined) throw validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  if (depth > MAX_DEPTH) throw validation('Nesting Levels have exceeded supported limits');
  switch (type) {
    case 'N':
      return { N: normaliseNumber(value.N as string) };
    case 'NULL':
      if (value.NULL !== true) throw invalidParameter('Null attribute value types must have the value of true');
      return { NULL: true };
    case 'SS': {
      const ss = value.SS as string[];
      if (ss.length === 0) throw invalidParameter('An string set  may not be empty');
      if (hasDuplicates(ss)) throw invalidParameter(`Input collection [${ss.join(', ')}] contains duplicates.`);
      return { SS: [...ss] };
    }
    case 'NS': {
      const ns = value.NS as string[];
      if (ns.length === 0) throw invalidParameter('An number set  may not be empty');
      const canonical = ns.map(normaliseNumber);
      if (hasDuplicates(canonical)) throw invalidParameter('Input collection contains duplicates');
      return { NS: canonical };
    }
    case 'BS': {
      const bs = value.BS as Uint8Array[];
      if (bs.length === 0) throw invalidParameter('Binary sets should not be empty');
      const encoded = bs.map(base64);
      if (hasDuplicates(encoded)) throw invalidParameter(`Input collection [${encoded.join(', ')}]of type BS contains duplicates.`);
      return { BS: bs };
    }
    case 'M': {
      const out: Item = {};
      for (const [k, v] of Object.entries(value.M as Item)) setAttr(out, k, checkValue(v, depth + 1));
      return { M: out };
    }
    case 'L':
      return { L: (value.L as AttributeValue[]).map((v) => checkValue(v, depth + 1)) };
    default:
      return value;
  }
}

/** Validates a whole item (attribute names non-empty, every value valid), canonicalising numbers. */
export function checkItem(item: Item): Item {
  const out: Item = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.length === 0) throw invalidParameter('An AttributeValue may not contain an empty attribute name.');
    setAttr(out, name, checkValue(value));
  }
  return out;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

/** DynamoDB equality: same type and value; sets compare as sets; numbers compare canonically. */
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  const ta = typeOf(a);
  if (ta !== typeOf(b)) return false;
  switch (ta) {
    case 'S':
      return a.S === b.S;
    case 'N':
      return a.N === b.N;
    case 'B':
      return bytesEqual(a.B as Uint8Array, b.B as Uint8Array);
    case 'BOOL':
      return a.BOOL === b.BOOL;
    case 'NULL':
      return true;
    case 'SS':
      return sameMembers(a.SS as string[], b.SS as string[]);
    case 'NS':
      return sameMembers(a.NS as string[], b.NS as string[]);
    case 'BS':
      return sameMembers((a.BS as Uint8Array[]).map(base64), (b.BS as Uint8Array[]).map(base64));
    case 'L': {
      const la = a.L as AttributeValue[];
      const lb = b.L as AttributeValue[];
      return la.length === lb.length && la.every((v, i) => valuesEqual(v, lb[i] as AttributeValue));
    }
    case 'M': {
      const ma = a.M as Item;
      const mb = b.M as Item;
      const keys = Object.keys(ma);
      if (keys.length !== Object.keys(mb).length) return false;
      return keys.every((k) => {
        const other = attr(mb, k);
        return other !== undefined && valuesEqual(ma[k] as AttributeValue, other);
      });
    }
  }
}

/** A deep copy, so stored items never share structure with request or response objects. */
export function cloneValue(value: AttributeValue): AttributeValue {
  if (value.M !== undefined) {
    const out: Item = {};
    for (const [k, v] of Object.entries(value.M)) setAttr(out, k, cloneValue(v));
    return { M: out };
  }
  if (value.L !== undefined) return { L: value.L.map(cloneValue) };
  if (value.SS !== undefined) return { SS: [...value.SS] };
  if (value.NS !== undefined) return { NS: [...value.NS] };
  if (value.BS !== undefined) return { BS: [...value.BS] };
  return value;
}

export function cloneItem(item: Item): Item {
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) setAttr(out, k, cloneValue(v));
  return out;
}

/**
 * A stored item handed to an answer as is. Stored items are never changed in place (every write stores a new
 * object), so answers may share them and the JSON writer may keep their text for the next read.
 */
export function shareStored(item: Item): Item {
  memoizeJson(item);
  return item;
}

export { base64 };
