/** PutItem, GetItem, UpdateItem, DeleteItem: validate, then check the condition and write without yielding (atomic). */
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DeleteItemInput,
  type DeleteItemOutput,
  type GetItemInput,
  type GetItemOutput,
  type PutItemInput,
  type PutItemOutput,
  type ReturnConsumedCapacity,
  type ReturnValue,
  type ReturnValuesOnConditionCheckFailure,
  type UpdateItemInput,
  type UpdateItemOutput,
} from '../../../generated/dynamodb/index.js';
import { consumed, readUnits, writeConsumed, writeUnits } from './capacity.js';
import type { Condition, PathNode } from './expressions/ast.js';
import { compileCondition, compileProjection, compileUpdate } from './expressions/compile.js';
import { ExpressionContext } from './expressions/context.js';
import { evaluate } from './expressions/evaluator.js';
import { project } from './expressions/projection.js';
import { applyUpdate } from './expressions/update.js';
import type { StoredItem } from './indexes/table-index.js';
import { checkIndexKeys, checkItemSize, checkKey, checkPutItem } from './keys.js';
import { legacyCondition, legacyProjection, legacyUpdate, rejectMixed } from './legacy.js';
import type { DynamoDBState } from './state.js';
import type { Table } from './table.js';
import { Constraints } from './validation/constraints.js';
import { validation } from './validation/errors.js';
import { attr, cloneItem, type Item, shareStored } from './values/attribute-value.js';

/** In the order DynamoDB lists them in its enum constraint message. */
const RETURN_VALUES = ['ALL_NEW', 'UPDATED_OLD', 'ALL_OLD', 'NONE', 'UPDATED_NEW'];

function checkCommon(
  c: Constraints,
  input: { ReturnValues?: string; ReturnConsumedCapacity?: string; ReturnItemCollectionMetrics?: string },
): void {
  c.enumValue(input.ReturnValues, 'returnValues', RETURN_VALUES);
  c.enumValue(input.ReturnConsumedCapacity, 'returnConsumedCapacity', ['INDEXES', 'TOTAL', 'NONE']);
  c.enumValue(input.ReturnItemCollectionMetrics, 'returnItemCollectionMetrics', ['SIZE', 'NONE']);
}

/** Throws ConditionalCheckFailedException (with the old item when asked) unless the condition holds. */
export function enforceCondition(
  condition: Condition | undefined,
  existing: Item | undefined,
  onFailure: ReturnValuesOnConditionCheckFailure | undefined,
): void {
  if (!condition) return;
  if (evaluate(condition, existing ?? {})) return;
  const members: { Item?: Record<string, AttributeValue> } = {};
  if (onFailure === 'ALL_OLD' && existing) members.Item = cloneItem(existing);
  throw new ConditionalCheckFailedException('The conditional request failed', members);
}

export interface WritePlan {
  table: Table;
  key: Item;
  condition: Condition | undefined;
  onFailure: ReturnValuesOnConditionCheckFailure | undefined;
}

function prefixFor(op: string): string {
  // aws-wire-checklist.md §4: UpdateItem prefixes unused-placeholder errors with "1 validation error detected: ".
  return op === 'UpdateItem' ? '1 validation error detected: ' : '';
}

/** What PutItem and DeleteItem check before touching the table: common constraints, ReturnValues, the condition. */
function prepareConditionalWrite(
  state: DynamoDBState,
  input: PutItemInput | DeleteItemInput,
  required: [value: unknown, name: string],
  op: string,
): Pick<WritePlan, 'table' | 'condition'> {
  const c = new Constraints().tableName(input.TableName).notNull(required[0], required[1]);
  checkCommon(c, input);
  c.check();
  if (input.ReturnValues && input.ReturnValues !== 'NONE' && input.ReturnValues !== 'ALL_OLD') {
    throw validation('ReturnValues can only be ALL_OLD or NONE');
  }
  const table = state.table(input.TableName);
  rejectMixed(input);
  const ctx = new ExpressionContext(input.ExpressionAttributeNames, input.ExpressionAttributeValues);
  ctx.requireExpressions(input.ConditionExpression !== undefined, 'ConditionExpression is null');
  const condition = compileCondition(input.ConditionExpression, 'ConditionExpression', ctx) ?? legacyCondition(input);
  ctx.checkUnused(prefixFor(op));
  return { table, condition };
}

