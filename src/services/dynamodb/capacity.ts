/**
 * ConsumedCapacity as DynamoDB rounds it: reads in 4 KB units (half for eventually consistent reads), writes
 * in 1 KB units, transactions double. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
 */
import type { ConsumedCapacity, ReturnConsumedCapacity } from '../../../generated/dynamodb/index.js';
import type { Table } from './table.js';
import { attr, type Item } from './values/attribute-value.js';

export function readUnits(bytes: number, consistent: boolean, transactional = false): number {
  const units = Math.max(1, Math.ceil(bytes / 4096));
  if (transactional) return units * 2;
  return consistent ? units : units / 2;
}

export function writeUnits(bytes: number, transactional = false): number {
  const units = Math.max(1, Math.ceil(bytes / 1024));
  return transactional ? units * 2 : units;
}

/** The ConsumedCapacity member for a response, or undefined when the caller did not ask. */
export function consumed(
  mode: ReturnConsumedCapacity | undefined,
  table: Table,
  units: number,
  kind: 'read' | 'write',
  indexName?: string,
): ConsumedCapacity | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  const out: ConsumedCapacity = { TableName: table.name, CapacityUnits: units };
  if (kind === 'read') out.ReadCapacityUnits = units;
  else out.WriteCapacityUnits = units;
  if (mode === 'INDEXES') {
    const cap = kind === 'read' ? { CapacityUnits: units, ReadCapacityUnits: units } : { CapacityUnits: units, WriteCapacityUnits: units };
    const idx = indexName ? table.indexes.get(indexName) : undefined;
    if (idx?.kind === 'GSI') out.GlobalSecondaryIndexes = { [idx.name]: cap };
    else if (idx?.kind === 'LSI') out.LocalSecondaryIndexes = { [idx.name]: cap };
    else out.Table = cap;
  }
  return out;
}

/**
 * Write capacity including the GSIs and LSIs the write touches (an index is written when the old or the new
 * item carries its key). TOTAL counts table and index units together, as DynamoDB does.
 */
export function writeConsumed(
  mode: ReturnConsumedCapacity | undefined,
  table: Table,
  units: number,
  items: (Item | undefined)[],
): ConsumedCapacity | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  const touched = [...table.indexes.values()].filter((idx) =>
    items.some((item) => item && idx.keySchema.every((k) => attr(item, k.AttributeName) !== undefined)),
  );
  const total = units * (1 + touched.length);
  const out: ConsumedCapacity = { TableName: table.name, CapacityUnits: total, WriteCapacityUnits: total };
  if (mode === 'INDEXES') {
    const cap = { CapacityUnits: units, WriteCapacityUnits: units };
    out.Table = cap;
    const gsis = touched.filter((i) => i.kind === 'GSI');
    const lsis = touched.filter((i) => i.kind === 'LSI');
    if (gsis.length > 0) out.GlobalSecondaryIndexes = Object.fromEntries(gsis.map((i) => [i.name, cap]));
    if (lsis.length > 0) out.LocalSecondaryIndexes = Object.fromEntries(lsis.map((i) => [i.name, cap]));
  }
  return out;
}
