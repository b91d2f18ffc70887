/**
 * ExecuteStatement and BatchExecuteStatement over the same tables and indexes as the item operations.
 * SELECT walks one partition when the WHERE clause fixes the partition key, otherwise the whole table;
 * UPDATE and DELETE need every key attribute fixed by equality, as in DynamoDB.
 */
import {
  type AttributeValue,
  type BatchExecuteStatementInput,
  type BatchExecuteStatementOutput,
  type BatchStatementResponse,
  type CancellationReason,
  ConditionalCheckFailedException,
  DuplicateItemException,
  type ExecuteStatementInput,
  type ExecuteStatementOutput,
  type ExecuteTransactionInput,
  type ExecuteTransactionOutput,
  ResourceNotFoundException,
  TransactionCanceledException,
} from '../../../../generated/dynamodb/index.js';
import type { AwsServiceError } from '../../../runtime/errors.js';
import type { Condition } from '../expressions/ast.js';
import { evaluate } from '../expressions/evaluator.js';
import { project } from '../expressions/projection.js';
import { applyUpdate } from '../expressions/update.js';
import type { KeyTuple } from '../indexes/key-order.js';
import type { StoredItem } from '../indexes/table-index.js';
import { checkIndexKeys, checkItemSize, checkKey, checkPutItem } from '../keys.js';
import type { DynamoDBState } from '../state.js';
import type { Table } from '../table.js';
import { Constraints, entryPath } from '../validation/constraints.js';
import { validation } from '../validation/errors.js';
import { attr, cloneItem, type Item, setAttr, shareStored } from '../values/attribute-value.js';
import { parseStatement, type Statement } from './parser.js';

/** Top-level `attr = value` conjuncts of a WHERE clause. */
function equalities(where: Condition | undefined, out: Item = {}): Item {
  if (!where) return out;
  if (where.type === 'and') {
    equalities(where.left, out);
    equalities(where.right, out);
  } else if (where.type === 'compare' && where.op === '=') {
    const [p, v] = where.left.type === 'path' ? [where.left, where.right] : [where.right, where.left];
    if (p.type === 'path' && p.elements.length === 1 && p.elements[0]?.kind === 'name' && v.type === 'value')
      setAttr(out, p.elements[0].name, v.value);
  }
  return out;
}

function tableOf(state: DynamoDBState, name: string): Table {
  const table = state.tables.get(name);
  if (!table) throw new ResourceNotFoundException(`Requested resource not found`);
  return table;
}

function keyFrom(table: Table, where: Condition | undefined): Item {
  const eq = equalities(where);
  const key: Item = {};
  for (const n of table.keyNames()) {
    const v = attr(eq, n);
    if (v === undefined) throw validation('Where clause does not contain a mandatory equality on all key attributes');
    setAttr(key, n, v);
  }
  return checkKey(table, key);
}

function encodeToken(item: Item): string {
  return Buffer.from(JSON.stringify(item, (_k, v) => (v instanceof Uint8Array ? { $b: Buffer.from(v).toString('base64') } : v))).toString(
    'base64',
  );
}

function decodeToken(token: string): Item {
  try {
    return JSON.parse(Buffer.from(token, 'base64').toString('utf8'), (_k, v) =>
      v && typeof v === 'object' && typeof v.$b === 'string' ? new Uint8Array(Buffer.from(v.$b, 'base64')) : v,
    ) as Item;
  } catch {
    throw validation('Invalid NextToken');
  }
}

export function executeStatement(state: DynamoDBState, input: ExecuteStatementInput): ExecuteStatementOutput {
  new Constraints()
    .notNull(input.Statement, 'statement')
    .length(input.Statement, input.Statement, 'statement', 1, 8192)
    .range(input.Limit, 'limit', 1)
    .check();
  const st = parseStatement(input.Statement, input.Parameters ?? []);
  const table = tableOf(state, st.table);
  table.expire(Date.now());
  switch (st.type) {
    case 'select': {
      const index = st.index ? table.indexes.get(st.index) : undefined;
      if (st.index && !index) throw validation(`The table does not have the specified index: ${st.index}`);
      const tree = index ? index.index : table.primary;
      let after: KeyTuple | undefined;
      if (input.NextToken) {
        after = tree.tupleFor(decodeToken(input.NextToken));
        if (!after) throw validation('Invalid NextToken');
      }
      const hash = attr(equalities(st.where), tree.key.hash);
      const source: Iterable<StoredItem> = hash ? tree.partition(hash, undefined, undefined, true, after) : tree.all(after);
      const items: Item[] = [];
      let scanned = 0;
      let last: Item | undefined;
      let more = false;
      for (const stored of source) {
        if (input.Limit !== undefined && scanned >= input.Limit) {
          more = true;
          break;
        }
        scanned++;
        last = stored.item;
        if (st.where && !evaluate(st.where, stored.item)) continue;
        items.push(st.projection ? project(stored.item, st.projection) : shareStored(stored.item));
      }
      const out: ExecuteStatementOutput = { Items: items };
      if (more && last) {
        const key: Item = {};
        for (const n of tree.keyAttributes()) {
          const v = attr(last, n);
          if (v) setAttr(key, n, v);
        }
        out.NextToken = encodeToken(key);
        out.LastEvaluatedKey = key;
      }
      return out;
    }
    default:
      prepareWrite(table, st, input.ReturnValuesOnConditionCheckFailure)();
      return {};
  }
}