export function preparePut(state: DynamoDBState, input: PutItemInput, op = 'PutItem'): WritePlan & { item: Item } {
  const { table, condition } = prepareConditionalWrite(state, input, [input.Item, 'item'], op);
  const item = checkPutItem(table, input.Item);
  return { table, key: table.keyOf(item), item, condition, onFailure: input.ReturnValuesOnConditionCheckFailure };
}

export function putItem(state: DynamoDBState, input: PutItemInput): PutItemOutput {
  const plan = preparePut(state, input);
  const old = plan.table.get(plan.key);
  enforceCondition(plan.condition, old?.item, plan.onFailure);
  const stored = plan.table.put(plan.item);
  const out: PutItemOutput = {};
  if (input.ReturnValues === 'ALL_OLD' && old) out.Attributes = cloneItem(old.item);
  return withWriteCapacity(out, input, plan, stored, old);
}

export function getItem(state: DynamoDBState, input: GetItemInput): GetItemOutput {
  const c = new Constraints().tableName(input.TableName).notNull(input.Key, 'key');
  c.enumValue(input.ReturnConsumedCapacity, 'returnConsumedCapacity', ['INDEXES', 'TOTAL', 'NONE']);
  c.check();
  const table = state.table(input.TableName);
  rejectMixed(input);
  const ctx = new ExpressionContext(input.ExpressionAttributeNames, undefined);
  ctx.requireExpressions(input.ProjectionExpression !== undefined, 'ProjectionExpression is null');
  const projection = compileProjection(input.ProjectionExpression, ctx) ?? legacyProjection(input.AttributesToGet);
  ctx.checkUnused();
  const key = checkKey(table, input.Key);
  const stored = table.get(key);
  const out: GetItemOutput = {};
  if (stored) out.Item = projection ? project(stored.item, projection) : shareStored(stored.item);
  const cap = consumed(input.ReturnConsumedCapacity, table, readUnits(stored?.size ?? 0, input.ConsistentRead === true), 'read');
  if (cap) out.ConsumedCapacity = cap;
  return out;
}

export function prepareDelete(state: DynamoDBState, input: DeleteItemInput): WritePlan {
  const { table, condition } = prepareConditionalWrite(state, input, [input.Key, 'key'], 'DeleteItem');
  const key = checkKey(table, input.Key);
  return { table, key, condition, onFailure: input.ReturnValuesOnConditionCheckFailure };
}

export function deleteItem(state: DynamoDBState, input: DeleteItemInput): DeleteItemOutput {
  const plan = prepareDelete(state, input);
  const old = plan.table.get(plan.key);
  enforceCondition(plan.condition, old?.item, plan.onFailure);
  plan.table.delete(plan.key);
  const out: DeleteItemOutput = {};
  if (input.ReturnValues === 'ALL_OLD' && old) out.Attributes = cloneItem(old.item);
  const cap = writeConsumed(input.ReturnConsumedCapacity, plan.table, writeUnits(old?.size ?? 0), [old?.item]);
  metrics(out, input.ReturnItemCollectionMetrics, plan.table, plan.key);
  if (cap) out.ConsumedCapacity = cap;
  return out;
}

export interface UpdatePlan extends WritePlan {
  apply(existing: Item | undefined): { item: Item; paths: PathNode[] | undefined };
}

