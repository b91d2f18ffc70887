/**
 * Query and Scan: a seek into the primary index or an LSI/GSI, then a walk that stops at Limit items
 * evaluated or 1 MB read, filtering after the limit as DynamoDB does. LastEvaluatedKey holds the table key
 * plus the index key, so paging resumes exactly after the last evaluated item.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html
 */
import type { AttributeValue, QueryInput, QueryOutput, ScanInput, ScanOutput } from '../../../generated/dynamodb/index.js';
import { consumed, readUnits } from './capacity.js';
import type { Condition, PathNode } from './expressions/ast.js';
import { compileCondition, compileProjection } from './expressions/compile.js';
import { ExpressionContext } from './expressions/context.js';
import { evaluate } from './expressions/evaluator.js';
import { project } from './expressions/projection.js';
import type { KeyTuple } from './indexes/key-order.js';
import type { StoredItem, TableIndex } from './indexes/table-index.js';
import { type KeyRange, keyRangeFromExpression, keyRangeFromLegacy } from './key-condition.js';
import { legacyFilter, legacyProjection, rejectMixed } from './legacy.js';
import type { DynamoDBState } from './state.js';
import type { SecondaryIndex, Table } from './table.js';
import { Constraints } from './validation/constraints.js';
import { invalidParameter, validation } from './validation/errors.js';
import { attr, checkValue, type Item, setAttr, shareStored, typeOf } from './values/attribute-value.js';
import { compareScalars } from './values/compare.js';

const PAGE_BYTES = 1024 * 1024;

interface ReadPlan {
  table: Table;
  index: SecondaryIndex | undefined;
  tree: TableIndex;
  filter: Condition | undefined;
  projection: PathNode[] | undefined;
  count: boolean;
  limit: number | undefined;
  after: KeyTuple | undefined;
}

type ReadInput = QueryInput | ScanInput;

function planRead(
  state: DynamoDBState,
  input: ReadInput,
  op: 'Query' | 'Scan',
  ctx: ExpressionContext,
  keyAttrs: (t: Table, i: SecondaryIndex | undefined) => string[],
): ReadPlan {
  const table = state.table(input.TableName);
  let index: SecondaryIndex | undefined;
  if (input.IndexName !== undefined) {
    index = table.indexes.get(input.IndexName);
    if (!index) throw validation(`The table does not have the specified index: ${input.IndexName}`);
    if (index.kind === 'GSI' && input.ConsistentRead) throw validation('Consistent reads are not supported on global secondary indexes');
  }
  const select = input.Select;
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && !index)
    throw validation('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  if (select === 'ALL_ATTRIBUTES' && index?.kind === 'GSI' && index.projection.ProjectionType !== 'ALL') {
    throw invalidParameter(
      `Select type ALL_ATTRIBUTES is not supported for global secondary index ${index.name} because its projection type is not ALL`,
    );
  }
  if (input.ProjectionExpression !== undefined && select !== undefined && select !== 'SPECIFIC_ATTRIBUTES') {
    throw validation(`Cannot specify the ProjectionExpression when choosing to get ${select}`);
  }
  if (select === 'SPECIFIC_ATTRIBUTES' && input.ProjectionExpression === undefined && input.AttributesToGet === undefined) {
    throw validation('Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES');
  }
  const filter =
    compileCondition(input.FilterExpression, 'FilterExpression', ctx) ??
    legacyFilter(
      op === 'Query' ? (input as QueryInput).QueryFilter : (input as ScanInput).ScanFilter,
      input.ConditionalOperator,
      op === 'Query' ? 'queryFilter' : 'scanFilter',
    );
  if (filter && op === 'Query') {
    const keys = keyAttrs(table, index);
    const used = usedAttributes(filter);
    const clash = keys.find((k) => used.has(k));
    if (clash) throw validation(`Filter Expression can only contain non-primary key attributes: Primary key attribute: ${clash}`);
  }
  const projection = compileProjection(input.ProjectionExpression, ctx) ?? legacyProjection(input.AttributesToGet);
  const tree = index ? index.index : table.primary;
  let after: KeyTuple | undefined;
  if (input.ExclusiveStartKey !== undefined) after = startTuple(table, index, tree, input.ExclusiveStartKey);
  return { table, index, tree, filter, projection, count: select === 'COUNT', limit: input.Limit, after };
}

function usedAttributes(c: Condition): Set<string> {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; elements?: { kind: string; name?: string }[] };
    if (n.type === 'path' && n.elements?.[0]?.name !== undefined) {
      out.add(n.elements[0].name);
      return;
    }
    for (const v of Object.values(node)) {
      if (Array.isArray(v)) v.forEach(visit);
      else visit(v);
    }
  };
  visit(c);
  return out;
}

