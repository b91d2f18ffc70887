/**
 * TransactWriteItems and TransactGetItems: validate everything, check every condition, then apply every
 * write — all without yielding, so the transaction is all-or-nothing and isolated from other requests.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 */
import { createHash } from 'node:crypto';
import {
  type CancellationReason,
  ConditionalCheckFailedException,
  type ConsumedCapacity,
  IdempotentParameterMismatchException,
  type TransactGetItemsInput,
  type TransactGetItemsOutput,
  TransactionCanceledException,
  type TransactWriteItemsInput,
  type TransactWriteItemsOutput,
  ValidationException,
} from '../../../generated/dynamodb/index.js';
import { consumed, readUnits, writeUnits } from './capacity.js';
import { compileCondition, compileProjection } from './expressions/compile.js';
import { ExpressionContext } from './expressions/context.js';
import { project } from './expressions/projection.js';
import { enforceCondition, prepareDelete, preparePut, prepareUpdate, type WritePlan } from './items.js';
import { checkKey } from './keys.js';
import type { DynamoDBState } from './state.js';
import type { Table } from './table.js';
import { Constraints, entryPath } from './validation/constraints.js';
import { validation } from './validation/errors.js';
import { attr, type Item, shareStored } from './values/attribute-value.js';

/** Idempotency tokens are remembered for 10 minutes (API_TransactWriteItems.html, ClientRequestToken). */
const TOKEN_TTL_MS = 10 * 60 * 1000;

interface Step extends WritePlan {
  /** Computes the outcome against the current item (may throw ValidationException) and returns the write. */
  prepare(existing: Item | undefined): () => void;
}

const tokens = new WeakMap<DynamoDBState, Map<string, { hash: string; at: number; output: TransactWriteItemsOutput }>>();

function requestHash(input: TransactWriteItemsInput): string {
  return createHash('sha256')
    .update(JSON.stringify(input.TransactItems, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v)))
    .digest('hex');
}

function planStep(state: DynamoDBState, item: TransactWriteItemsInput['TransactItems'][number]): Step {
  const set = [item.Put, item.Update, item.Delete, item.ConditionCheck].filter((x) => x !== undefined);
  if (set.length !== 1) throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
  if (item.Put) {
    const plan = preparePut(state, item.Put, 'TransactWriteItems');
    return { ...plan, prepare: () => () => plan.table.put(plan.item) };
  }
  if (item.Update) {
    const plan = prepareUpdate(state, item.Update);
    return {
      ...plan,
      prepare: (existing) => {
        const next = plan.apply(existing).item;
        return () => plan.table.put(next);
      },
    };
  }
  if (item.Delete) {
    const plan = prepareDelete(state, item.Delete);
    return { ...plan, prepare: () => () => plan.table.delete(plan.key) };
  }
  const check = item.ConditionCheck as NonNullable<typeof item.ConditionCheck>;
  new Constraints().tableName(check.TableName).check();
  const table = state.table(check.TableName);
  const ctx = new ExpressionContext(check.ExpressionAttributeNames, check.ExpressionAttributeValues);
  const condition = compileCondition(check.ConditionExpression, 'ConditionExpression', ctx);
  ctx.checkUnused();
  const key = checkKey(table, check.Key);
  return { table, key, condition, onFailure: check.ReturnValuesOnConditionCheckFailure, prepare: () => () => undefined };
}

