/** PutItem, GetItem, UpdateItem, DeleteItem through the JS SDK v3 and the DocumentClient. */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  ExecuteStatementCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamodb } from '../../support/clients.js';
import { failure, makeRangeTable, makeTable } from './helpers.js';

const client = dynamodb();
const doc = DynamoDBDocumentClient.from(client);
let table: string;
let ranged: string;

beforeAll(async () => {
  table = await makeTable(client);
  ranged = await makeRangeTable(client);
});

describe('PutItem and GetItem', () => {
  it('stores an item and reads it back unchanged, numbers canonical', async () => {
    const Item = {
      pk: { S: 'put-1' },
      n: { N: '1.50' },
      big: { N: '12345678901234567890123456789012345678' },
      b: { B: new Uint8Array([0, 255]) },
      ss: { SS: ['x', 'y'] },
      m: { M: { inner: { L: [{ BOOL: true }, { NULL: true }] } } },
      e: { S: '' },
    };
    await client.send(new PutItemCommand({ TableName: table, Item }));
    const out = await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'put-1' } } }));
    expect(out.Item).toEqual({ ...Item, n: { N: '1.5' } });
  });

  it('returns no Item and no error for a missing key', async () => {
    const out = await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'nope' } } }));
    expect(out.Item).toBeUndefined();
  });

  it('projects nested paths with ProjectionExpression and #names', async () => {
    await client.send(
      new PutItemCommand({
        TableName: table,
        Item: {
          pk: { S: 'proj' },
          a: { M: { b: { S: 'x' }, c: { S: 'y' } } },
          l: { L: [{ N: '0' }, { N: '1' }, { N: '2' }] },
          status: { S: 'on' },
        },
      }),
    );
    const out = await client.send(
      new GetItemCommand({
        TableName: table,
        Key: { pk: { S: 'proj' } },
        ProjectionExpression: 'a.b, l[2], l[0], #s',
        ExpressionAttributeNames: { '#s': 'status' },
      }),
    );
    expect(out.Item).toEqual({ a: { M: { b: { S: 'x' } } }, l: { L: [{ N: '0' }, { N: '2' }] }, status: { S: 'on' } });
  });

  it('returns ALL_OLD attributes on overwrite', async () => {
    await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'old' }, v: { N: '1' } } }));
    const out = await client.send(
      new PutItemCommand({ TableName: table, Item: { pk: { S: 'old' }, v: { N: '2' } }, ReturnValues: 'ALL_OLD' }),
    );
    expect(out.Attributes).toEqual({ pk: { S: 'old' }, v: { N: '1' } });
  });

  it('fails attribute_not_exists(pk) on an existing item with ConditionalCheckFailedException and the old item when asked', async () => {
    await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'cond' }, v: { N: '1' } } }));
    const err = await failure(
      client.send(
        new PutItemCommand({
          TableName: table,
          Item: { pk: { S: 'cond' } },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    expect(err.name).toBe('ConditionalCheckFailedException');
    expect(err.message).toBe('The conditional request failed');
    expect(err.raw.Item).toEqual({ pk: { S: 'cond' }, v: { N: '1' } });
  });

  it('lets exactly one of many concurrent conditional puts on one key succeed', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        client.send(
          new PutItemCommand({
            TableName: table,
            Item: { pk: { S: 'race' }, who: { N: String(i) } },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('rejects an item missing its key', async () => {
    const err = await failure(client.send(new PutItemCommand({ TableName: table, Item: { other: { S: 'x' } } })));
    expect(err.message).toBe('One or more parameter values were invalid: Missing the key pk in the item');
  });

  it('rejects a key of the wrong type', async () => {
    const err = await failure(client.send(new PutItemCommand({ TableName: table, Item: { pk: { N: '1' } } })));
    expect(err.message).toBe('One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N');
  });

  it('rejects an empty string key', async () => {
    const err = await failure(client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: '' } } })));
    expect(err.message).toBe(
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk',
    );
  });

  it('rejects an empty string set', async () => {
    const err = await failure(client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'x' }, s: { SS: [] } } })));
    expect(err.message).toBe('One or more parameter values were invalid: An string set  may not be empty');
  });

  it('rejects numbers with more than 38 significant digits, and out of range', async () => {
    const put = (n: string) => client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'num' }, n: { N: n } } }));
    expect((await failure(put('123456789012345678901234567890123456789'))).message).toBe(
      'Attempting to store more than 38 significant digits in a Number',
    );
    expect((await failure(put('1E+126'))).message).toBe(
      'Number overflow. Attempting to store a number with magnitude larger than supported range',
    );
    expect((await failure(put('1E-131'))).message).toBe(
      'Number underflow. Attempting to store a number with magnitude smaller than supported range',
    );
  });

  it('rejects an item over 400 KB', async () => {
    const err = await failure(
      client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'big' }, v: { S: 'x'.repeat(400 * 1024) } } })),
    );
    expect(err.message).toBe('Item size has exceeded the maximum allowed size');
  });

  it('rejects a GetItem key that does not match the schema', async () => {
    const err = await failure(client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'a' }, extra: { S: 'b' } } })));
    expect(err.message).toBe('The provided key element does not match the schema');
  });

  it('answers ResourceNotFoundException for a missing table', async () => {
    const err = await failure(client.send(new GetItemCommand({ TableName: 'missing-table-x', Key: { pk: { S: 'a' } } })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe('Requested resource not found');
  });

  it('rejects a bare reserved word in an expression', async () => {
    const err = await failure(
      client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'a' } }, ProjectionExpression: 'status' })),
    );
    expect(err.message).toBe('Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: status');
  });

  it('rejects an unused expression attribute name', async () => {
    const err = await failure(
      client.send(
        new GetItemCommand({
          TableName: table,
          Key: { pk: { S: 'a' } },
          ProjectionExpression: 'a',
          ExpressionAttributeNames: { '#count': 'count' },
        }),
      ),
    );
    expect(err.message).toBe('Value provided in ExpressionAttributeNames unused in expressions: keys: {#count}');
  });

  it('rejects placeholders sent without an expression', async () => {
    const names = await failure(
      client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'x' } }, ExpressionAttributeNames: { '#a': 'a' } })),
    );
    expect(names.message).toBe('ExpressionAttributeNames can only be specified when using expressions');
    const values = await failure(
      client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'x' } }, ExpressionAttributeValues: { ':a': { S: 'a' } } })),
    );
    expect(values.message).toBe('ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null');
  });

  it('writes the index key type into GSI validation', async () => {
    const err = await failure(
      client.send(new PutItemCommand({ TableName: ranged, Item: { pk: { S: 'a' }, sk: { N: '1' }, gpk: { N: '1' } } })),
    );
    expect(err.message).toBe(
      'One or more parameter values were invalid: Type mismatch for Index Key gpk Expected: S Actual: N IndexName: gsi',
    );
  });
});