function startTuple(table: Table, index: SecondaryIndex | undefined, tree: TableIndex, esk: Record<string, AttributeValue>): KeyTuple {
  const names = tree.keyAttributes();
  const checked: Item = {};
  for (const [k, v] of Object.entries(esk)) setAttr(checked, k, checkValue(v));
  if (Object.keys(checked).length !== names.length) {
    throw validation(
      index
        ? 'The provided starting key is invalid: The provided key element does not match the schema'
        : "Exclusive Start Key must have same size as table's key schema",
    );
  }
  for (const name of names) {
    const v = attr(checked, name);
    if (v === undefined || typeOf(v) !== table.attributeType(name)) {
      throw validation('The provided starting key is invalid: The provided key element does not match the schema');
    }
  }
  return tree.tupleFor(checked) as KeyTuple;
}

/** What an index holds of an item: its projection (KEYS_ONLY / INCLUDE / ALL). */
function indexView(table: Table, index: SecondaryIndex | undefined, item: Item, select: string | undefined): Item {
  if (!index || index.projection.ProjectionType === 'ALL') return item;
  // An LSI read with ALL_ATTRIBUTES fetches the rest from the table.
  if (index.kind === 'LSI' && select === 'ALL_ATTRIBUTES') return item;
  const keep = new Set([...table.keyNames(), ...index.keySchema.map((k) => k.AttributeName), ...(index.projection.NonKeyAttributes ?? [])]);
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) if (keep.has(k)) setAttr(out, k, v);
  return out;
}

function lastKey(plan: ReadPlan, item: Item): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const name of plan.tree.keyAttributes()) {
    const v = attr(item, name);
    if (v !== undefined) setAttr(out, name, v);
  }
  return out;
}

interface Page {
  Items?: Item[];
  Count: number;
  ScannedCount: number;
  LastEvaluatedKey?: Record<string, AttributeValue>;
  bytes: number;
}

function walk(
  plan: ReadPlan,
  source: Iterable<StoredItem>,
  select: string | undefined,
  keep: (s: StoredItem) => boolean = () => true,
): Page {
  const items: Item[] = [];
  let scanned = 0;
  let bytes = 0;
  let last: Item | undefined;
  let more = false;
  for (const stored of source) {
    if (!keep(stored)) continue;
    if ((plan.limit !== undefined && scanned >= plan.limit) || (bytes >= PAGE_BYTES && scanned > 0)) {
      more = true;
      break;
    }
    scanned++;
    bytes += stored.size;
    last = stored.item;
    const view = indexView(plan.table, plan.index, stored.item, select);
    if (plan.filter && !evaluate(plan.filter, view)) continue;
    if (plan.count) items.push(view);
    else if (plan.projection) items.push(project(view, plan.projection));
    else items.push(view === stored.item ? shareStored(view) : view);
  }
  const page: Page = { Count: items.length, ScannedCount: scanned, bytes };
  if (!plan.count) page.Items = items;
  // DynamoDB answers LastEvaluatedKey whenever the page stopped at Limit, even if nothing follows.
  if (last && (more || (plan.limit !== undefined && scanned >= plan.limit))) page.LastEvaluatedKey = lastKey(plan, last);
  return page;
}

function commonConstraints(input: ReadInput): void {
  const c = new Constraints().tableName(input.TableName).range(input.Limit, 'limit', 1);
  // DynamoDB's own order in the enum message.
  c.enumValue(input.Select, 'select', ['SPECIFIC_ATTRIBUTES', 'COUNT', 'ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES']);
  c.enumValue(input.ReturnConsumedCapacity, 'returnConsumedCapacity', ['INDEXES', 'TOTAL', 'NONE']);
  if (input.IndexName !== undefined) c.length(input.IndexName, input.IndexName, 'indexName', 3, 255);
  c.check();
}

function prefixEnd(prefix: AttributeValue): AttributeValue {
  if (prefix.S !== undefined) return { S: `${prefix.S}\u{10FFFF}` };
  const b = prefix.B as Uint8Array;
  const out = new Uint8Array(b.byteLength + 1024).fill(0xff);
  out.set(b);
  return { B: out };
}

