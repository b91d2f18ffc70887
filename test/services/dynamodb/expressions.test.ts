/** Unit tests for the expression engine: tokenizer → parser → validator → evaluator, and update/projection. */
import { describe, expect, it } from 'vitest';
import { compileCondition, compileProjection, compileUpdate } from '../../../src/services/dynamodb/expressions/compile.js';
import { ExpressionContext } from '../../../src/services/dynamodb/expressions/context.js';
import { evaluate } from '../../../src/services/dynamodb/expressions/evaluator.js';
import { project } from '../../../src/services/dynamodb/expressions/projection.js';
import { isReservedWord, RESERVED_WORDS } from '../../../src/services/dynamodb/expressions/reserved-words.js';
import { applyUpdate } from '../../../src/services/dynamodb/expressions/update.js';
import type { Item as EngineItem } from '../../../src/services/dynamodb/values/attribute-value.js';

type Item = EngineItem;
type AttributeValue = EngineItem[string];

const item: Item = {
  pk: { S: 'user#1' },
  n: { N: '10' },
  neg: { N: '-2.5' },
  s: { S: 'hello world' },
  blank: { S: '' },
  b: { B: new Uint8Array([1, 2, 3]) },
  t: { BOOL: true },
  f: { BOOL: false },
  nul: { NULL: true },
  ss: { SS: ['red', 'green'] },
  ns: { NS: ['1', '2', '3'] },
  bs: { BS: [new Uint8Array([9])] },
  l: { L: [{ S: 'a' }, { N: '5' }, { M: { deep: { S: 'x' } } }] },
  m: { M: { a: { N: '1' }, b: { M: { c: { S: 'C' } } }, 'odd-name': { S: 'y' } } },
  status: { S: 'active' },
};

const values: Item = {
  ':ten': { N: '10' },
  ':five': { N: '5' },
  ':zero': { N: '0' },
  ':big': { N: '100' },
  ':hello': { S: 'hello' },
  ':world': { S: 'world' },
  ':hw': { S: 'hello world' },
  ':red': { S: 'red' },
  ':blue': { S: 'blue' },
  ':one': { N: '1' },
  ':two': { N: '2' },
  ':a': { S: 'a' },
  ':x': { S: 'x' },
  ':t': { BOOL: true },
  ':f': { BOOL: false },
  ':b12': { B: new Uint8Array([1, 2]) },
  ':b9': { B: new Uint8Array([9]) },
  ':typeS': { S: 'S' },
  ':typeN': { S: 'N' },
  ':typeL': { S: 'L' },
  ':typeM': { S: 'M' },
  ':typeSS': { S: 'SS' },
  ':typeNULL': { S: 'NULL' },
  ':typeBOOL': { S: 'BOOL' },
  ':typeB': { S: 'B' },
  ':typeNS': { S: 'NS' },
  ':typeBS': { S: 'BS' },
  ':nine': { N: '9' },
  ':eleven': { N: '11' },
  ':three': { N: '3' },
  ':C': { S: 'C' },
  ':list': { L: [{ S: 'a' }, { N: '5' }, { M: { deep: { S: 'x' } } }] },
  ':ns': { NS: ['3', '2', '1'] },
  ':neg': { N: '-2.50' },
};
const names = { '#s': 'status', '#odd': 'odd-name', '#m': 'm', '#n': 'n' };

function check(expr: string): boolean {
  const ctx = new ExpressionContext(names, values);
  const cond = compileCondition(expr, 'ConditionExpression', ctx);
  if (!cond) throw new Error('no condition');
  return evaluate(cond, item);
}

