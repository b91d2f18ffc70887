/**
 * Index keys as tuples ordered by DynamoDB's rules, for the B-trees that hold every table and index:
 * primary `[hash, range?]`, LSI `[hash, lsiRange, tableRange?]`, GSI `[gsiHash, gsiRange?, tableHash, tableRange?]`.
 * MIN and MAX sentinels bound range searches ("everything in this partition").
 *
 * String and binary parts are held as byte strings (one char per byte, 0–255: a string's UTF-8 bytes, a binary's
 * own bytes), so the engine's native string comparison gives DynamoDB's order (UTF-8 bytes, unsigned bytes) in
 * every B-tree step. ASCII strings, nearly all keys, are their own byte string.
 */
import type { AttributeValue } from '../../../../generated/dynamodb/index.js';
import { compareNumberText } from '../values/numbers.js';

export const MIN = Symbol('min');
export const MAX = Symbol('max');
/** A number key: its canonical text, ordered numerically (a class, so it is told apart from a string key). */
export class NumberKey {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** A string or binary key as a byte string; a number key as its canonical text. */
export type KeyPart = string | NumberKey | typeof MIN | typeof MAX;
export type KeyTuple = KeyPart[];

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * A string's UTF-8 bytes as a byte string. Written by hand rather than with Buffer because a lone surrogate (which
 * a JSON `\ud800` escape can produce) must keep its own three bytes, as WTF-8 does, instead of collapsing into
 * U+FFFD and colliding with other keys.
 */
export function utf8ByteString(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (cp < 0x80) out += String.fromCharCode(cp);
    else if (cp < 0x800) out += String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out += String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out += String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

export function keyPart(value: AttributeValue): KeyPart {
  if (value.S !== undefined) return utf8ByteString(value.S);
  if (value.N !== undefined) return new NumberKey(value.N);
  const b = value.B as Uint8Array;
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

export function comparePart(a: KeyPart | undefined, b: KeyPart | undefined): number {
  if (typeof a === 'string' && typeof b === 'string') return a === b ? 0 : a < b ? -1 : 1;
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (a === MIN || b === MAX) return -1;
  if (a === MAX || b === MIN) return 1;
  return compareNumberText((a as NumberKey).text, (b as NumberKey).text);
}

export function compareTuples(a: KeyTuple, b: KeyTuple): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = comparePart(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
}