describe('UpdateItem', () => {
  it('SETs with #names and :values, creating the item, and returns ALL_NEW', async () => {
    const out = await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: 'upd-1' } },
        UpdateExpression: 'SET #attr = :val, n = :one',
        ExpressionAttributeNames: { '#attr': 'status' },
        ExpressionAttributeValues: { ':val': { S: 'ready' }, ':one': { N: '1' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(out.Attributes).toEqual({ pk: { S: 'upd-1' }, status: { S: 'ready' }, n: { N: '1' } });
  });

  it('does arithmetic, if_not_exists and list_append, returning UPDATED_NEW', async () => {
    await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'upd-2' }, n: { N: '10' }, l: { L: [{ S: 'a' }] } } }));
    const out = await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: 'upd-2' } },
        UpdateExpression: 'SET n = n + :d, m = if_not_exists(m, :z) - :d, l = list_append(l, :more)',
        ExpressionAttributeValues: { ':d': { N: '0.5' }, ':z': { N: '0' }, ':more': { L: [{ S: 'b' }] } },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    expect(out.Attributes).toEqual({ n: { N: '10.5' }, m: { N: '-0.5' }, l: { L: [{ S: 'a' }, { S: 'b' }] } });
  });

  it('REMOVEs, ADDs numbers and sets, DELETEs from sets, returning UPDATED_OLD', async () => {
    await client.send(
      new PutItemCommand({ TableName: table, Item: { pk: { S: 'upd-3' }, gone: { S: 'x' }, c: { N: '1' }, tags: { SS: ['a', 'b'] } } }),
    );
    const out = await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: 'upd-3' } },
        UpdateExpression: 'REMOVE gone ADD c :one, fresh :set DELETE tags :drop',
        ExpressionAttributeValues: { ':one': { N: '1' }, ':set': { NS: ['1'] }, ':drop': { SS: ['a'] } },
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    expect(out.Attributes).toEqual({ gone: { S: 'x' }, c: { N: '1' }, tags: { SS: ['a', 'b'] } });
    const item = await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'upd-3' } } }));
    expect(item.Item).toEqual({ pk: { S: 'upd-3' }, c: { N: '2' }, fresh: { NS: ['1'] }, tags: { SS: ['b'] } });
  });

  it('rejects an unused value with the UpdateItem prefix', async () => {
    const err = await failure(
      client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { pk: { S: 'u' } },
          UpdateExpression: 'SET a = :a',
          ExpressionAttributeValues: { ':a': { N: '1' }, ':countChange': { N: '1' } },
        }),
      ),
    );
    expect(err.message).toBe(
      '1 validation error detected: Value provided in ExpressionAttributeValues unused in expressions: keys: {:countChange}',
    );
  });

  it('rejects an undefined value and an undefined name', async () => {
    const a = await failure(
      client.send(new UpdateItemCommand({ TableName: table, Key: { pk: { S: 'u' } }, UpdateExpression: 'SET a = :v' })),
    );
    expect(a.message).toBe(
      'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :v',
    );
    const b = await failure(
      client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { pk: { S: 'u' } },
          UpdateExpression: 'SET #n = :v',
          ExpressionAttributeValues: { ':v': { N: '1' } },
        }),
      ),
    );
    expect(b.message).toBe(
      'Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #n',
    );
  });

  it('rejects updating a key attribute', async () => {
    const err = await failure(
      client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { pk: { S: 'u' } },
          UpdateExpression: 'SET pk = :v',
          ExpressionAttributeValues: { ':v': { S: 'x' } },
        }),
      ),
    );
    expect(err.message).toBe('One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key');
  });

  it('rejects overlapping paths', async () => {
    const err = await failure(
      client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { pk: { S: 'u' } },
          UpdateExpression: 'SET a = :v, a.b = :v',
          ExpressionAttributeValues: { ':v': { S: 'x' } },
        }),
      ),
    );
    expect(err.message).toBe(
      'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]',
    );
  });

  it('reports a syntax error with the token and its surroundings', async () => {
    const err = await failure(
      client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { pk: { S: 'u' } },
          UpdateExpression: 'SET a = :v,',
          ExpressionAttributeValues: { ':v': { S: 'x' } },
        }),
      ),
    );
    expect(err.message).toBe('Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ","');
  });

  it('fails arithmetic on a missing attribute', async () => {
    const err = await failure(
      client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { pk: { S: 'u-miss' } },
          UpdateExpression: 'SET a = b + :v',
          ExpressionAttributeValues: { ':v': { N: '1' } },
        }),
      ),
    );
    expect(err.message).toBe('The provided expression refers to an attribute that does not exist in the item');
  });
});

