/**
 * The legacy (pre-expression) parameters older SDKs and libraries still send: Expected, AttributeUpdates,
 * AttributesToGet, KeyConditions, QueryFilter, ScanFilter, ConditionalOperator — translated into the same AST.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html
 */
import type {
  AttributeValue,
  AttributeValueUpdate,
  ExpectedAttributeValue,
  Condition as LegacyCondition,
} from '../../../generated/dynamodb/index.js';
import type { Condition, Operand, PathNode } from './expressions/ast.js';
import { applyUpdate } from './expressions/update.js';
import { invalidParameter, validation } from './validation/errors.js';
import { checkValue, type Item } from './values/attribute-value.js';

const path = (name: string): PathNode => ({ type: 'path', elements: [{ kind: 'name', name }] });
const value = (v: AttributeValue): Operand => ({ type: 'value', ref: ':legacy', value: checkValue(v) });

const ARG_COUNT: Record<string, (n: number) => boolean> = {
  EQ: (n) => n === 1,
  NE: (n) => n === 1,
  LE: (n) => n === 1,
  LT: (n) => n === 1,
  GE: (n) => n === 1,
  GT: (n) => n === 1,
  CONTAINS: (n) => n === 1,
  NOT_CONTAINS: (n) => n === 1,
  BEGINS_WITH: (n) => n === 1,
  NULL: (n) => n === 0,
  NOT_NULL: (n) => n === 0,
  IN: (n) => n > 0,
  BETWEEN: (n) => n === 2,
};

/** DynamoDB's order in the enum constraint message (dynalite's recorded AWS answers). */
const OPERATOR_SET = '[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]';

function comparison(name: string, op: string, values: AttributeValue[], where = 'expected'): Condition {
  if (ARG_COUNT[op] === undefined) {
    throw validation(
      `1 validation error detected: Value '${op}' at '${where}.${name}.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: ${OPERATOR_SET}`,
    );
  }
  const check = ARG_COUNT[op];
  if (!check || !check(values.length)) throw invalidParameter(`Invalid number of argument(s) for the ${op} ComparisonOperator`);
  const p = path(name);
  const [a, b] = values.map(value);
  const cmp = (o: '=' | '<>' | '<' | '<=' | '>' | '>='): Condition => ({ type: 'compare', op: o, left: p, right: a as Operand });
  switch (op) {
    case 'EQ':
      return cmp('=');
    case 'NE':
      return cmp('<>');
    case 'LE':
      return cmp('<=');
    case 'LT':
      return cmp('<');
    case 'GE':
      return cmp('>=');
    case 'GT':
      return cmp('>');
    case 'NULL':
      return { type: 'call', name: 'attribute_not_exists', args: [p] };
    case 'NOT_NULL':
      return { type: 'call', name: 'attribute_exists', args: [p] };
    case 'CONTAINS':
      return { type: 'call', name: 'contains', args: [p, a as Operand] };
    case 'NOT_CONTAINS':
      return { type: 'not', operand: { type: 'call', name: 'contains', args: [p, a as Operand] } };
    case 'BEGINS_WITH':
      return { type: 'call', name: 'begins_with', args: [p, a as Operand] };
    case 'IN':
      return { type: 'in', operand: p, list: values.map(value) };
    default:
      return { type: 'between', operand: p, low: a as Operand, high: b as Operand };
  }
}

function combine(parts: Condition[], operator: string | undefined): Condition | undefined {
  if (parts.length === 0) return undefined;
  const type = operator === 'OR' ? 'or' : 'and';
  return parts.reduce((left, right) => ({ type, left, right }));
}

function expected(name: string, e: ExpectedAttributeValue): Condition {
  if (e.ComparisonOperator !== undefined) {
    if (e.Exists !== undefined) throw invalidParameter(`Exists and ComparisonOperator cannot be used together for Attribute: ${name}`);
    if (e.Value !== undefined && e.AttributeValueList !== undefined) {
      throw invalidParameter(`Value and AttributeValueList cannot be used together for Attribute: ${name}`);
    }
    return comparison(name, e.ComparisonOperator, e.AttributeValueList ?? (e.Value ? [e.Value] : []));
  }
  if (e.AttributeValueList !== undefined)
    throw invalidParameter(`AttributeValueList can only be used with a ComparisonOperator for Attribute: ${name}`);
  const exists = e.Exists ?? true;
  if (exists && e.Value === undefined)
    throw invalidParameter(`Value must be provided when Exists is ${e.Exists ?? 'null'} for Attribute: ${name}`);
  if (!exists && e.Value !== undefined) throw invalidParameter(`Value cannot be used when Exists is false for Attribute: ${name}`);
  return exists ? comparison(name, 'EQ', [e.Value as AttributeValue]) : { type: 'call', name: 'attribute_not_exists', args: [path(name)] };
}

