/**
 * Static checks DynamoDB makes before touching any item: function argument kinds, constant operand types,
 * BETWEEN bounds, and the ADD/DELETE/SET operand rules of update expressions.
 */
import type { AttributeValue } from '../../../../generated/dynamodb/index.js';
import { validation } from '../validation/errors.js';
import { typeOf } from '../values/attribute-value.js';
import { compareScalars } from '../values/compare.js';
import { type Condition, formatPath, type Operand, type PathNode, type UpdateExpression } from './ast.js';
import type { ExpressionLabel } from './parser.js';
import { pathsOverlap } from './paths.js';

const VALID_TYPES = ['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'];

/** Long type names DynamoDB prints in update-operand errors. */
const LONG_NAMES: Record<string, string> = {
  S: 'STRING',
  N: 'NUMBER',
  B: 'BINARY',
  BOOL: 'BOOLEAN',
  NULL: 'NULL',
  L: 'LIST',
  M: 'MAP',
  SS: 'SS',
  NS: 'NS',
  BS: 'BS',
};

function constant(o: Operand | undefined): AttributeValue | undefined {
  return o?.type === 'value' ? o.value : undefined;
}

function showValue(v: AttributeValue): string {
  const t = typeOf(v);
  return `AttributeValue: {${t}:${String((v as Record<string, unknown>)[t])}}`;
}

function checkOperand(o: Operand, label: ExpressionLabel): void {
  if (o.type !== 'call') return;
  const fail = (m: string) => validation(`Invalid ${label}: ${m}`);
  if (o.name === 'size' && o.args[0] && o.args[0].type !== 'path') {
    throw fail('Operator or function requires a document path; operator or function: size');
  }
  for (const a of o.args) checkOperand(a, label);
}

export function checkCondition(c: Condition, label: ExpressionLabel): void {
  const fail = (m: string) => validation(`Invalid ${label}: ${m}`);
  switch (c.type) {
    case 'and':
    case 'or':
      checkCondition(c.left, label);
      checkCondition(c.right, label);
      return;
    case 'not':
      checkCondition(c.operand, label);
      return;
    case 'compare':
      checkOperand(c.left, label);
      checkOperand(c.right, label);
      return;
    case 'in':
      checkOperand(c.operand, label);
      for (const o of c.list) checkOperand(o, label);
      return;
    case 'between': {
      checkOperand(c.operand, label);
      const lo = constant(c.low);
      const hi = constant(c.high);
      if (lo && hi) {
        const cmp = compareScalars(lo, hi);
        if (cmp === undefined) {
          throw fail(
            `The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: ${showValue(lo)}, upper bound operand: ${showValue(hi)}`,
          );
        }
        if (cmp > 0) {
          throw fail(
            `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: ${showValue(lo)}, upper bound operand: ${showValue(hi)}`,
          );
        }
      }
      return;
    }
    case 'call': {
      const [first, second] = c.args;
      if ((c.name === 'attribute_exists' || c.name === 'attribute_not_exists' || c.name === 'attribute_type') && first?.type !== 'path') {
        throw fail(`Operator or function requires a document path; operator or function: ${c.name}`);
      }
      if (c.name === 'attribute_type') {
        const t = constant(second);
        if (t && (t.S === undefined || !VALID_TYPES.includes(t.S))) {
          throw fail(`Invalid attribute type name found; type: ${t.S ?? typeOf(t)}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`);
        }
      }
      if (c.name === 'begins_with') {
        for (const a of [first, second]) {
          const v = constant(a);
          if (v && v.S === undefined && v.B === undefined) {
            throw fail(`Incorrect operand type for operator or function; operator or function: begins_with, operand type: ${typeOf(v)}`);
          }
        }
      }
      for (const a of c.args) checkOperand(a, label);
      return;
    }
  }
}

function checkSetOperand(o: Operand): void {
  const fail = (m: string) => validation(`Invalid UpdateExpression: ${m}`);
  if (o.type === 'arith') {
    for (const side of [o.left, o.right]) {
      const v = constant(side);
      if (v && v.N === undefined)
        throw fail(`Incorrect operand type for operator or function; operator or function: ${o.op}, operand type: ${typeOf(v)}`);
      checkSetOperand(side);
    }
    return;
  }
  if (o.type !== 'call') return;
  if (o.name === 'size') throw fail(`The function is not allowed in an update expression; function: ${o.name}`);
  if (o.name === 'if_not_exists' && o.args[0]?.type !== 'path') {
    throw fail('Operator or function requires a document path; operator or function: if_not_exists');
  }
  if (o.name === 'list_append') {
    for (const a of o.args) {
      const v = constant(a);
      if (v && v.L === undefined)
        throw fail(`Incorrect operand type for operator or function; operator or function: list_append, operand type: ${typeOf(v)}`);
    }
  }
  for (const a of o.args) checkSetOperand(a);
}

export function checkUpdate(u: UpdateExpression, keyNames: readonly string[]): void {
  const fail = (m: string) => validation(`Invalid UpdateExpression: ${m}`);
  const paths: PathNode[] = [];
  for (const a of u.actions) {
    if (a.action === 'SET') checkSetOperand(a.value);
    if (a.action === 'ADD' || a.action === 'DELETE') {
      const t = typeOf(a.value.value);
      const allowed = a.action === 'ADD' ? ['N', 'SS', 'NS', 'BS'] : ['SS', 'NS', 'BS'];
      if (!allowed.includes(t)) {
        throw fail(
          `Incorrect operand type for operator or function; operator: ${a.action}, operand type: ${LONG_NAMES[t]}, typeSet: ALLOWED_FOR_${a.action}_OPERAND`,
        );
      }
    }
    for (const p of paths) {
      if (pathsOverlap(p, a.path)) {
        throw fail(
          `Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${formatPath(p)}, path two: ${formatPath(a.path)}`,
        );
      }
    }
    paths.push(a.path);
  }
  for (const a of u.actions) {
    const first = a.path.elements[0];
    if (first?.kind === 'name' && keyNames.includes(first.name)) {
      throw validation(
        `One or more parameter values were invalid: Cannot update attribute ${first.name}. This attribute is part of the key`,
      );
    }
  }
}