describe('DeleteItem', () => {
  it('deletes with a condition and returns ALL_OLD', async () => {
    await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'del' }, v: { N: '3' } } }));
    const fail = await failure(
      client.send(
        new DeleteItemCommand({
          TableName: table,
          Key: { pk: { S: 'del' } },
          ConditionExpression: 'v > :x',
          ExpressionAttributeValues: { ':x': { N: '5' } },
        }),
      ),
    );
    expect(fail.name).toBe('ConditionalCheckFailedException');
    const out = await client.send(
      new DeleteItemCommand({
        TableName: table,
        Key: { pk: { S: 'del' } },
        ConditionExpression: 'v < :x',
        ExpressionAttributeValues: { ':x': { N: '5' } },
        ReturnValues: 'ALL_OLD',
      }),
    );
    expect(out.Attributes).toEqual({ pk: { S: 'del' }, v: { N: '3' } });
    expect((await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'del' } } }))).Item).toBeUndefined();
  });

  it('reports consumed capacity when asked', async () => {
    const out = await client.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: 'none' } }, ReturnConsumedCapacity: 'TOTAL' }));
    expect(out.ConsumedCapacity).toEqual({ TableName: table, CapacityUnits: 1, WriteCapacityUnits: 1 });
  });
});

describe('DocumentClient', () => {
  it('round-trips native JS values', async () => {
    await doc.send(
      new PutCommand({ TableName: table, Item: { pk: 'doc', n: 42, list: [1, 'two', { three: true }], set: new Set(['a']) } }),
    );
    await doc.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: 'doc' },
        UpdateExpression: 'SET n = n + :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
    const out = await doc.send(new GetCommand({ TableName: table, Key: { pk: 'doc' } }));
    expect(out.Item).toEqual({ pk: 'doc', n: 43, list: [1, 'two', { three: true }], set: new Set(['a']) });
  });
});