export function query(state: DynamoDBState, input: QueryInput): QueryOutput {
  commonConstraints(input);
  rejectMixed(input);
  if (input.KeyConditionExpression === undefined && input.KeyConditions === undefined) {
    throw validation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  }
  const ctx = new ExpressionContext(input.ExpressionAttributeNames, input.ExpressionAttributeValues);
  const table = state.table(input.TableName);
  const index = input.IndexName ? table.indexes.get(input.IndexName) : undefined;
  const key = index ? index.index.key : table.key;
  const typeOfAttr = (n: string) => table.attributeType(n);
  const keyCondition = compileCondition(input.KeyConditionExpression, 'KeyConditionExpression', ctx);
  const plan = planRead(state, input, 'Query', ctx, () => (key.range ? [key.hash, key.range] : [key.hash]));
  ctx.checkUnused();
  const range: KeyRange = keyCondition
    ? keyRangeFromExpression(keyCondition, key, typeOfAttr)
    : keyRangeFromLegacy(input.KeyConditions ?? {}, key, typeOfAttr);
  if (input.ExclusiveStartKey) checkStartInRange(input.ExclusiveStartKey, key, range);
  const high = range.prefix ? { value: prefixEnd(range.prefix), inclusive: true } : range.high;
  const source = plan.tree.partition(range.hash, range.low, high, input.ScanIndexForward !== false, plan.after);
  const prefix = range.prefix;
  const rangeName = key.range;
  const keep = prefix && rangeName ? (s: StoredItem) => startsWith(attr(s.item, rangeName), prefix) : undefined;
  const page = walk(plan, source, input.Select, keep);
  return finish(page, plan, input);
}

/** dynalite's recorded AWS answer for a start key the key condition excludes. */
function checkStartInRange(esk: Record<string, AttributeValue>, key: { hash: string; range?: string | undefined }, range: KeyRange): void {
  const outside = () => validation('The provided starting key is outside query boundaries based on provided conditions');
  const hash = attr(esk, key.hash);
  if (!hash || compareScalars(hash, range.hash) !== 0) throw outside();
  const sort = key.range ? attr(esk, key.range) : undefined;
  if (!sort) return;
  const low = range.low ? compareScalars(sort, range.low.value) : undefined;
  if (low !== undefined && (low < 0 || (low === 0 && !range.low?.inclusive))) throw outside();
  const high = range.high ? compareScalars(sort, range.high.value) : undefined;
  if (high !== undefined && (high > 0 || (high === 0 && !range.high?.inclusive))) throw outside();
  if (range.prefix && !startsWith(sort, range.prefix)) throw outside();
}

function startsWith(v: AttributeValue | undefined, prefix: AttributeValue): boolean {
  if (v?.S !== undefined && prefix.S !== undefined) return v.S.startsWith(prefix.S);
  if (v?.B !== undefined && prefix.B !== undefined) return Buffer.from(v.B).subarray(0, prefix.B.byteLength).equals(Buffer.from(prefix.B));
  return false;
}

function segmentOf(item: Item, hashName: string, total: number): number {
  const v = attr(item, hashName);
  const text = v?.S ?? v?.N ?? (v?.B ? Buffer.from(v.B).toString('base64') : '');
  // FNV-1a over the partition key: stable, so an item always lands in the same segment.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % total;
}

export function scan(state: DynamoDBState, input: ScanInput): ScanOutput {
  commonConstraints(input);
  const c = new Constraints().range(input.TotalSegments, 'totalSegments', 1, 1000000).range(input.Segment, 'segment', 0, 999999);
  c.check();
  if (input.Segment !== undefined && input.TotalSegments === undefined) {
    throw validation('The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
  }
  if (input.TotalSegments !== undefined && input.Segment === undefined) {
    throw validation('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
  }
  if (input.Segment !== undefined && input.TotalSegments !== undefined && input.Segment >= input.TotalSegments) {
    throw validation(
      `The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${input.Segment} is not less than TotalSegments: ${input.TotalSegments}`,
    );
  }
  rejectMixed(input);
  const ctx = new ExpressionContext(input.ExpressionAttributeNames, input.ExpressionAttributeValues);
  const plan = planRead(state, input, 'Scan', ctx, () => []);
  ctx.checkUnused();
  const total = input.TotalSegments;
  const segment = input.Segment;
  const hashName = plan.table.key.hash;
  const keep = total !== undefined && total > 1 ? (s: StoredItem) => segmentOf(s.item, hashName, total) === segment : undefined;
  const page = walk(plan, plan.tree.all(plan.after), input.Select, keep);
  return finish(page, plan, input);
}

function finish(page: Page, plan: ReadPlan, input: ReadInput): QueryOutput & ScanOutput {
  const out: QueryOutput & ScanOutput = { Count: page.Count, ScannedCount: page.ScannedCount };
  if (page.Items) out.Items = page.Items;
  if (page.LastEvaluatedKey) out.LastEvaluatedKey = page.LastEvaluatedKey;
  const cap = consumed(
    input.ReturnConsumedCapacity,
    plan.table,
    readUnits(page.bytes, input.ConsistentRead === true),
    'read',
    plan.index?.name,
  );
  if (cap) out.ConsumedCapacity = cap;
  return out;
}
