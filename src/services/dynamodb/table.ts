/**
 * A table: its definition as DescribeTable shows it, the primary index and every LSI/GSI, with writes that
 * keep all of them, the item count and the size in step.
 */
import { randomUUID } from 'node:crypto';
import type {
  AttributeDefinition,
  BillingMode,
  KeySchemaElement,
  Projection,
  SSESpecification,
  StreamSpecification,
  TableClass,
  Tag,
} from '../../../generated/dynamodb/index.js';
import type { KeyTuple, NumberKey } from './indexes/key-order.js';
import { type KeyDef, type StoredItem, TableIndex } from './indexes/table-index.js';
import { attr, type Item, setAttr } from './values/attribute-value.js';
import { itemSize } from './values/size.js';

export interface Throughput {
  read: number;
  write: number;
}

export interface SecondaryIndex {
  name: string;
  kind: 'GSI' | 'LSI';
  keySchema: KeySchemaElement[];
  projection: Projection;
  throughput: Throughput | undefined;
  index: TableIndex;
  arn: string;
}

export function keyDefOf(schema: KeySchemaElement[]): KeyDef {
  const hash = schema.find((k) => k.KeyType === 'HASH')?.AttributeName ?? '';
  const range = schema.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  return { hash, range };
}

export class Table {
  readonly id = randomUUID();
  readonly createdAt = new Date();
  readonly arn: string;
  readonly key: KeyDef;
  readonly primary: TableIndex;
  readonly indexes = new Map<string, SecondaryIndex>();
  attributeDefinitions: AttributeDefinition[];
  billingMode: BillingMode;
  throughput: Throughput;
  tags: Tag[] = [];
  deletionProtection = false;
  streamSpecification: StreamSpecification | undefined;
  /** Stream label (an ISO timestamp, as AWS uses) of the current stream, set when streams are enabled. */
  streamLabel: string | undefined;
  sseSpecification: SSESpecification | undefined;
  tableClass: TableClass | undefined;
  /**
   * When the table turns ACTIVE. By default at once, so boto3's table_exists waiter (20 s between polls) never
   * sleeps; STANDIN_DYNAMODB_CREATE_DELAY_MS simulates AWS's CREATING period.
   */
  readonly activeAt = Date.now() + (Number(process.env.STANDIN_DYNAMODB_CREATE_DELAY_MS) || 0);
  ttlAttribute: string | undefined;
  /** Items by TTL attribute (epoch seconds), so expiry costs O(expired items), not a scan. */
  private ttlIndex: TableIndex | undefined;
  sizeBytes = 0;
  lastPayPerRequest: Date | undefined;

  constructor(
    readonly name: string,
    readonly keySchema: KeySchemaElement[],
    attributeDefinitions: AttributeDefinition[],
    billingMode: BillingMode,
    throughput: Throughput,
    arnPrefix: string,
  ) {
    this.arn = `${arnPrefix}:table/${name}`;
    this.key = keyDefOf(keySchema);
    this.primary = new TableIndex(this.key, undefined);
    this.attributeDefinitions = attributeDefinitions;
    this.billingMode = billingMode;
    this.throughput = throughput;
    if (billingMode === 'PAY_PER_REQUEST') this.lastPayPerRequest = this.createdAt;
  }

  addIndex(
    name: string,
    kind: 'GSI' | 'LSI',
    keySchema: KeySchemaElement[],
    projection: Projection,
    throughput?: Throughput,
  ): SecondaryIndex {
    const index = new TableIndex(keyDefOf(keySchema), this.key);
    for (const stored of this.primary.all(undefined)) index.put(stored);
    const def: SecondaryIndex = { name, kind, keySchema, projection, throughput, index, arn: `${this.arn}/index/${name}` };
    this.indexes.set(name, def);
    return def;
  }

  attributeType(name: string): string | undefined {
    return this.attributeDefinitions.find((d) => d.AttributeName === name)?.AttributeType;
  }

  /** The key attributes of the table (hash, then range). */
  keyNames(): string[] {
    return this.primary.keyAttributes();
  }

  keyOf(item: Item): Item {
    const out: Item = {};
    for (const name of this.keyNames()) {
      const v = attr(item, name);
      if (v !== undefined) setAttr(out, name, v);
    }
    return out;
  }

  get(key: Item): StoredItem | undefined {
    const t = this.primary.tupleFor(key);
    return t ? this.primary.tree.get(t) : undefined;
  }

  get itemCount(): number {
    return this.primary.size;
  }

  /** Stores an item (replacing any with the same key) and updates every index. Synchronous, so atomic. */
  put(item: Item): StoredItem {
    const stored: StoredItem = { item, size: itemSize(item) };
    // One lookup and one write in the primary tree; secondary indexes drop the old entry (their keys may change).
    const previous = this.primary.replace(stored);
    if (previous) {
      for (const idx of this.indexes.values()) idx.index.remove(previous.item);
      if (this.ttlIndex && this.expires(previous.item)) this.ttlIndex.remove(previous.item);
      this.sizeBytes -= previous.size;
    }
    for (const idx of this.indexes.values()) idx.index.put(stored);
    if (this.ttlIndex && this.expires(stored.item)) this.ttlIndex.put(stored);
    this.sizeBytes += stored.size;
    return stored;
  }

  delete(key: Item): StoredItem | undefined {
    const previous = this.get(key);
    if (previous) this.unindex(previous);
    return previous;
  }

  private unindex(stored: StoredItem): void {
    this.primary.remove(stored.item);
    for (const idx of this.indexes.values()) idx.index.remove(stored.item);
    if (this.ttlIndex && this.expires(stored.item)) this.ttlIndex.remove(stored.item);
    this.sizeBytes -= stored.size;
  }

  /** Whether the item has a number in the TTL attribute (only those are in the TTL index). */
  private expires(item: Item): boolean {
    return this.ttlAttribute !== undefined && attr(item, this.ttlAttribute)?.N !== undefined;
  }

  /** Turns TTL on (indexing every item by the attribute) or off. */
  setTtl(attribute: string | undefined): void {
    this.ttlAttribute = attribute;
    this.ttlIndex = undefined;
    if (!attribute) return;
    const index = new TableIndex({ hash: attribute }, this.key);
    this.ttlIndex = index;
    for (const stored of this.primary.all(undefined)) if (this.expires(stored.item)) index.put(stored);
  }

  /**
   * Deletes items whose TTL (epoch seconds) has passed. DynamoDB ignores TTL values more than five years in
   * the past (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html).
   */
  expire(nowMs: number): void {
    if (!this.ttlIndex) return;
    const now = nowMs / 1000;
    const floor = now - 5 * 365 * 24 * 3600;
    const expired: StoredItem[] = [];
    for (const [tuple, stored] of this.ttlIndex.tree.entries()) {
      const at = Number((tuple[0] as NumberKey).text);
      if (at >= now) break;
      if (at >= floor) expired.push(stored);
    }
    for (const stored of expired) this.delete(stored.item);
  }

  /** The index tuple of an item in the named index (or the primary index), for paging. */
  tupleIn(indexName: string | undefined, item: Item): KeyTuple | undefined {
    const idx = indexName ? this.indexes.get(indexName)?.index : this.primary;
    return idx?.tupleFor(item);
  }
}