describe('capacity and item collection metrics', () => {
  it('counts index writes in ConsumedCapacity INDEXES and reports item collection size for LSI tables', async () => {
    const out = await client.send(
      new PutItemCommand({
        TableName: ranged,
        Item: { pk: { S: 'cap' }, sk: { N: '1' }, gpk: { S: 'g' }, gsk: { N: '1' } },
        ReturnConsumedCapacity: 'INDEXES',
        ReturnItemCollectionMetrics: 'SIZE',
      }),
    );
    expect(out.ConsumedCapacity).toEqual({
      TableName: ranged,
      CapacityUnits: 2,
      WriteCapacityUnits: 2,
      Table: { CapacityUnits: 1, WriteCapacityUnits: 1 },
      GlobalSecondaryIndexes: { gsi: { CapacityUnits: 1, WriteCapacityUnits: 1 } },
    });
    expect(out.ItemCollectionMetrics).toEqual({ ItemCollectionKey: { pk: { S: 'cap' } }, SizeEstimateRangeGB: [0, 1] });
  });

  it('halves read units for eventually consistent reads', async () => {
    const eventual = await client.send(
      new GetItemCommand({ TableName: table, Key: { pk: { S: 'put-1' } }, ReturnConsumedCapacity: 'TOTAL' }),
    );
    const strong = await client.send(
      new GetItemCommand({ TableName: table, Key: { pk: { S: 'put-1' } }, ReturnConsumedCapacity: 'TOTAL', ConsistentRead: true }),
    );
    expect(eventual.ConsumedCapacity?.CapacityUnits).toBe(0.5);
    expect(strong.ConsumedCapacity?.CapacityUnits).toBe(1);
  });
});

describe('reads after writes', () => {
  // Answers reuse the JSON text of stored items they already wrote; every kind of write must be seen by the next read.
  it('answers each write with the new item from every read, never text kept from before', async () => {
    const key = { pk: { S: 'fresh' }, sk: { N: '1' } };
    const read = async () => {
      const got = await client.send(new GetItemCommand({ TableName: ranged, Key: key }));
      const queried = await client.send(
        new QueryCommand({ TableName: ranged, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': key.pk } }),
      );
      const scanned = await client.send(
        new ScanCommand({ TableName: ranged, FilterExpression: 'pk = :p', ExpressionAttributeValues: { ':p': key.pk } }),
      );
      const batched = await client.send(new BatchGetItemCommand({ RequestItems: { [ranged]: { Keys: [key] } } }));
      const transacted = await client.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: ranged, Key: key } }] }));
      const selected = await client.send(
        new ExecuteStatementCommand({ Statement: `SELECT * FROM "${ranged}" WHERE pk = 'fresh' AND sk = 1` }),
      );
      const all = got.Item ? [got.Item] : [];
      expect(queried.Items).toEqual(all);
      expect(scanned.Items).toEqual(all);
      expect(batched.Responses?.[ranged]).toEqual(all);
      expect(transacted.Responses?.[0]?.Item).toEqual(got.Item);
      expect(selected.Items).toEqual(all);
      return got.Item?.v;
    };
    await client.send(new PutItemCommand({ TableName: ranged, Item: { ...key, v: { S: 'put' } } }));
    expect(await read()).toEqual({ S: 'put' });
    await client.send(
      new UpdateItemCommand({
        TableName: ranged,
        Key: key,
        UpdateExpression: 'SET v = :v',
        ExpressionAttributeValues: { ':v': { S: 'updated' } },
      }),
    );
    expect(await read()).toEqual({ S: 'updated' });
    await client.send(new PutItemCommand({ TableName: ranged, Item: { ...key, v: { N: '3' } } }));
    expect(await read()).toEqual({ N: '3' });
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Update: { TableName: ranged, Key: key, UpdateExpression: 'ADD v :one', ExpressionAttributeValues: { ':one': { N: '1' } } } },
        ],
      }),
    );
    expect(await read()).toEqual({ N: '4' });
    await client.send(new BatchWriteItemCommand({ RequestItems: { [ranged]: [{ PutRequest: { Item: { ...key, v: { S: 'batch' } } } }] } }));
    expect(await read()).toEqual({ S: 'batch' });
    await client.send(new ExecuteStatementCommand({ Statement: `UPDATE "${ranged}" SET v = 'partiql' WHERE pk = 'fresh' AND sk = 1` }));
    expect(await read()).toEqual({ S: 'partiql' });
    await client.send(new DeleteItemCommand({ TableName: ranged, Key: key }));
    expect(await read()).toBeUndefined();
  });
});
