/**
 * One ordered index (the table's primary index, an LSI or a GSI) over stored items, kept in step with every
 * write. Query cost is O(log n + page): a seek to the partition (and sort-key bound), then a walk.
 */
import sortedBtree from 'sorted-btree';
import type { AttributeValue } from '../../../../generated/dynamodb/index.js';
import { attr, type Item } from '../values/attribute-value.js';
import { comparePart, compareTuples, type KeyTuple, keyPart, MAX, MIN } from './key-order.js';

export interface KeyDef {
  hash: string;
  range?: string | undefined;
}

export interface StoredItem {
  item: Item;
  size: number;
}

// sorted-btree is CommonJS with `exports.default`; under Node ESM the class sits on `.default`.
const BTree = sortedBtree.default;

export class TableIndex {
  readonly tree = new BTree<KeyTuple, StoredItem>(undefined, compareTuples, 64);

  /** `table` is the base table's key, appended to index keys so entries stay unique. */
  constructor(
    readonly key: KeyDef,
    readonly table: KeyDef | undefined,
  ) {}

  private attributes: string[] | undefined;

  /** The attributes that make up an entry's tuple: index keys, then any table keys not already included. */
  keyAttributes(): string[] {
    if (this.attributes) return this.attributes;
    const names = [this.key.hash];
    if (this.key.range) names.push(this.key.range);
    if (this.table) {
      if (!names.includes(this.table.hash)) names.push(this.table.hash);
      if (this.table.range && !names.includes(this.table.range)) names.push(this.table.range);
    }
    this.attributes = names;
    return names;
  }

  /** The tuple for an item, or undefined when the item lacks an index key (sparse index). */
  tupleFor(item: Item): KeyTuple | undefined {
    const out: KeyTuple = [];
    for (const name of this.keyAttributes()) {
      const v = attr(item, name);
      if (v === undefined || (v.S === undefined && v.N === undefined && v.B === undefined)) return undefined;
      out.push(keyPart(v));
    }
    return out;
  }

  /** Bytes of the items in this index, kept as items come and go so DescribeTable never walks the tree. */
  bytes = 0;

  put(stored: StoredItem): void {
    const t = this.tupleFor(stored.item);
    if (!t) return;
    const previous = this.tree.get(t);
    if (previous) this.bytes -= previous.size;
    this.tree.set(t, stored, true);
    this.bytes += stored.size;
  }

  /** Stores an item that has this index's key (the primary index), returning the one it replaces. */
  replace(stored: StoredItem): StoredItem | undefined {
    const t = this.tupleFor(stored.item);
    if (!t) throw new Error('an item without the table key cannot be stored');
    const previous = this.tree.get(t);
    if (previous) this.bytes -= previous.size;
    this.tree.set(t, stored, true);
    this.bytes += stored.size;
    return previous;
  }

  remove(item: Item): void {
    const t = this.tupleFor(item);
    if (!t) return;
    const previous = this.tree.get(t);
    if (previous) {
      this.bytes -= previous.size;
      this.tree.delete(t);
    }
  }

  get size(): number {
    return this.tree.size;
  }

  /** Entries of one partition between two sort-key bounds, forward or backward, starting after `after`. */
  *partition(
    hash: AttributeValue,
    low: { value: AttributeValue; inclusive: boolean } | undefined,
    high: { value: AttributeValue; inclusive: boolean } | undefined,
    forward: boolean,
    after: KeyTuple | undefined,
  ): Generator<StoredItem> {
    const width = this.keyAttributes().length;
    const h = keyPart(hash);
    const bound = (v: AttributeValue | undefined, fill: typeof MIN | typeof MAX): KeyTuple => {
      const t: KeyTuple = [h];
      if (v !== undefined) t.push(keyPart(v));
      while (t.length < width) t.push(fill);
      return t;
    };
    const start = bound(low?.value, MIN);
    const end = bound(high?.value, MAX);
    // Exclusive bounds (< and >) skip entries whose sort key equals the bound.
    const lowSkip = low && !low.inclusive ? keyPart(low.value) : undefined;
    const highSkip = high && !high.inclusive ? keyPart(high.value) : undefined;
    const excluded = (k: KeyTuple): boolean =>
      (lowSkip !== undefined && comparePart(k[1], lowSkip) === 0) || (highSkip !== undefined && comparePart(k[1], highSkip) === 0);
    if (forward) {
      const from = after && compareTuples(after, start) >= 0 ? after : start;
      for (const [k, v] of this.tree.entries(from)) {
        if (after && compareTuples(k, after) <= 0) continue;
        if (compareTuples(k, end) > 0) return;
        if (!excluded(k)) yield v;
      }
    } else {
      const from = after && compareTuples(after, end) <= 0 ? after : end;
      for (const [k, v] of this.tree.entriesReversed(from)) {
        if (after && compareTuples(k, after) >= 0) continue;
        if (compareTuples(k, start) < 0) return;
        if (!excluded(k)) yield v;
      }
    }
  }

  /** Every entry in key order, starting after `after`. */
  *all(after: KeyTuple | undefined): Generator<StoredItem> {
    for (const [k, v] of this.tree.entries(after)) {
      if (after && compareTuples(k, after) <= 0) continue;
      yield v;
    }
  }
}
