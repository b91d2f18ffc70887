/**
 * KeyConditionExpression (and legacy KeyConditions) → the partition value and an optional sort-key range.
 * Only `hash = :v` AND one of `=, <, <=, >, >=, BETWEEN, begins_with` on the sort key are allowed.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html
 */
import type { AttributeValue, Condition as LegacyCondition } from '../../../generated/dynamodb/index.js';
import type { Condition, Operand } from './expressions/ast.js';
import type { KeyDef } from './indexes/table-index.js';
import { invalidParameter, validation } from './validation/errors.js';
import { checkValue, typeOf } from './values/attribute-value.js';

export interface SortBound {
  value: AttributeValue;
  inclusive: boolean;
}

export interface KeyRange {
  hash: AttributeValue;
  low?: SortBound | undefined;
  high?: SortBound | undefined;
  /** begins_with on the sort key: a range plus a prefix filter. */
  prefix?: AttributeValue | undefined;
}

type Op = '=' | '<' | '<=' | '>' | '>=' | 'BETWEEN' | 'begins_with';

interface Part {
  name: string;
  op: Op;
  values: AttributeValue[];
}

const FLIP: Record<string, Op> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' };

function attrName(o: Operand | undefined): string | undefined {
  if (o?.type !== 'path') return undefined;
  if (o.elements.length !== 1 || o.elements[0]?.kind !== 'name') {
    throw validation('KeyConditionExpressions cannot have conditions on nested attributes');
  }
  return o.elements[0].name;
}

function flatten(c: Condition, out: Part[]): void {
  const fail = (op: string) => validation(`Invalid operator used in KeyConditionExpression: ${op}`);
  switch (c.type) {
    case 'and':
      flatten(c.left, out);
      flatten(c.right, out);
      return;
    case 'or':
      throw fail('OR');
    case 'not':
      throw fail('NOT');
    case 'in':
      throw fail('IN');
    case 'compare': {
      if (c.op === '<>') throw fail('<>');
      const left = attrName(c.left);
      if (left !== undefined && c.right.type === 'value') {
        out.push({ name: left, op: c.op, values: [c.right.value] });
        return;
      }
      const right = attrName(c.right);
      if (right !== undefined && c.left.type === 'value') {
        out.push({ name: right, op: FLIP[c.op] as Op, values: [c.left.value] });
        return;
      }
      throw validation(
        'Invalid KeyConditionExpression: The expression can not be an equality or comparison between two values or two attributes',
      );
    }
    case 'between': {
      const name = attrName(c.operand);
      if (name === undefined || c.low.type !== 'value' || c.high.type !== 'value') throw fail('BETWEEN');
      out.push({ name, op: 'BETWEEN', values: [c.low.value, c.high.value] });
      return;
    }
    case 'call': {
      if (c.name !== 'begins_with') throw fail(c.name);
      const name = attrName(c.args[0]);
      const v = c.args[1];
      if (name === undefined || v?.type !== 'value') throw fail(c.name);
      out.push({ name, op: 'begins_with', values: [v.value] });
    }
  }
}

function toRange(parts: Part[], key: KeyDef, typeOfAttr: (n: string) => string | undefined): KeyRange {
  if (parts.length > 2) throw validation('Conditions can be of length 1 or 2 only');
  const hashPart = parts.find((p) => p.name === key.hash);
  if (!hashPart) throw validation(`Query condition missed key schema element: ${key.hash}`);
  if (hashPart.op !== '=') throw validation('Query key condition not supported');
  const rangePart = parts.find((p) => p !== hashPart);
  if (rangePart && rangePart.name !== key.range) {
    throw validation(`Query condition missed key schema element: ${key.range ?? rangePart.name}`);
  }
  for (const p of parts) {
    const expected = typeOfAttr(p.name);
    for (const v of p.values) {
      if (typeOf(v) !== expected) throw invalidParameter('Condition parameter type does not match schema type');
    }
  }
  const range: KeyRange = { hash: hashPart.values[0] as AttributeValue };
  if (!rangePart) return range;
  const [a, b] = rangePart.values as [AttributeValue, AttributeValue];
  switch (rangePart.op) {
    case '=':
      range.low = { value: a, inclusive: true };
      range.high = { value: a, inclusive: true };
      break;
    case '<':
    case '<=':
      range.high = { value: a, inclusive: rangePart.op === '<=' };
      break;
    case '>':
    case '>=':
      range.low = { value: a, inclusive: rangePart.op === '>=' };
      break;
    case 'BETWEEN':
      range.low = { value: a, inclusive: true };
      range.high = { value: b, inclusive: true };
      break;
    case 'begins_with':
      if (typeOf(a) === 'N') {
        throw validation(
          'Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
        );
      }
      range.low = { value: a, inclusive: true };
      range.prefix = a;
      break;
  }
  return range;
}

export function keyRangeFromExpression(c: Condition, key: KeyDef, typeOfAttr: (n: string) => string | undefined): KeyRange {
  const parts: Part[] = [];
  flatten(c, parts);
  return toRange(parts, key, typeOfAttr);
}

const LEGACY_OPS: Record<string, Op> = { EQ: '=', LT: '<', LE: '<=', GT: '>', GE: '>=', BETWEEN: 'BETWEEN', BEGINS_WITH: 'begins_with' };

export function keyRangeFromLegacy(
  conditions: Record<string, LegacyCondition>,
  key: KeyDef,
  typeOfAttr: (n: string) => string | undefined,
): KeyRange {
  const parts = Object.entries(conditions).map(([name, c]) => {
    const op = LEGACY_OPS[c.ComparisonOperator];
    if (!op) throw validation(`Attempted conditional constraint is not an indexable operation`);
    const values = (c.AttributeValueList ?? []).map((v) => checkValue(v));
    const needed = op === 'BETWEEN' ? 2 : 1;
    if (values.length !== needed)
      throw invalidParameter(`Invalid number of argument(s) for the ${c.ComparisonOperator} ComparisonOperator`);
    return { name, op, values };
  });
  return toRange(parts, key, typeOfAttr);
}