export function legacyCondition(input: {
  Expected?: Record<string, ExpectedAttributeValue>;
  ConditionalOperator?: string;
}): Condition | undefined {
  if (!input.Expected) return undefined;
  return combine(
    Object.entries(input.Expected).map(([k, e]) => expected(k, e)),
    input.ConditionalOperator,
  );
}

export function legacyFilter(
  filter: Record<string, LegacyCondition> | undefined,
  operator: string | undefined,
  where: 'queryFilter' | 'scanFilter',
): Condition | undefined {
  if (!filter) return undefined;
  return combine(
    Object.entries(filter).map(([k, c]) => comparison(k, c.ComparisonOperator, c.AttributeValueList ?? [], where)),
    operator,
  );
}

export function legacyProjection(names: string[] | undefined): PathNode[] | undefined {
  if (!names) return undefined;
  if (new Set(names).size !== names.length)
    throw validation(
      `One or more parameter values were invalid: Duplicate value in attribute name: ${names.find((n, i) => names.indexOf(n) !== i)}`,
    );
  return names.map(path);
}

export function legacyUpdate(
  updates: Record<string, AttributeValueUpdate> | undefined,
  keyNames: string[],
): ((item: Item) => { item: Item; paths: PathNode[] }) | undefined {
  if (!updates) return undefined;
  const actions = Object.entries(updates).map(([name, u]) => {
    if (keyNames.includes(name)) throw invalidParameter(`Cannot update attribute ${name}. This attribute is part of the key`);
    const action = u.Action ?? 'PUT';
    if (action !== 'DELETE' && u.Value === undefined) {
      throw invalidParameter(`Only DELETE action is allowed when no attribute value is specified: ${name}`);
    }
    const v = u.Value ? (value(u.Value) as { type: 'value'; ref: string; value: AttributeValue }) : undefined;
    if (action === 'PUT') return { action: 'SET' as const, path: path(name), value: v as Operand };
    if (action === 'ADD')
      return { action: 'ADD' as const, path: path(name), value: v as { type: 'value'; ref: string; value: AttributeValue } };
    if (v) return { action: 'DELETE' as const, path: path(name), value: v as { type: 'value'; ref: string; value: AttributeValue } };
    return { action: 'REMOVE' as const, path: path(name) };
  });
  return (item) => applyUpdate(item, { actions });
}

const PAIRS: [string, string][] = [
  ['Expected', 'ConditionExpression'],
  ['AttributesToGet', 'ProjectionExpression'],
  ['AttributeUpdates', 'UpdateExpression'],
  ['KeyConditions', 'KeyConditionExpression'],
  ['QueryFilter', 'FilterExpression'],
  ['ScanFilter', 'FilterExpression'],
];

const LEGACY_NAMES = new Set(PAIRS.map(([l]) => l));
const MODERN_NAMES = new Set(PAIRS.map(([, m]) => m));

/** DynamoDB refuses requests that mix legacy and expression parameters. */
export function rejectMixed(input: object): void {
  const rec = input as Record<string, unknown>;
  let legacySeen = false;
  let modernSeen = false;
  // The request's own few members, rather than a lookup of every pair's two names.
  for (const name in rec) {
    if (rec[name] === undefined) continue;
    if (LEGACY_NAMES.has(name)) legacySeen = true;
    else if (MODERN_NAMES.has(name)) modernSeen = true;
  }
  if (!legacySeen || !modernSeen) return;
  const legacy = PAIRS.map(([l]) => l).filter((l) => rec[l] !== undefined);
  const modern = [...new Set(PAIRS.map(([, m]) => m))].filter((m) => rec[m] !== undefined);
  throw validation(
    `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${[...new Set(legacy)].join(', ')}} Expression parameters: {${modern.join(', ')}}`,
  );
}
