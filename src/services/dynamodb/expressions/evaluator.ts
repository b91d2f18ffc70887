/**
 * Evaluates condition and filter expressions against an item. Type mismatches make a comparison false rather
 * than an error, as in DynamoDB; a missing attribute makes every comparison but `<>` false.
 */
import type { AttributeValue } from '../../../../generated/dynamodb/index.js';
import { base64, type Item, typeOf, valuesEqual } from '../values/attribute-value.js';
import { compareBytes, compareScalars } from '../values/compare.js';
import type { Condition, Operand } from './ast.js';
import { resolvePath } from './paths.js';

function sizeOf(value: AttributeValue): number | undefined {
  if (value.S !== undefined) return value.S.length;
  if (value.B !== undefined) return value.B.byteLength;
  if (value.SS !== undefined) return value.SS.length;
  if (value.NS !== undefined) return value.NS.length;
  if (value.BS !== undefined) return value.BS.length;
  if (value.L !== undefined) return value.L.length;
  if (value.M !== undefined) return Object.keys(value.M).length;
  return undefined;
}

export function operandValue(item: Item, operand: Operand): AttributeValue | undefined {
  switch (operand.type) {
    case 'path':
      return resolvePath(item, operand);
    case 'value':
      return operand.value;
    case 'call': {
      // Only size() is an operand in conditions; update functions are evaluated in update.ts.
      const arg = operand.args[0];
      const v = arg ? operandValue(item, arg) : undefined;
      const n = v === undefined ? undefined : sizeOf(v);
      return n === undefined ? undefined : { N: String(n) };
    }
    default:
      return undefined;
  }
}

function startsWith(a: AttributeValue, b: AttributeValue): boolean {
  if (a.S !== undefined && b.S !== undefined) return a.S.startsWith(b.S);
  if (a.B !== undefined && b.B !== undefined) {
    return a.B.byteLength >= b.B.byteLength && compareBytes(a.B.subarray(0, b.B.byteLength), b.B) === 0;
  }
  return false;
}

function contains(a: AttributeValue, b: AttributeValue): boolean {
  if (a.S !== undefined) return b.S !== undefined && a.S.includes(b.S);
  if (a.SS !== undefined) return b.S !== undefined && a.SS.includes(b.S);
  if (a.NS !== undefined) return b.N !== undefined && a.NS.some((n) => compareScalars({ N: n }, b) === 0);
  if (a.BS !== undefined) return b.B !== undefined && a.BS.some((x) => base64(x) === base64(b.B as Uint8Array));
  if (a.L !== undefined) return a.L.some((x) => valuesEqual(x, b));
  return false;
}

function compare(op: string, a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (a === undefined || b === undefined) return op === '<>' && (a !== undefined || b !== undefined);
  if (op === '=') return valuesEqual(a, b);
  if (op === '<>') return !valuesEqual(a, b);
  const c = compareScalars(a, b);
  if (c === undefined) return false;
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

export function evaluate(condition: Condition, item: Item): boolean {
  switch (condition.type) {
    case 'and':
      return evaluate(condition.left, item) && evaluate(condition.right, item);
    case 'or':
      return evaluate(condition.left, item) || evaluate(condition.right, item);
    case 'not':
      return !evaluate(condition.operand, item);
    case 'compare':
      return compare(condition.op, operandValue(item, condition.left), operandValue(item, condition.right));
    case 'between': {
      const v = operandValue(item, condition.operand);
      const lo = operandValue(item, condition.low);
      const hi = operandValue(item, condition.high);
      if (v === undefined || lo === undefined || hi === undefined) return false;
      const a = compareScalars(v, lo);
      const b = compareScalars(v, hi);
      return a !== undefined && b !== undefined && a >= 0 && b <= 0;
    }
    case 'in': {
      const v = operandValue(item, condition.operand);
      if (v === undefined) return false;
      return condition.list.some((o) => {
        const x = operandValue(item, o);
        return x !== undefined && valuesEqual(v, x);
      });
    }
    case 'call': {
      const [first, second] = condition.args;
      const a = first ? operandValue(item, first) : undefined;
      switch (condition.name) {
        case 'attribute_exists':
          return a !== undefined;
        case 'attribute_not_exists':
          return a === undefined;
        case 'attribute_type': {
          const t = second ? operandValue(item, second) : undefined;
          return a !== undefined && t?.S === typeOf(a);
        }
        case 'begins_with': {
          const b = second ? operandValue(item, second) : undefined;
          return a !== undefined && b !== undefined && startsWith(a, b);
        }
        case 'contains': {
          const b = second ? operandValue(item, second) : undefined;
          return a !== undefined && b !== undefined && contains(a, b);
        }
        default:
          return false;
      }
    }
  }
}