export function transactWriteItems(state: DynamoDBState, input: TransactWriteItemsInput): TransactWriteItemsOutput {
  const c = new Constraints().notNull(input.TransactItems, 'transactItems').length(input.TransactItems, undefined, 'transactItems', 1, 100);
  c.length(input.ClientRequestToken, input.ClientRequestToken, 'clientRequestToken', 1, 36);
  c.check();
  const now = Date.now();
  let seen = tokens.get(state);
  if (!seen) {
    seen = new Map();
    tokens.set(state, seen);
  }
  const hash = input.ClientRequestToken ? requestHash(input) : '';
  if (input.ClientRequestToken) {
    const prior = seen.get(input.ClientRequestToken);
    if (prior && now - prior.at < TOKEN_TTL_MS) {
      if (prior.hash !== hash)
        throw new IdempotentParameterMismatchException(
          'Transaction with the same client request token was already performed with different parameters',
        );
      return prior.output;
    }
  }
  const steps = input.TransactItems.map((item) => planStep(state, item));
  const ids = new Set<string>();
  for (const s of steps) {
    const id = `${s.table.name}\u0000${JSON.stringify(s.table.keyNames().map((n) => attr(s.key, n)))}`;
    if (ids.has(id)) throw validation('Transaction request cannot include multiple operations on one item');
    ids.add(id);
  }
  // Check every condition and compute every outcome first; nothing is written unless all succeed.
  const writes: (() => void)[] = [];
  const sizes: number[] = [];
  const reasons: CancellationReason[] = steps.map((s) => {
    const existing = s.table.get(s.key);
    sizes.push(existing?.size ?? 0);
    try {
      enforceCondition(s.condition, existing?.item, s.onFailure);
      writes.push(s.prepare(existing?.item));
      return { Code: 'None' };
    } catch (err) {
      if (err instanceof ValidationException) return { Code: 'ValidationError', Message: err.message };
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const reason: CancellationReason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };
      const old = err.members.Item as Item | undefined;
      if (old) reason.Item = old;
      return reason;
    }
  });
  if (reasons.some((r) => r.Code !== 'None')) {
    throw new TransactionCanceledException(
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      { CancellationReasons: reasons },
    );
  }
  const units = new Map<Table, number>();
  steps.forEach((s, i) => {
    writes[i]?.();
    const after = s.table.get(s.key);
    units.set(s.table, (units.get(s.table) ?? 0) + writeUnits(Math.max(sizes[i] ?? 0, after?.size ?? 0), true));
  });
  const out: TransactWriteItemsOutput = {};
  const caps = [...units]
    .map(([t, u]) => consumed(input.ReturnConsumedCapacity, t, u, 'write'))
    .filter((x): x is ConsumedCapacity => x !== undefined);
  if (caps.length > 0) out.ConsumedCapacity = caps;
  if (input.ClientRequestToken) seen.set(input.ClientRequestToken, { hash, at: now, output: out });
  return out;
}

export function transactGetItems(state: DynamoDBState, input: TransactGetItemsInput): TransactGetItemsOutput {
  const c = new Constraints().notNull(input.TransactItems, 'transactItems').length(input.TransactItems, undefined, 'transactItems', 1, 100);
  input.TransactItems?.forEach((t, i) => {
    const at = entryPath('transactItems', i, 'get');
    if (t.Get === undefined) c.notNull(t.Get, at);
    else c.tableName(t.Get.TableName, `${at}.tableName`).notNull(t.Get.Key, `${at}.key`);
  });
  c.check();
  const plans = input.TransactItems.map((t) => {
    const get = t.Get;
    const table = state.table(get.TableName);
    const ctx = new ExpressionContext(get.ExpressionAttributeNames, undefined);
    const projection = compileProjection(get.ProjectionExpression, ctx);
    ctx.checkUnused();
    return { table, key: checkKey(table, get.Key), projection };
  });
  const units = new Map<Table, number>();
  const responses = plans.map((p) => {
    const stored = p.table.get(p.key);
    units.set(p.table, (units.get(p.table) ?? 0) + readUnits(stored?.size ?? 0, true, true));
    if (!stored) return {};
    return { Item: p.projection ? project(stored.item, p.projection) : shareStored(stored.item) };
  });
  const out: TransactGetItemsOutput = { Responses: responses };
  const caps = [...units]
    .map(([t, u]) => consumed(input.ReturnConsumedCapacity, t, u, 'read'))
    .filter((x): x is ConsumedCapacity => x !== undefined);
  if (caps.length > 0) out.ConsumedCapacity = caps;
  return out;
}
