/** Key and item checks against a table's schema, with DynamoDB's messages (aws-wire-checklist.md §4). */
import type { AttributeValue } from '../../../generated/dynamodb/index.js';
import type { Table } from './table.js';
import { invalidParameter, validation } from './validation/errors.js';
import { attr, checkItem, checkValue, type Item, setAttr, typeOf } from './values/attribute-value.js';
import { MAX_ITEM_SIZE, valueSize as sizeOfValue } from './values/size.js';

const NO_MATCH = 'The provided key element does not match the schema';
const MAX_HASH_KEY = 2048;
const MAX_RANGE_KEY = 1024;

function keyBytes(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S, 'utf8');
  if (v.B !== undefined) return v.B.byteLength;
  return 0;
}

function emptyKey(v: AttributeValue): boolean {
  return (v.S !== undefined && v.S.length === 0) || (v.B !== undefined && v.B.byteLength === 0);
}

function checkKeySizes(table: Table, item: Item): void {
  const hash = attr(item, table.key.hash);
  if (hash && keyBytes(hash) > MAX_HASH_KEY) {
    throw invalidParameter('Size of hashkey has exceeded the maximum size limit of2048 bytes');
  }
  const range = table.key.range ? attr(item, table.key.range) : undefined;
  if (range && keyBytes(range) > MAX_RANGE_KEY) {
    throw invalidParameter('Aggregated size of all range keys has exceeded the size limit of 1024 bytes');
  }
}

/** A Key parameter (GetItem, UpdateItem, DeleteItem, batches): exactly the key attributes, right types. */
export function checkKey(table: Table, key: Item | undefined): Item {
  if (key === undefined) throw validation(NO_MATCH);
  const names = table.keyNames();
  const checked: Item = {};
  for (const [name, value] of Object.entries(key)) setAttr(checked, name, checkValue(value));
  if (Object.keys(checked).length !== names.length) throw validation(NO_MATCH);
  for (const name of names) {
    const v = attr(checked, name);
    if (v === undefined || typeOf(v) !== table.attributeType(name)) throw validation(NO_MATCH);
    if (emptyKey(v)) {
      throw validation(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${name}`,
      );
    }
  }
  checkKeySizes(table, checked);
  return checked;
}

/** Index key attributes present in an item must have the type the index declares and must not be empty. */
export function checkIndexKeys(table: Table, item: Item): void {
  for (const idx of table.indexes.values()) {
    for (const k of idx.keySchema) {
      const v = attr(item, k.AttributeName);
      if (v === undefined) continue;
      const expected = table.attributeType(k.AttributeName);
      const actual = typeOf(v);
      if (actual !== expected) {
        throw invalidParameter(
          `Type mismatch for Index Key ${k.AttributeName} Expected: ${expected} Actual: ${actual} IndexName: ${idx.name}`,
        );
      }
      if (emptyKey(v)) {
        throw validation(
          `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: ${idx.name}, IndexKey: ${k.AttributeName}`,
        );
      }
    }
  }
}

/** A whole item for PutItem: valid values, the table key present with the right types, under 400 KB. */
export function checkPutItem(table: Table, item: Item | undefined): Item {
  const checked = checkItem(item ?? {});
  for (const name of table.keyNames()) {
    const v = attr(checked, name);
    if (v === undefined) throw invalidParameter(`Missing the key ${name} in the item`);
    const expected = table.attributeType(name);
    if (typeOf(v) !== expected) throw invalidParameter(`Type mismatch for key ${name} expected: ${expected} actual: ${typeOf(v)}`);
    if (emptyKey(v)) {
      throw validation(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${name}`,
      );
    }
  }
  checkKeySizes(table, checked);
  checkIndexKeys(table, checked);
  checkItemSize(checked, 'Item size has exceeded the maximum allowed size');
  return checked;
}

export function checkItemSize(item: Item, message: string): void {
  let n = 0;
  for (const [k, v] of Object.entries(item)) {
    n += Buffer.byteLength(k, 'utf8');
    n += sizeOfValue(v);
    if (n > MAX_ITEM_SIZE) throw validation(message);
  }
}
