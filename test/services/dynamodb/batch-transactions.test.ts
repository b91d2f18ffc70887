/** BatchWriteItem, BatchGetItem, TransactWriteItems and TransactGetItems through the JS SDK v3. */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  GetItemCommand,
  PutItemCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamodb } from '../../support/clients.js';
import { failure, makeTable } from './helpers.js';

const client = dynamodb();
let table: string;

beforeAll(async () => {
  table = await makeTable(client);
});

const put = (pk: string, extra = {}) => ({ PutRequest: { Item: { pk: { S: pk }, ...extra } } });

describe('BatchWriteItem and BatchGetItem', () => {
  it('writes and deletes in one batch, then reads the items back in one batch', async () => {
    await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'bw-del' } } }));
    const out = await client.send(
      new BatchWriteItemCommand({
        RequestItems: { [table]: [put('bw-1', { v: { N: '1' } }), put('bw-2'), { DeleteRequest: { Key: { pk: { S: 'bw-del' } } } }] },
      }),
    );
    expect(out.UnprocessedItems).toEqual({});
    const got = await client.send(
      new BatchGetItemCommand({
        RequestItems: {
          [table]: { Keys: [{ pk: { S: 'bw-1' } }, { pk: { S: 'bw-2' } }, { pk: { S: 'bw-del' } }], ProjectionExpression: 'pk, v' },
        },
      }),
    );
    const items = got.Responses?.[table] ?? [];
    expect(items.map((i) => i.pk?.S).sort()).toEqual(['bw-1', 'bw-2']);
    expect(got.UnprocessedKeys).toEqual({});
  });

  it('rejects more than 25 write requests', async () => {
    const err = await failure(
      client.send(new BatchWriteItemCommand({ RequestItems: { [table]: Array.from({ length: 26 }, (_, i) => put(`x${i}`)) } })),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe('Too many items requested for the BatchWriteItem call');
  });

  it('rejects duplicate keys in one batch', async () => {
    const err = await failure(client.send(new BatchWriteItemCommand({ RequestItems: { [table]: [put('dup'), put('dup')] } })));
    expect(err.message).toBe('Provided list of item keys contains duplicates');
  });

  it('writes nothing when one request of the batch is invalid', async () => {
    await failure(
      client.send(
        new BatchWriteItemCommand({ RequestItems: { [table]: [put('bw-ok'), { PutRequest: { Item: { nokey: { S: 'x' } } } }] } }),
      ),
    );
    const got = await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'bw-ok' } } }));
    expect(got.Item).toBeUndefined();
  });

  it('rejects more than 100 keys in BatchGetItem', async () => {
    const Keys = Array.from({ length: 101 }, (_, i) => ({ pk: { S: `k${i}` } }));
    const err = await failure(client.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys } } })));
    expect(err.message).toBe('Too many items requested for the BatchGetItem call');
  });

  it('returns the keys beyond 16 MB as UnprocessedKeys', async () => {
    const big = 'x'.repeat(390 * 1024);
    const keys = Array.from({ length: 45 }, (_, i) => `big-${i}`);
    for (let i = 0; i < keys.length; i += 25) {
      await client.send(
        new BatchWriteItemCommand({ RequestItems: { [table]: keys.slice(i, i + 25).map((k) => put(k, { v: { S: big } })) } }),
      );
    }
    const got = await client.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys.map((k) => ({ pk: { S: k } })) } } }));
    const returned = got.Responses?.[table]?.length ?? 0;
    const left = got.UnprocessedKeys?.[table]?.Keys?.length ?? 0;
    expect(returned).toBeGreaterThan(0);
    expect(left).toBeGreaterThan(0);
    expect(returned + left).toBe(45);
  });
});

