/** The legacy parameters older SDKs still send: Expected, AttributeUpdates, AttributesToGet, KeyConditions, QueryFilter, ScanFilter. */
import { DeleteItemCommand, GetItemCommand, PutItemCommand, QueryCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamodb } from '../../support/clients.js';
import { failure, makeRangeTable, makeTable } from './helpers.js';

const client = dynamodb();
let table: string;
let ranged: string;

beforeAll(async () => {
  table = await makeTable(client);
  ranged = await makeRangeTable(client);
  for (let sk = 1; sk <= 5; sk++)
    await client.send(
      new PutItemCommand({ TableName: ranged, Item: { pk: { S: 'L' }, sk: { N: String(sk) }, v: { N: String(sk * 10) } } }),
    );
});

describe('legacy conditions and updates', () => {
  it('honours Expected with Exists false and with a value', async () => {
    await client.send(
      new PutItemCommand({ TableName: table, Item: { pk: { S: 'e1' }, v: { N: '1' } }, Expected: { pk: { Exists: false } } }),
    );
    const err = await failure(
      client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'e1' } }, Expected: { pk: { Exists: false } } })),
    );
    expect(err.name).toBe('ConditionalCheckFailedException');
    await client.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: 'e1' } }, Expected: { v: { Value: { N: '1' } } } }));
    expect((await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'e1' } } }))).Item).toBeUndefined();
  });

  it('honours Expected comparison operators joined with ConditionalOperator OR', async () => {
    await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'e2' }, v: { N: '5' } } }));
    await client.send(
      new PutItemCommand({
        TableName: table,
        Item: { pk: { S: 'e2' }, v: { N: '6' } },
        Expected: { v: { ComparisonOperator: 'GT', AttributeValueList: [{ N: '100' }] }, pk: { ComparisonOperator: 'NOT_NULL' } },
        ConditionalOperator: 'OR',
      }),
    );
    expect((await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'e2' } }, AttributesToGet: ['v'] }))).Item).toEqual({
      v: { N: '6' },
    });
  });

  it('applies AttributeUpdates PUT, ADD and DELETE', async () => {
    await client.send(
      new PutItemCommand({ TableName: table, Item: { pk: { S: 'au' }, n: { N: '1' }, gone: { S: 'x' }, ss: { SS: ['a', 'b'] } } }),
    );
    const out = await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: 'au' } },
        AttributeUpdates: {
          n: { Action: 'ADD', Value: { N: '2' } },
          s: { Action: 'PUT', Value: { S: 'new' } },
          gone: { Action: 'DELETE' },
          ss: { Action: 'DELETE', Value: { SS: ['a'] } },
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(out.Attributes).toEqual({ pk: { S: 'au' }, n: { N: '3' }, s: { S: 'new' }, ss: { SS: ['b'] } });
  });

  it('rejects mixing legacy and expression parameters', async () => {
    const err = await failure(
      client.send(
        new PutItemCommand({
          TableName: table,
          Item: { pk: { S: 'mix' } },
          Expected: { pk: { Exists: false } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    expect(err.message).toBe(
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}',
    );
  });

  it('rejects a wrong number of arguments for a comparison operator', async () => {
    const err = await failure(
      client.send(
        new PutItemCommand({
          TableName: table,
          Item: { pk: { S: 'x' } },
          Expected: { v: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '1' }] } },
        }),
      ),
    );
    expect(err.message).toBe('One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator');
  });
});

describe('legacy reads', () => {
  it('queries with KeyConditions and QueryFilter', async () => {
    const out = await client.send(
      new QueryCommand({
        TableName: ranged,
        KeyConditions: {
          pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'L' }] },
          sk: { ComparisonOperator: 'GE', AttributeValueList: [{ N: '2' }] },
        },
        QueryFilter: { v: { ComparisonOperator: 'LT', AttributeValueList: [{ N: '50' }] } },
      }),
    );
    expect(out.Items?.map((i) => i.sk?.N)).toEqual(['2', '3', '4']);
    expect(out.ScannedCount).toBe(4);
  });

  it('scans with ScanFilter and AttributesToGet', async () => {
    const out = await client.send(
      new ScanCommand({
        TableName: ranged,
        ScanFilter: { v: { ComparisonOperator: 'IN', AttributeValueList: [{ N: '10' }, { N: '30' }] } },
        AttributesToGet: ['sk'],
      }),
    );
    expect(out.Items?.map((i) => i.sk?.N).sort()).toEqual(['1', '3']);
    expect(Object.keys(out.Items?.[0] ?? {})).toEqual(['sk']);
  });

  it('rejects an unknown comparison operator with the enum constraint message', async () => {
    const err = await failure(
      client.send(
        new ScanCommand({ TableName: ranged, ScanFilter: { v: { ComparisonOperator: 'NOPE' as 'EQ', AttributeValueList: [] } } }),
      ),
    );
    expect(err.message).toBe(
      "1 validation error detected: Value 'NOPE' at 'scanFilter.v.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]",
    );
  });
});
