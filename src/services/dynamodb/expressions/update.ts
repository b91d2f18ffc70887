/**
 * Applies an update expression. Every right-hand side is evaluated against the item as it was before the
 * update (DynamoDB semantics), then the actions are applied in order to a copy.
 */
import type { AttributeValue } from '../../../../generated/dynamodb/index.js';
import { validation } from '../validation/errors.js';
import { base64, cloneItem, cloneValue, type Item } from '../values/attribute-value.js';
import { canonicalNumber, checkRange, Decimal } from '../values/numbers.js';
import type { Operand, PathNode, UpdateExpression } from './ast.js';
import { operandValue } from './evaluator.js';
import { assignPath, removePath, resolvePath } from './paths.js';

const WRONG_TYPE = 'An operand in the update expression has an incorrect data type';
const MISSING = 'The provided expression refers to an attribute that does not exist in the item';

function setValue(item: Item, o: Operand): AttributeValue {
  switch (o.type) {
    case 'path': {
      const v = resolvePath(item, o);
      if (v === undefined) throw validation(MISSING);
      return cloneValue(v);
    }
    case 'value':
      return cloneValue(o.value);
    case 'arith': {
      const a = setValue(item, o.left);
      const b = setValue(item, o.right);
      if (a.N === undefined || b.N === undefined) throw validation(WRONG_TYPE);
      const x = new Decimal(a.N);
      const y = new Decimal(b.N);
      return { N: canonicalNumber(checkRange(o.op === '+' ? x.plus(y) : x.minus(y))) };
    }
    case 'call': {
      const [first, second] = o.args;
      if (first === undefined || second === undefined) throw validation(WRONG_TYPE);
      if (o.name === 'if_not_exists') {
        const existing = first.type === 'path' ? resolvePath(item, first) : undefined;
        return existing !== undefined ? cloneValue(existing) : setValue(item, second);
      }
      if (o.name === 'list_append') {
        const a = setValue(item, first);
        const b = setValue(item, second);
        if (a.L === undefined || b.L === undefined) throw validation(WRONG_TYPE);
        return { L: [...a.L, ...b.L] };
      }
      const v = operandValue(item, o);
      if (v === undefined) throw validation(MISSING);
      return v;
    }
  }
}

function addTo(existing: AttributeValue | undefined, delta: AttributeValue): AttributeValue {
  if (existing === undefined) return cloneValue(delta);
  if (existing.N !== undefined && delta.N !== undefined) {
    return { N: canonicalNumber(checkRange(new Decimal(existing.N).plus(new Decimal(delta.N)))) };
  }
  if (existing.SS !== undefined && delta.SS !== undefined) return { SS: [...new Set([...existing.SS, ...delta.SS])] };
  if (existing.NS !== undefined && delta.NS !== undefined) return { NS: [...new Set([...existing.NS, ...delta.NS])] };
  if (existing.BS !== undefined && delta.BS !== undefined) {
    const seen = new Set(existing.BS.map(base64));
    return { BS: [...existing.BS, ...delta.BS.filter((b) => !seen.has(base64(b)))] };
  }
  throw validation(WRONG_TYPE);
}

function deleteFrom(existing: AttributeValue, delta: AttributeValue): AttributeValue | undefined {
  let rest: AttributeValue;
  if (existing.SS !== undefined && delta.SS !== undefined) {
    const drop = new Set(delta.SS);
    rest = { SS: existing.SS.filter((s) => !drop.has(s)) };
  } else if (existing.NS !== undefined && delta.NS !== undefined) {
    const drop = new Set(delta.NS);
    rest = { NS: existing.NS.filter((s) => !drop.has(s)) };
  } else if (existing.BS !== undefined && delta.BS !== undefined) {
    const drop = new Set(delta.BS.map(base64));
    rest = { BS: existing.BS.filter((b) => !drop.has(base64(b))) };
  } else {
    throw validation(WRONG_TYPE);
  }
  const members = rest.SS ?? rest.NS ?? rest.BS ?? [];
  return members.length === 0 ? undefined : rest;
}

/** Returns the updated copy and the paths the expression wrote (for UPDATED_OLD / UPDATED_NEW). */
export function applyUpdate(original: Item, update: UpdateExpression): { item: Item; paths: PathNode[] } {
  const item = cloneItem(original);
  const removals: PathNode[] = [];
  // Right-hand sides first, all against the original item.
  const planned = update.actions.map((a) => {
    if (a.action === 'SET') return { a, value: setValue(original, a.value) };
    return { a, value: undefined };
  });
  for (const { a, value } of planned) {
    switch (a.action) {
      case 'SET':
        assignPath(item, a.path, value as AttributeValue);
        break;
      case 'REMOVE':
        removals.push(a.path);
        break;
      case 'ADD': {
        const existing = resolvePath(item, a.path);
        assignPath(item, a.path, addTo(existing, a.value.value));
        break;
      }
      case 'DELETE': {
        const existing = resolvePath(item, a.path);
        if (existing === undefined) break;
        const rest = deleteFrom(existing, a.value.value);
        if (rest === undefined) removePath(item, a.path);
        else assignPath(item, a.path, rest);
        break;
      }
    }
  }
  // List-index removals apply from the highest index down so earlier removals don't shift later ones.
  removals.sort((x, y) => {
    const a = x.elements[x.elements.length - 1];
    const b = y.elements[y.elements.length - 1];
    return (b?.kind === 'index' ? b.index : -1) - (a?.kind === 'index' ? a.index : -1);
  });
  for (const p of removals) removePath(item, p);
  return { item, paths: update.actions.map((a) => a.path) };
}
