/**
 * BatchWriteItem and BatchGetItem. Every request is validated before anything is written; the writes then
 * happen without yielding. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
 */
import type {
  BatchGetItemInput,
  BatchGetItemOutput,
  BatchWriteItemInput,
  BatchWriteItemOutput,
  ConsumedCapacity,
  KeysAndAttributes,
} from '../../../generated/dynamodb/index.js';
import { setEntry } from '../../runtime/serde-util.js';
import { consumed, readUnits, writeUnits } from './capacity.js';
import { compileProjection } from './expressions/compile.js';
import { ExpressionContext } from './expressions/context.js';
import { project } from './expressions/projection.js';
import { checkKey, checkPutItem } from './keys.js';
import { legacyProjection, rejectMixed } from './legacy.js';
import type { DynamoDBState } from './state.js';
import type { Table } from './table.js';
import { Constraints } from './validation/constraints.js';
import { validation } from './validation/errors.js';
import { attr, type Item, shareStored } from './values/attribute-value.js';

const MAX_WRITES = 25;
const MAX_GETS = 100;
/** BatchGetItem answers at most 16 MB; the rest comes back as UnprocessedKeys. */
const MAX_GET_BYTES = 16 * 1024 * 1024;

function keyId(table: Table, key: Item): string {
  return JSON.stringify(table.keyNames().map((n) => attr(key, n)));
}

/** Both batches: RequestItems present and not empty, ReturnConsumedCapacity valid; the tables' requests. */
function requestEntries<T>(input: { RequestItems?: Record<string, T>; ReturnConsumedCapacity?: string }): Array<[string, T]> {
  const c = new Constraints().notNull(input.RequestItems, 'requestItems');
  c.enumValue(input.ReturnConsumedCapacity, 'returnConsumedCapacity', ['INDEXES', 'TOTAL', 'NONE']);
  c.check();
  const entries = Object.entries(input.RequestItems ?? {});
  if (entries.length === 0) {
    throw validation(
      "1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  return entries;
}

export function batchWriteItem(state: DynamoDBState, input: BatchWriteItemInput): BatchWriteItemOutput {
  const entries = requestEntries(input);
  const total = entries.reduce((n, [, reqs]) => n + reqs.length, 0);
  if (total > MAX_WRITES) throw validation('Too many items requested for the BatchWriteItem call');
  const plans: { table: Table; put?: Item; key: Item }[] = [];
  for (const [name, requests] of entries) {
    new Constraints().tableName(name, 'requestItems.key').check();
    const table = state.table(name);
    const seen = new Set<string>();
    for (const req of requests) {
      if ((req.PutRequest === undefined) === (req.DeleteRequest === undefined)) {
        throw validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
      }
      const put = req.PutRequest ? checkPutItem(table, req.PutRequest.Item) : undefined;
      const key = put ? table.keyOf(put) : checkKey(table, req.DeleteRequest?.Key);
      const id = keyId(table, key);
      if (seen.has(id)) throw validation('Provided list of item keys contains duplicates');
      seen.add(id);
      plans.push(put ? { table, put, key } : { table, key });
    }
  }
  const units = new Map<Table, number>();
  for (const p of plans) {
    const old = p.table.get(p.key);
    const size = p.put ? p.table.put(p.put).size : (p.table.delete(p.key)?.size ?? 0);
    units.set(p.table, (units.get(p.table) ?? 0) + writeUnits(Math.max(size, old?.size ?? 0)));
  }
  const out: BatchWriteItemOutput = { UnprocessedItems: {} };
  const caps = [...units]
    .map(([t, u]) => consumed(input.ReturnConsumedCapacity, t, u, 'write'))
    .filter((x): x is ConsumedCapacity => x !== undefined);
  if (caps.length > 0) out.ConsumedCapacity = caps;
  return out;
}

export function batchGetItem(state: DynamoDBState, input: BatchGetItemInput): BatchGetItemOutput {
  const entries = requestEntries(input);
  const total = entries.reduce((n, [, r]) => n + (r.Keys?.length ?? 0), 0);
  if (total > MAX_GETS) throw validation('Too many items requested for the BatchGetItem call');
  const plans = entries.map(([name, request]) => {
    new Constraints().tableName(name, 'requestItems.key').check();
    const table = state.table(name);
    rejectMixed(request);
    const ctx = new ExpressionContext(request.ExpressionAttributeNames, undefined);
    ctx.requireExpressions(request.ProjectionExpression !== undefined, 'ProjectionExpression is null');
    const projection = compileProjection(request.ProjectionExpression, ctx) ?? legacyProjection(request.AttributesToGet);
    ctx.checkUnused();
    const seen = new Set<string>();
    const keys = (request.Keys ?? []).map((k) => {
      const key = checkKey(table, k);
      const id = keyId(table, key);
      if (seen.has(id)) throw validation('Provided list of item keys contains duplicates');
      seen.add(id);
      return key;
    });
    return { name, table, request, projection, keys };
  });
  const responses: Record<string, Item[]> = {};
  const unprocessed: Record<string, KeysAndAttributes> = {};
  const caps: ConsumedCapacity[] = [];
  let bytes = 0;
  for (const p of plans) {
    const items: Item[] = [];
    let units = 0;
    for (const key of p.keys) {
      const stored = p.table.get(key);
      if (stored && bytes + stored.size > MAX_GET_BYTES) {
        // Table names such as `constructor` are data too: own entries only.
        const rest = Object.hasOwn(unprocessed, p.name) ? (unprocessed[p.name] as KeysAndAttributes) : { ...p.request, Keys: [] };
        rest.Keys?.push(key);
        setEntry(unprocessed, p.name, rest);
        continue;
      }
      units += readUnits(stored?.size ?? 0, p.request.ConsistentRead === true);
      if (!stored) continue;
      bytes += stored.size;
      items.push(p.projection ? project(stored.item, p.projection) : shareStored(stored.item));
    }
    setEntry(responses, p.name, items);
    const cap = consumed(input.ReturnConsumedCapacity, p.table, units, 'read');
    if (cap) caps.push(cap);
  }
  const out: BatchGetItemOutput = { Responses: responses, UnprocessedKeys: unprocessed };
  if (caps.length > 0) out.ConsumedCapacity = caps;
  return out;
}