function error(
  expr: string,
  label: 'ConditionExpression' | 'FilterExpression' = 'ConditionExpression',
  v: Item = values,
  n: Record<string, string> | undefined = names,
): string {
  try {
    compileCondition(expr, label, new ExpressionContext(n, v));
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
}

describe('condition evaluation', () => {
  it.each([
    ['n = :ten', true],
    ['n <> :ten', false],
    ['n < :big', true],
    ['n <= :ten', true],
    ['n > :five', true],
    ['n >= :big', false],
    [':ten = n', true],
    ['neg = :neg', true],
    ['neg < :zero', true],
    ['s = :hw', true],
    ['s > :hello', true],
    ['s < :world', true],
    ['b > :b12', true],
    ['b < :b9', true],
    ['t = :t', true],
    ['t <> :f', true],
    ['f = :f', true],
    ['n = :hello', false],
    ['n <> :hello', true],
    ['n < :hello', false],
    ['t < :f', false],
    ['absent = :ten', false],
    ['absent <> :ten', true],
    ['absent < :ten', false],
    ['n BETWEEN :five AND :big', true],
    ['n BETWEEN :ten AND :ten', true],
    ['n BETWEEN :eleven AND :big', false],
    ['s BETWEEN :hello AND :world', true],
    ['absent BETWEEN :one AND :two', false],
    ['n IN (:one, :ten)', true],
    ['n IN (:one, :two)', false],
    ['s IN (:hw)', true],
    ['absent IN (:one)', false],
    ['attribute_exists(n)', true],
    ['attribute_exists(absent)', false],
    ['attribute_not_exists(absent)', true],
    ['attribute_not_exists(pk)', false],
    ['attribute_exists(m.a)', true],
    ['attribute_exists(m.b.c)', true],
    ['attribute_exists(m.zz)', false],
    ['attribute_exists(l[0])', true],
    ['attribute_exists(l[3])', false],
    ['attribute_exists(l[2].deep)', true],
    ['attribute_exists(#m.#odd)', true],
    ['attribute_exists(nul)', true],
    ['attribute_type(s, :typeS)', true],
    ['attribute_type(n, :typeN)', true],
    ['attribute_type(n, :typeS)', false],
    ['attribute_type(l, :typeL)', true],
    ['attribute_type(m, :typeM)', true],
    ['attribute_type(ss, :typeSS)', true],
    ['attribute_type(ns, :typeNS)', true],
    ['attribute_type(bs, :typeBS)', true],
    ['attribute_type(b, :typeB)', true],
    ['attribute_type(nul, :typeNULL)', true],
    ['attribute_type(t, :typeBOOL)', true],
    ['attribute_type(absent, :typeS)', false],
    ['begins_with(s, :hello)', true],
    ['begins_with(s, :world)', false],
    ['begins_with(b, :b12)', true],
    ['begins_with(n, :hello)', false],
    ['begins_with(absent, :hello)', false],
    ['contains(s, :world)', true],
    ['contains(s, :blue)', false],
    ['contains(ss, :red)', true],
    ['contains(ss, :blue)', false],
    ['contains(ns, :two)', true],
    ['contains(ns, :ten)', false],
    ['contains(bs, :b9)', true],
    ['contains(l, :a)', true],
    ['contains(l, :five)', true],
    ['contains(l, :x)', false],
    ['contains(n, :one)', false],
    ['size(s) = :eleven', true],
    ['size(ss) = :two', true],
    ['size(ns) = :three', true],
    ['size(l) = :three', true],
    ['size(m) = :three', true],
    ['size(b) = :three', true],
    ['size(blank) = :zero', true],
    ['size(n) = :two', false],
    ['size(absent) = :zero', false],
    ['size(s) > :ten', true],
    ['m.b.c = :C', true],
    ['l[1] = :five', true],
    ['l[2].deep = :x', true],
    ['l = :list', true],
    ['ns = :ns', true],
    ['#s = :hello', false],
    ['#m.a = :one', true],
    ['#n = :ten', true],
    ['NOT n = :ten', false],
    ['NOT NOT n = :ten', true],
    ['n = :ten AND s = :hw', true],
    ['n = :ten AND s = :hello', false],
    ['n = :one OR s = :hw', true],
    ['n = :one OR s = :hello', false],
    ['n = :one OR n = :ten AND s = :hello', false],
    ['n = :ten OR n = :one AND s = :hello', true],
    ['(n = :ten OR n = :one) AND s = :hello', false],
    ['NOT n = :one AND s = :hw', true],
    ['NOT (n = :ten AND s = :hello)', true],
    ['n = :ten and s = :hw', true],
    ['n = :one or s = :hw', true],
    ['not n = :one', true],
    ['n between :five and :big', true],
    ['n in (:ten)', true],
    ['attribute_exists(n) AND attribute_not_exists(absent) AND contains(ss, :red)', true],
    ['((((n = :ten))))', true],
    ['n=:ten', true],
    ['  n   =   :ten  ', true],
  ])('%s → %s', (expr, expected) => {
    expect(check(expr)).toBe(expected);
  });
});

describe('condition validation messages', () => {
  it.each([
    ['status = :ten', 'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status'],
    ['m.size = :ten', 'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: size'],
    ['Name = :ten', 'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Name'],
    [
      'n = :undefined',
      'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :undefined',
    ],
    [
      '#nope = :ten',
      'Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #nope',
    ],
    ['n = ', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "="'],
    ['n = :ten AND', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "AND"'],
    ['n == :ten', 'Invalid ConditionExpression: Syntax error; token: "=", near: "== :ten"'],
    ['n = :ten)', 'Invalid ConditionExpression: Syntax error; token: ")", near: ":ten)"'],
    ['(n = :ten', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: ":ten"'],
    ['n', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "n"'],
    ['n = :ten :five', 'Invalid ConditionExpression: Syntax error; token: ":five", near: ":ten :five"'],
    ['l[a] = :ten', 'Invalid ConditionExpression: Syntax error; token: "a", near: "[a]"'],
    ['n @ :ten', 'Invalid ConditionExpression: Syntax error; token: "@", near: "n @ :ten"'],
    ['foo(n)', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: ")"'],
    ['foo(n) = :ten', 'Invalid ConditionExpression: Invalid function name; function: foo'],
    [
      'begins_with(s)',
      'Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1',
    ],
    [
      'attribute_exists(n, s)',
      'Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2',
    ],
    [
      'attribute_exists(:ten)',
      'Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists',
    ],
    [
      'attribute_not_exists(:ten)',
      'Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_not_exists',
    ],
    ['size(:hello) = :five', 'Invalid ConditionExpression: Operator or function requires a document path; operator or function: size'],
    [
      'attribute_type(n, :hello)',
      'Invalid ConditionExpression: Invalid attribute type name found; type: hello, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}',
    ],
    [
      'begins_with(s, :ten)',
      'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
    ],
    [
      'n BETWEEN :big AND :five',
      'Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:100}, upper bound operand: AttributeValue: {N:5}',
    ],
    [
      'n BETWEEN :five AND :hello',
      'Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {S:hello}',
    ],
    [
      'size(n) = list_append(l, l)',
      'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: list_append',
    ],
    [
      'if_not_exists(n, :ten) = :ten',
      'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: if_not_exists',
    ],
  ])('%s', (expr, message) => {
    expect(error(expr)).toBe(message);
  });

  it('uses the expression kind in the message prefix', () => {
    expect(error('status = :ten', 'FilterExpression')).toBe(
      'Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: status',
    );
  });

  it('rejects an empty expression', () => {
    expect(error('  ')).toBe('Invalid ConditionExpression: The expression can not be empty;');
  });

  it('rejects more than 100 IN operands', () => {
    const v: Item = {};
    const refs = Array.from({ length: 101 }, (_, i) => {
      v[`:v${i}`] = { N: String(i) };
      return `:v${i}`;
    });
    expect(error(`n IN (${refs.join(', ')})`, 'ConditionExpression', v, undefined)).toBe(
      'Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101',
    );
  });

  it('rejects an expression over 4 KB', () => {
    expect(error(`n = :ten${' '.repeat(4096)}`)).toMatch(
      /^Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4104$/,
    );
  });

  it('rejects unused names and values after all expressions are parsed', () => {
    const ctx = new ExpressionContext({ '#a': 'a', '#b': 'b' }, { ':a': { N: '1' }, ':b': { N: '2' } });
    compileCondition('#a = :a', 'ConditionExpression', ctx);
    expect(() => ctx.checkUnused()).toThrow('Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}');
  });

  it.each([
    [{}, undefined, 'ExpressionAttributeNames must not be empty'],
    [undefined, {}, 'ExpressionAttributeValues must not be empty'],
    [{ a: 'x' }, undefined, 'ExpressionAttributeNames contains invalid key: Syntax error; key: "a"'],
    [undefined, { v: { N: '1' } }, 'ExpressionAttributeValues contains invalid key: Syntax error; key: "v"'],
    [
      undefined,
      { ':v': { SS: [] } },
      'ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v',
    ],
    [
      undefined,
      { ':v': { N: 'abc' } },
      'ExpressionAttributeValues contains invalid value: A value provided cannot be converted into a number for key :v',
    ],
  ])('validates placeholder maps: %j %j', (n, v, message) => {
    expect(() => new ExpressionContext(n as Record<string, string> | undefined, v as Item | undefined)).toThrow(message);
  });
});

describe('reserved words', () => {
  it('holds the 573 words of the DynamoDB list, case-insensitively', () => {
    expect(RESERVED_WORDS.size).toBe(573);
    for (const w of ['ABORT', 'status', 'Name', 'data', 'ttl', 'zone', 'TIMESTAMP', 'count', 'size', 'year'])
      expect(isReservedWord(w)).toBe(true);
    for (const w of ['pk', 'sk', 'price', 'email', 'attribute_exists', 'gsi1pk']) expect(isReservedWord(w)).toBe(false);
  });
});

function update(expr: string, base: Item = item, v: Item = values, keyNames: string[] = ['pk']): Item {
  const ctx = new ExpressionContext(names, v);
  const u = compileUpdate(expr, ctx, keyNames);
  if (!u) throw new Error('no update');
  return applyUpdate(base, u).item;
}

function updateError(expr: string, base: Item = item, keyNames: string[] = ['pk']): string {
  try {
    update(expr, base, values, keyNames);
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
}

describe('update expressions', () => {
  it.each([
    ['SET x = :ten', { x: { N: '10' } }],
    ['SET n = n + :five', { n: { N: '15' } }],
    ['SET n = n - :big', { n: { N: '-90' } }],
    ['SET n = :five + :five', { n: { N: '10' } }],
    ['SET neg = neg + :one', { neg: { N: '-1.5' } }],
    ['SET x = if_not_exists(x, :zero)', { x: { N: '0' } }],
    ['SET n = if_not_exists(n, :zero)', { n: { N: '10' } }],
    ['SET x = if_not_exists(x, :zero) + :one', { x: { N: '1' } }],
    ['SET l = list_append(l, :list)', { l: { L: [...(item.l?.L ?? []), ...(item.l?.L ?? [])] } }],
    ['SET l[0] = :x', { l: { L: [{ S: 'x' }, { N: '5' }, { M: { deep: { S: 'x' } } }] } }],
    ['SET l[10] = :x', { l: { L: [...(item.l?.L ?? []), { S: 'x' }] } }],
    ['SET m.a = :two', { m: { M: { ...item.m?.M, a: { N: '2' } } } }],
    ['SET m.fresh = :two', { m: { M: { ...item.m?.M, fresh: { N: '2' } } } }],
    ['SET #m.#odd = :x', { m: { M: { ...item.m?.M, 'odd-name': { S: 'x' } } } }],
    ['SET m.b.c = :x', { m: { M: { ...item.m?.M, b: { M: { c: { S: 'x' } } } } } }],
    ['SET x = s', { x: { S: 'hello world' } }],
    ['SET x = m.b', { x: { M: { c: { S: 'C' } } } }],
    ['SET a = :one, b = :two', { a: { N: '1' }, b: { N: '2' } }],
    ['SET n = :one, x = n', { n: { N: '1' }, x: { N: '10' } }],
    ['REMOVE s', { s: undefined }],
    ['REMOVE s, t', { s: undefined, t: undefined }],
    ['REMOVE absent', {}],
    ['REMOVE m.a', { m: { M: { b: { M: { c: { S: 'C' } } }, 'odd-name': { S: 'y' } } } }],
    ['REMOVE l[0]', { l: { L: [{ N: '5' }, { M: { deep: { S: 'x' } } }] } }],
    ['REMOVE l[0], l[2]', { l: { L: [{ N: '5' }] } }],
    ['REMOVE l[5]', {}],
    ['ADD n :five', { n: { N: '15' } }],
    ['ADD x :five', { x: { N: '5' } }],
    ['ADD ns :ns', {}],
    ['ADD ss :blueset', { ss: { SS: ['red', 'green', 'blue'] } }],
    ['ADD newset :blueset', { newset: { SS: ['blue'] } }],
    ['DELETE ss :redset', { ss: { SS: ['green'] } }],
    ['DELETE ss :bothset', { ss: undefined }],
    ['DELETE absent :redset', {}],
    ['DELETE ns :ns', { ns: undefined }],
    ['SET x = :one REMOVE s', { x: { N: '1' }, s: undefined }],
    ['REMOVE s SET x = :one', { x: { N: '1' }, s: undefined }],
    ['SET x = :one ADD n :one DELETE ss :redset REMOVE t', { x: { N: '1' }, n: { N: '11' }, ss: { SS: ['green'] }, t: undefined }],
    ['set x = :one', { x: { N: '1' } }],
    ['add n :one', { n: { N: '11' } }],
  ])('%s', (expr, changes) => {
    const v: Item = { ...values, ':blueset': { SS: ['blue'] }, ':redset': { SS: ['red'] }, ':bothset': { SS: ['red', 'green'] } };
    const expected: Item = { ...item };
    for (const [k, val] of Object.entries(changes)) {
      if (val === undefined) delete expected[k];
      else expected[k] = val as AttributeValue;
    }
    expect(update(expr, item, v)).toEqual(expected);
  });

  it('adds decimals exactly, beyond float precision', () => {
    const out = update('SET n = n + :d', { pk: { S: 'x' }, n: { N: '0.1' } }, { ':d': { N: '0.2' } });
    expect(out.n).toEqual({ N: '0.3' });
    const big = update('ADD n :d', { pk: { S: 'x' }, n: { N: '9999999999999999999999999999999999999' } }, { ':d': { N: '1' } });
    expect(big.n).toEqual({ N: '10000000000000000000000000000000000000' });
  });

  it('overflows past 38 significant digits with DynamoDB’s message', () => {
    const base = { pk: { S: 'x' }, n: { N: '1234567890123456789012345678901234567.8' } };
    expect(() => update('ADD n :d', base, { ':d': { N: '0.01' } })).toThrow(
      'Attempting to store more than 38 significant digits in a Number',
    );
  });

  it('does not modify the original item', () => {
    const base: Item = { pk: { S: 'x' }, m: { M: { a: { N: '1' } } } };
    update('SET m.a = :two', base);
    expect(base.m).toEqual({ M: { a: { N: '1' } } });
  });

  it.each([
    ['SET n = s + :one', 'An operand in the update expression has an incorrect data type'],
    ['SET x = absent + :one', 'The provided expression refers to an attribute that does not exist in the item'],
    ['SET x = list_append(s, :list)', 'An operand in the update expression has an incorrect data type'],
    ['SET nope.a = :one', 'The document path provided in the update expression is invalid for update'],
    ['SET s.a = :one', 'The document path provided in the update expression is invalid for update'],
    ['SET s[0] = :one', 'The document path provided in the update expression is invalid for update'],
    ['ADD s :one', 'An operand in the update expression has an incorrect data type'],
    ['ADD ss :ns', 'An operand in the update expression has an incorrect data type'],
    ['DELETE ss :ns', 'An operand in the update expression has an incorrect data type'],
    [
      'ADD n :hello',
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND',
    ],
    [
      'ADD n :list',
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND',
    ],
    [
      'DELETE ss :one',
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND',
    ],
    [
      'SET x = :hello + :one',
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S',
    ],
    [
      'SET x = list_append(:one, l)',
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: N',
    ],
    [
      'SET x = if_not_exists(:one, :two)',
      'Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists',
    ],
    ['SET x = size(s)', 'Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: size'],
    ['SET pk = :one', 'One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key'],
    ['REMOVE pk', 'One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key'],
    [
      'SET a = :one, a = :two',
      'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]',
    ],
    [
      'SET a.b = :one REMOVE a',
      'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]',
    ],
    [
      'SET l[1] = :one REMOVE l[1]',
      'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [l, [1]], path two: [l, [1]]',
    ],
    ['SET a = :one SET b = :two', 'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;'],
    ['REMOVE a REMOVE b', 'Invalid UpdateExpression: The "REMOVE" section can only be used once in an update expression;'],
    ['SET', 'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "SET"'],
    ['SET a', 'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "a"'],
    ['SET a = ', 'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "="'],
    ['PUT a = :one', 'Invalid UpdateExpression: Syntax error; token: "PUT", near: "PUT a"'],
    ['ADD a', 'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "a"'],
    ['ADD a b', 'Invalid UpdateExpression: Syntax error; token: "b", near: "a b"'],
    ['SET status = :one', 'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status'],
    ['SET a = :nope', 'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :nope'],
    ['SET a = :one,', 'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ","'],
    ['SET a = :one + :two + :three', 'Invalid UpdateExpression: Syntax error; token: "+", near: ":two + :three"'],
  ])('%s → error', (expr, message) => {
    expect(updateError(expr)).toBe(message);
  });
});

describe('projection expressions', () => {
  const ctx = () => new ExpressionContext(names, undefined);
  it.each([
    ['pk', { pk: item.pk }],
    ['pk, n', { pk: item.pk, n: item.n }],
    ['absent', {}],
    ['m.a', { m: { M: { a: { N: '1' } } } }],
    ['m.b.c', { m: { M: { b: { M: { c: { S: 'C' } } } } } }],
    ['m.a, m.b.c', { m: { M: { a: { N: '1' }, b: { M: { c: { S: 'C' } } } } } }],
    ['l[1]', { l: { L: [{ N: '5' }] } }],
    ['l[2], l[0]', { l: { L: [{ S: 'a' }, { M: { deep: { S: 'x' } } }] } }],
    ['l[2].deep', { l: { L: [{ M: { deep: { S: 'x' } } }] } }],
    ['l[7]', {}],
    ['#m.#odd', { m: { M: { 'odd-name': { S: 'y' } } } }],
    ['#s', { status: item.status }],
  ])('%s', (expr, expected) => {
    const paths = compileProjection(expr, ctx());
    expect(project(item, paths ?? [])).toEqual(expected);
  });

  it.each([
    [
      'a, a',
      'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]',
    ],
    [
      'm, m.a',
      'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m], path two: [m, a]',
    ],
    ['status', 'Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: status'],
    ['a,', 'Invalid ProjectionExpression: Syntax error; token: "<EOF>", near: ","'],
    ['a b', 'Invalid ProjectionExpression: Syntax error; token: "b", near: "a b"'],
    [':v', 'Invalid ProjectionExpression: Syntax error; token: ":v", near: ":v"'],
  ])('%s → error', (expr, message) => {
    expect(() => compileProjection(expr, ctx())).toThrow(message);
  });
});
