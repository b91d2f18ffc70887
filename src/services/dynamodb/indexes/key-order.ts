/**
 * Index keys as tuples ordered by DynamoDB's rules, for the B-trees that hold every table and index:
 * primary `[hash, range?]`, LSI `[hash, lsiRange, tableRange?]`, GSI `[gsiHash, gsiRange?, tableHash, tableRange?]`.
 * MIN and MAX sentinels bound range searches ("everything in this partition").
 */
import type { AttributeValue } from '../../../../generated/dynamodb/index.js';
import { compareBytes, compareStrings } from '../values/compare.js';
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

export type KeyPart = string | NumberKey | Uint8Array | typeof MIN | typeof MAX;
export type KeyTuple = KeyPart[];

export function keyPart(value: AttributeValue): KeyPart {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return new NumberKey(value.N);
  return value.B as Uint8Array;
}

export function comparePart(a: KeyPart | undefined, b: KeyPart | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (a === MIN || b === MAX) return -1;
  if (a === MAX || b === MIN) return 1;
  if (typeof a === 'string') return compareStrings(a, b as string);
  if (a instanceof Uint8Array) return compareBytes(a, b as Uint8Array);
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
