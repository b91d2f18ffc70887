/** CreateTable, DescribeTable, DeleteTable and ListTables through the JS SDK v3. */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  type ListTablesCommandOutput,
  PutItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamodb, uniqueName } from '../../support/clients.js';
import { failure, makeRangeTable, makeTable } from './helpers.js';

const client = dynamodb();

describe('CreateTable and DescribeTable', () => {
  it('answers CREATING, then the first DescribeTable answers ACTIVE with every field SDK code reads', async () => {
    const TableName = uniqueName('t');
    const created = await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        Tags: [{ Key: 'team', Value: 'a' }],
        DeletionProtectionEnabled: false,
      }),
    );
    expect(created.TableDescription?.TableStatus).toBe('CREATING');
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.TableArn).toBe(`arn:aws:dynamodb:us-east-1:000000000000:table/${TableName}`);
    expect(Table?.TableId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Table?.CreationDateTime).toBeInstanceOf(Date);
    expect(Math.abs((Table?.CreationDateTime?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(Table?.ItemCount).toBe(0);
    expect(Table?.TableSizeBytes).toBe(0);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 0, WriteCapacityUnits: 0, NumberOfDecreasesToday: 0 });
    expect(Table?.DeletionProtectionEnabled).toBe(false);
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }]);
  });

  it('lets waitUntilTableExists return at once', async () => {
    const TableName = await makeTable(client);
    const started = Date.now();
    const result = await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName });
    expect(result.state).toBe('SUCCESS');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('describes GSIs and LSIs with status, ARN, projection and counts', async () => {
    const TableName = await makeRangeTable(client);
    await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' }, sk: { N: '1' }, gpk: { S: 'g' }, gsk: { N: '2' } } }));
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    const gsi = Table?.GlobalSecondaryIndexes?.[0];
    expect(gsi?.IndexName).toBe('gsi');
    expect(gsi?.IndexStatus).toBe('ACTIVE');
    expect(gsi?.IndexArn).toBe(`${Table?.TableArn}/index/gsi`);
    expect(gsi?.Projection).toEqual({ ProjectionType: 'ALL' });
    expect(gsi?.ItemCount).toBe(1);
    const lsi = Table?.LocalSecondaryIndexes?.[0];
    expect(lsi?.IndexName).toBe('lsi');
    expect(lsi?.IndexArn).toBe(`${Table?.TableArn}/index/lsi`);
    expect(lsi?.ItemCount).toBe(0);
    expect(Table?.ItemCount).toBe(1);
    expect(Table?.TableSizeBytes).toBeGreaterThan(0);
    expect(gsi?.IndexSizeBytes).toBe(Table?.TableSizeBytes);
    expect(lsi?.IndexSizeBytes).toBe(0);
  });

  it('records provisioned throughput', async () => {
    const TableName = await makeTable(client, {
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 7 },
    });
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    expect(Table?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 5, WriteCapacityUnits: 7 });
    expect(Table?.BillingModeSummary).toBeUndefined();
  });

  it('describes streams, encryption and table class as configured', async () => {
    const TableName = await makeTable(client, {
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      SSESpecification: { Enabled: true },
      TableClass: 'STANDARD_INFREQUENT_ACCESS',
    });
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(Table?.LatestStreamArn).toBe(`${Table?.TableArn}/stream/${Table?.LatestStreamLabel}`);
    expect(Table?.LatestStreamLabel).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);
    expect(Table?.SSEDescription).toEqual({
      Status: 'ENABLED',
      SSEType: 'KMS',
      KMSMasterKeyArn: 'arn:aws:kms:us-east-1:000000000000:alias/aws/dynamodb',
    });
    expect(Table?.TableClassSummary?.TableClass).toBe('STANDARD_INFREQUENT_ACCESS');
  });

  it('rejects a second table with the same name with ResourceInUseException', async () => {
    const TableName = await makeTable(client);
    const err = await failure(makeTable(client, { TableName }));
    expect(err.name).toBe('ResourceInUseException');
    expect(err.message).toBe(`Table already exists: ${TableName}`);
    expect(err.status).toBe(400);
  });

  it('rejects throughput with PAY_PER_REQUEST', async () => {
    const err = await failure(makeTable(client, { ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(
      'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
    );
  });

  it('requires throughput for PROVISIONED', async () => {
    const err = await failure(makeTable(client, { BillingMode: 'PROVISIONED' }));
    expect(err.message).toBe(
      'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED',
    );
  });

  it('rejects key attributes missing from AttributeDefinitions', async () => {
    const err = await failure(makeTable(client, { AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }));
    expect(err.message).toBe(
      'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [id]',
    );
  });

  it('rejects definitions that no key uses', async () => {
    const err = await failure(
      makeTable(client, {
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'extra', AttributeType: 'S' },
        ],
      }),
    );
    expect(err.message).toBe(
      'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions',
    );
  });

  it('rejects a key schema that does not start with HASH', async () => {
    const err = await failure(makeTable(client, { KeySchema: [{ AttributeName: 'pk', KeyType: 'RANGE' }] }));
    expect(err.message).toBe('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  });

  it('rejects an LSI on a table without a range key', async () => {
    const err = await failure(
      makeTable(client, {
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'x', AttributeType: 'S' },
        ],
        LocalSecondaryIndexes: [
          {
            IndexName: 'l',
            KeySchema: [
              { AttributeName: 'pk', KeyType: 'HASH' },
              { AttributeName: 'x', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    expect(err.message).toBe(
      'One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex',
    );
  });

  it('validates the table name with the model constraint messages', async () => {
    const err = await failure(makeTable(client, { TableName: 'a!' }));
    expect(err.message).toBe(
      "2 validation errors detected: Value 'a!' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a!' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    );
  });

  it('answers ResourceNotFoundException naming the table for DescribeTable of a missing table', async () => {
    const err = await failure(client.send(new DescribeTableCommand({ TableName: 'no-such-table-x' })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe('Requested resource not found: Table: no-such-table-x not found');
  });
});

describe('DeleteTable and ListTables', () => {
  it('deletes a table, answering DELETING, after which it is gone', async () => {
    const TableName = await makeTable(client);
    const out = await client.send(new DeleteTableCommand({ TableName }));
    expect(out.TableDescription?.TableStatus).toBe('DELETING');
    const err = await failure(client.send(new DescribeTableCommand({ TableName })));
    expect(err.name).toBe('ResourceNotFoundException');
  });

  it('refuses to delete a table with deletion protection', async () => {
    const TableName = await makeTable(client, { DeletionProtectionEnabled: true });
    const err = await failure(client.send(new DeleteTableCommand({ TableName })));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(
      'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
    );
  });

  it('pages ListTables with Limit and ExclusiveStartTableName in name order', async () => {
    const prefix = uniqueName('list');
    const names = [`${prefix}-c`, `${prefix}-a`, `${prefix}-b`];
    for (const TableName of names) await makeTable(client, { TableName });
    const seen: string[] = [];
    let start: string | undefined = `${prefix}-`;
    for (let i = 0; i < 10; i++) {
      const page: ListTablesCommandOutput = await client.send(new ListTablesCommand({ Limit: 2, ExclusiveStartTableName: start }));
      seen.push(...(page.TableNames ?? []).filter((n) => n.startsWith(prefix)));
      start = page.LastEvaluatedTableName;
      if (!start?.startsWith(prefix)) break;
    }
    expect(seen).toEqual([...names].sort());
  });

  it('rejects a Limit above 100', async () => {
    const err = await failure(client.send(new ListTablesCommand({ Limit: 101 })));
    expect(err.message).toBe(
      "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });
});
