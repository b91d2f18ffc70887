/** The lib-dynamodb DocumentClient over every item, batch, transaction and read operation. */
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  ExecuteStatementCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamodb } from '../../support/clients.js';
import { failure, makeRangeTable } from './helpers.js';

const doc = DynamoDBDocumentClient.from(dynamodb(), { marshallOptions: { removeUndefinedValues: true } });
let TableName: string;

beforeAll(async () => {
  TableName = await makeRangeTable(dynamodb());
  await doc.send(
    new BatchWriteCommand({
      RequestItems: {
        [TableName]: Array.from({ length: 10 }, (_, i) => ({
          PutRequest: { Item: { pk: 'd', sk: i, gpk: 'G', gsk: 100 - i, tags: new Set(['a']) } },
        })),
      },
    }),
  );
});

describe('DocumentClient', () => {
  it('queries with native values, in order and by GSI', async () => {
    const out = await doc.send(
      new QueryCommand({ TableName, KeyConditionExpression: 'pk = :p AND sk >= :s', ExpressionAttributeValues: { ':p': 'd', ':s': 7 } }),
    );
    expect(out.Items?.map((i) => i.sk)).toEqual([7, 8, 9]);
    const gsi = await doc.send(
      new QueryCommand({
        TableName,
        IndexName: 'gsi',
        KeyConditionExpression: 'gpk = :g',
        ExpressionAttributeValues: { ':g': 'G' },
        Limit: 2,
      }),
    );
    expect(gsi.Items?.map((i) => i.gsk)).toEqual([91, 92]);
    expect(gsi.LastEvaluatedKey).toEqual({ gpk: 'G', gsk: 92, pk: 'd', sk: 8 });
  });

  it('scans with a filter on a set', async () => {
    const out = await doc.send(
      new ScanCommand({ TableName, FilterExpression: 'contains(tags, :t) AND sk < :n', ExpressionAttributeValues: { ':t': 'a', ':n': 2 } }),
    );
    expect(out.Count).toBe(2);
  });

  it('batch-gets, transacts, updates and deletes', async () => {
    const got = await doc.send(
      new BatchGetCommand({
        RequestItems: {
          [TableName]: {
            Keys: [
              { pk: 'd', sk: 1 },
              { pk: 'd', sk: 2 },
            ],
          },
        },
      }),
    );
    expect(got.Responses?.[TableName]).toHaveLength(2);
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: { TableName, Key: { pk: 'd', sk: 1 }, UpdateExpression: 'SET flag = :t', ExpressionAttributeValues: { ':t': true } } },
          { Delete: { TableName, Key: { pk: 'd', sk: 2 } } },
          { Put: { TableName, Item: { pk: 'd', sk: 100, note: 'new' } } },
        ],
      }),
    );
    const tx = await doc.send(
      new TransactGetCommand({
        TransactItems: [{ Get: { TableName, Key: { pk: 'd', sk: 1 } } }, { Get: { TableName, Key: { pk: 'd', sk: 2 } } }],
      }),
    );
    expect(tx.Responses?.[0]?.Item?.flag).toBe(true);
    expect(tx.Responses?.[1]?.Item).toBeUndefined();
    const updated = await doc.send(
      new UpdateCommand({
        TableName,
        Key: { pk: 'd', sk: 100 },
        UpdateExpression: 'SET #n = :v',
        ExpressionAttributeNames: { '#n': 'note' },
        ExpressionAttributeValues: { ':v': 'changed' },
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    expect(updated.Attributes).toEqual({ note: 'new' });
    const deleted = await doc.send(new DeleteCommand({ TableName, Key: { pk: 'd', sk: 100 }, ReturnValues: 'ALL_OLD' }));
    expect(deleted.Attributes?.note).toBe('changed');
    expect((await doc.send(new GetCommand({ TableName, Key: { pk: 'd', sk: 100 } }))).Item).toBeUndefined();
  });

  it('surfaces ConditionalCheckFailedException for a conditional put', async () => {
    const err = await failure(
      doc.send(new PutCommand({ TableName, Item: { pk: 'd', sk: 3 }, ConditionExpression: 'attribute_not_exists(pk)' })),
    );
    expect(err.name).toBe('ConditionalCheckFailedException');
  });

  it('runs PartiQL with native parameters', async () => {
    const out = await doc.send(
      new ExecuteStatementCommand({ Statement: `SELECT sk FROM "${TableName}" WHERE pk = ? AND sk = ?`, Parameters: ['d', 4] }),
    );
    expect(out.Items).toEqual([{ sk: 4 }]);
  });
});