type WriteStatement = Exclude<Statement, { type: 'select' }>;

/** Checks a write statement against the current item and returns the write; throws when it cannot apply. */
function prepareWrite(table: Table, st: WriteStatement, onFailure: string | undefined): () => void {
  switch (st.type) {
    case 'insert': {
      const item = checkPutItem(table, st.item);
      if (table.get(item)) throw new DuplicateItemException('Duplicate primary key exists in table');
      return () => table.put(item);
    }
    case 'update': {
      const key = keyFrom(table, st.where);
      const existing = table.get(key);
      if (!existing || (st.where && !evaluate(st.where, existing.item))) {
        const members: { Item?: Item } = {};
        if (existing && onFailure === 'ALL_OLD') members.Item = cloneItem(existing.item);
        throw new ConditionalCheckFailedException('The conditional request failed', members);
      }
      const next = applyUpdate(existing.item, { actions: st.actions }).item;
      checkIndexKeys(table, next);
      checkItemSize(next, 'Item size to update has exceeded the maximum allowed size');
      return () => table.put(next);
    }
    case 'delete': {
      const key = keyFrom(table, st.where);
      const existing = table.get(key);
      if (!existing || (st.where && !evaluate(st.where, existing.item))) {
        throw new ConditionalCheckFailedException('The conditional request failed');
      }
      return () => table.delete(key);
    }
  }
}

/** ExecuteTransaction: all SELECTs by full key, or all writes applied together or not at all. */
export function executeTransaction(state: DynamoDBState, input: ExecuteTransactionInput): ExecuteTransactionOutput {
  const c = new Constraints()
    .notNull(input.TransactStatements, 'transactStatements')
    .length(input.TransactStatements, undefined, 'transactStatements', 1, 100);
  input.TransactStatements?.forEach((s, i) => {
    c.notNull(s.Statement, entryPath('transactStatements', i, 'statement'));
  });
  c.check();
  const parsed = input.TransactStatements.map((s) => {
    const st = parseStatement(s.Statement, s.Parameters ?? []);
    const table = tableOf(state, st.table);
    table.expire(Date.now());
    return { st, table, onFailure: s.ReturnValuesOnConditionCheckFailure };
  });
  const reads = parsed.filter((p) => p.st.type === 'select');
  if (reads.length === parsed.length) {
    return {
      Responses: parsed.map(({ st, table }) => {
        const select = st as Extract<Statement, { type: 'select' }>;
        const stored = table.get(keyFrom(table, select.where));
        if (!stored || (select.where && !evaluate(select.where, stored.item))) return {};
        return { Item: select.projection ? project(stored.item, select.projection) : shareStored(stored.item) };
      }),
    };
  }
  if (reads.length > 0) throw validation('Transaction must contain either all reads or all writes');
  const writes: (() => void)[] = [];
  const reasons: CancellationReason[] = parsed.map(({ st, table, onFailure }) => {
    try {
      writes.push(prepareWrite(table, st as WriteStatement, onFailure));
      return { Code: 'None' };
    } catch (err) {
      const e = err as AwsServiceError;
      if (e.code === 'ConditionalCheckFailedException') {
        const reason: CancellationReason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };
        if (e.members.Item) reason.Item = e.members.Item as Item;
        return reason;
      }
      if (e.code === 'DuplicateItemException') return { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' };
      if (e.code === 'ValidationException') return { Code: 'ValidationError', Message: e.message };
      throw err;
    }
  });
  if (reasons.some((r) => r.Code !== 'None')) {
    throw new TransactionCanceledException(
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      { CancellationReasons: reasons },
    );
  }
  for (const write of writes) write();
  return {};
}

const ERROR_CODES: Record<string, NonNullable<BatchStatementResponse['Error']>['Code']> = {
  ConditionalCheckFailedException: 'ConditionalCheckFailed',
  DuplicateItemException: 'DuplicateItem',
  ResourceNotFoundException: 'ResourceNotFound',
  ValidationException: 'ValidationError',
};

export function batchExecuteStatement(state: DynamoDBState, input: BatchExecuteStatementInput): BatchExecuteStatementOutput {
  const c = new Constraints().notNull(input.Statements, 'statements').length(input.Statements, undefined, 'statements', 1, 25);
  input.Statements?.forEach((s, i) => {
    c.notNull(s.Statement, entryPath('statements', i, 'statement'));
  });
  c.check();
  const responses = input.Statements.map((s): BatchStatementResponse => {
    let tableName: string | undefined;
    try {
      const st = parseStatement(s.Statement, s.Parameters ?? []);
      tableName = st.table;
      const out = executeStatement(state, { Statement: s.Statement, Parameters: s.Parameters ?? [] });
      const response: BatchStatementResponse = { TableName: st.table };
      const first = out.Items?.[0];
      if (st.type === 'select' && first) response.Item = first;
      return response;
    } catch (err) {
      const e = err as AwsServiceError;
      const code = ERROR_CODES[e.code];
      if (!code) throw err;
      const response: BatchStatementResponse = { Error: { Code: code, Message: e.message } };
      if (tableName) response.TableName = tableName;
      return response;
    }
  });
  return { Responses: responses };
}
