/**
 * Item size as DynamoDB counts it: UTF-8 names plus values; numbers about one byte per two significant
 * digits plus one; lists and maps 3 bytes of overhead plus 1 per element.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */
import type { AttributeValue } from '../../../../generated/dynamodb/index.js';
import type { Item } from './attribute-value.js';

export const MAX_ITEM_SIZE = 400 * 1024;

/** Significant digits: the text without its sign and point, less leading and trailing zeros. */
function numberSize(n: string): number {
  let lo = n.charCodeAt(0) === 45 ? 1 : 0;
  let hi = n.length - 1;
  const dot = n.indexOf('.');
  while (lo <= hi && (lo === dot || n.charCodeAt(lo) === 48)) lo++;
  while (hi >= lo && (hi === dot || n.charCodeAt(hi) === 48)) hi--;
  const digits = hi - lo + 1 - (dot > lo && dot < hi ? 1 : 0);
  return Math.ceil(Math.max(digits, 1) / 2) + 1;
}

export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S, 'utf8');
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((n, s) => n + Buffer.byteLength(s, 'utf8'), 0);
  if (value.NS !== undefined) return value.NS.reduce((n, s) => n + numberSize(s), 0);
  if (value.BS !== undefined) return value.BS.reduce((n, b) => n + b.byteLength, 0);
  if (value.L !== undefined) return value.L.reduce((n, v) => n + 1 + valueSize(v), 3);
  if (value.M !== undefined) {
    let n = 3;
    for (const [k, v] of Object.entries(value.M)) n += 1 + Buffer.byteLength(k, 'utf8') + valueSize(v);
    return n;
  }
  return 0;
}

export function itemSize(item: Item): number {
  let n = 0;
  for (const [k, v] of Object.entries(item)) n += Buffer.byteLength(k, 'utf8') + valueSize(v);
  return n;
}