export function prepareUpdate(state: DynamoDBState, input: UpdateItemInput): UpdatePlan {
  const c = new Constraints().tableName(input.TableName).notNull(input.Key, 'key');
  checkCommon(c, input);
  c.check();
  const table = state.table(input.TableName);
  rejectMixed(input);
  const ctx = new ExpressionContext(input.ExpressionAttributeNames, input.ExpressionAttributeValues);
  ctx.requireExpressions(
    input.UpdateExpression !== undefined || input.ConditionExpression !== undefined,
    'UpdateExpression and ConditionExpression are null',
  );
  const update = compileUpdate(input.UpdateExpression, ctx, table.keyNames());
  const condition = compileCondition(input.ConditionExpression, 'ConditionExpression', ctx) ?? legacyCondition(input);
  ctx.checkUnused(prefixFor('UpdateItem'));
  const key = checkKey(table, input.Key);
  const legacy = update ? undefined : legacyUpdate(input.AttributeUpdates, table.keyNames());
  return {
    table,
    key,
    condition,
    onFailure: input.ReturnValuesOnConditionCheckFailure,
    apply(existing) {
      const base = existing ? existing : cloneItem(key);
      const result = update ? applyUpdate(base, update) : legacy ? legacy(base) : { item: cloneItem(base), paths: [] };
      checkIndexKeys(table, result.item);
      checkItemSize(result.item, 'Item size to update has exceeded the maximum allowed size');
      return result;
    },
  };
}

function returnedAttributes(
  mode: ReturnValue | undefined,
  old: Item | undefined,
  next: Item,
  paths: PathNode[] | undefined,
): Item | undefined {
  switch (mode) {
    case 'ALL_OLD':
      return old ? cloneItem(old) : undefined;
    case 'ALL_NEW':
      return cloneItem(next);
    case 'UPDATED_OLD':
      return old && paths ? project(old, paths) : undefined;
    case 'UPDATED_NEW':
      return paths ? project(next, paths) : undefined;
    default:
      return undefined;
  }
}

export function updateItem(state: DynamoDBState, input: UpdateItemInput): UpdateItemOutput {
  const plan = prepareUpdate(state, input);
  const old = plan.table.get(plan.key);
  enforceCondition(plan.condition, old?.item, plan.onFailure);
  const { item, paths } = plan.apply(old?.item);
  const stored = plan.table.put(item);
  const out: UpdateItemOutput = {};
  const attrs = returnedAttributes(input.ReturnValues, old?.item, item, paths);
  if (attrs && Object.keys(attrs).length > 0) out.Attributes = attrs;
  return withWriteCapacity(out, input, plan, stored, old);
}

type WriteOutput = PutItemOutput | UpdateItemOutput;

/** PutItem and UpdateItem: ConsumedCapacity (the larger of the old and new item) and ItemCollectionMetrics. */
function withWriteCapacity<T extends WriteOutput>(
  out: T,
  input: { ReturnConsumedCapacity?: ReturnConsumedCapacity; ReturnItemCollectionMetrics?: string },
  plan: WritePlan,
  stored: StoredItem,
  old: StoredItem | undefined,
): T {
  const units = writeUnits(Math.max(stored.size, old?.size ?? 0));
  const cap = writeConsumed(input.ReturnConsumedCapacity, plan.table, units, [old?.item, stored.item]);
  if (cap) out.ConsumedCapacity = cap;
  metrics(out, input.ReturnItemCollectionMetrics, plan.table, plan.key);
  return out;
}

/**
 * ItemCollectionMetrics: only for tables with an LSI and ReturnItemCollectionMetrics=SIZE; the size estimate
 * is a range in GB (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ItemCollectionMetrics.html).
 */
function metrics(
  out: { ItemCollectionMetrics?: { ItemCollectionKey?: Item; SizeEstimateRangeGB?: number[] } },
  mode: string | undefined,
  table: Table,
  key: Item,
): void {
  if (mode !== 'SIZE' || ![...table.indexes.values()].some((i) => i.kind === 'LSI')) return;
  const hash = attr(key, table.key.hash);
  if (!hash) return;
  let bytes = 0;
  for (const stored of table.primary.partition(hash, undefined, undefined, true, undefined)) bytes += stored.size;
  const gb = bytes / 1024 ** 3;
  out.ItemCollectionMetrics = { ItemCollectionKey: { [table.key.hash]: hash }, SizeEstimateRangeGB: [Math.floor(gb), Math.floor(gb) + 1] };
}