describe('TransactWriteItems and TransactGetItems', () => {
  it('applies Put, Update, Delete and ConditionCheck together', async () => {
    await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'tx-upd' }, n: { N: '1' } } }));
    await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'tx-del' } } }));
    await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'tx-chk' }, ok: { BOOL: true } } }));
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk: { S: 'tx-put' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Update: {
              TableName: table,
              Key: { pk: { S: 'tx-upd' } },
              UpdateExpression: 'ADD n :one',
              ExpressionAttributeValues: { ':one': { N: '1' } },
            },
          },
          { Delete: { TableName: table, Key: { pk: { S: 'tx-del' } } } },
          {
            ConditionCheck: {
              TableName: table,
              Key: { pk: { S: 'tx-chk' } },
              ConditionExpression: 'ok = :t',
              ExpressionAttributeValues: { ':t': { BOOL: true } },
            },
          },
        ],
      }),
    );
    const got = await client.send(
      new TransactGetItemsCommand({
        TransactItems: [
          { Get: { TableName: table, Key: { pk: { S: 'tx-put' } } } },
          { Get: { TableName: table, Key: { pk: { S: 'tx-upd' } } } },
          { Get: { TableName: table, Key: { pk: { S: 'tx-del' } } } },
        ],
      }),
    );
    expect(got.Responses?.map((r) => r.Item)).toEqual([{ pk: { S: 'tx-put' } }, { pk: { S: 'tx-upd' }, n: { N: '2' } }, undefined]);
  });

  it('names a TransactGetItems entry without Get, or with a bad table name or no key, by its full path', async () => {
    const err = await failure(
      client.send(
        new TransactGetItemsCommand({
          TransactItems: [
            { Get: { TableName: table, Key: { pk: { S: 'x' } } } },
            {} as { Get: { TableName: string; Key: Record<string, never> } },
            { Get: { TableName: 'ab', Key: undefined as unknown as Record<string, never> } },
          ],
        }),
      ),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(
      "3 validation errors detected: Value null at 'transactItems.2.member.get' failed to satisfy constraint: Member must not be null; " +
        "Value 'ab' at 'transactItems.3.member.get.tableName' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
        "Value null at 'transactItems.3.member.get.key' failed to satisfy constraint: Member must not be null",
    );
  });

  it('cancels everything when one condition fails, with CancellationReasons', async () => {
    await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'tx-exists' }, v: { N: '1' } } }));
    const err = await failure(
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: { pk: { S: 'tx-exists' } },
                ConditionExpression: 'attribute_not_exists(pk)',
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            { Put: { TableName: table, Item: { pk: { S: 'tx-never' } } } },
          ],
        }),
      ),
    );
    expect(err.name).toBe('TransactionCanceledException');
    expect(err.message).toBe(
      'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]',
    );
    expect(err.raw.CancellationReasons).toEqual([
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { pk: { S: 'tx-exists' }, v: { N: '1' } } },
      { Code: 'None' },
    ]);
    expect((await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'tx-never' } } }))).Item).toBeUndefined();
  });

  it('rejects two operations on one item', async () => {
    const err = await failure(
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: table, Item: { pk: { S: 'same' } } } },
            { Delete: { TableName: table, Key: { pk: { S: 'same' } } } },
          ],
        }),
      ),
    );
    expect(err.message).toBe('Transaction request cannot include multiple operations on one item');
  });

  it('treats a repeated ClientRequestToken as the same transaction, and a changed request as a mismatch', async () => {
    const token = `tok-${Date.now()}`;
    const tx = (n: string) =>
      new TransactWriteItemsCommand({
        ClientRequestToken: token,
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: { pk: { S: 'tx-idem' } },
              UpdateExpression: 'ADD n :n',
              ExpressionAttributeValues: { ':n': { N: n } },
            },
          },
        ],
      });
    await client.send(tx('1'));
    await client.send(tx('1'));
    const item = await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'tx-idem' } } }));
    expect(item.Item?.n).toEqual({ N: '1' });
    const err = await failure(client.send(tx('2')));
    expect(err.name).toBe('IdempotentParameterMismatchException');
  });
});
