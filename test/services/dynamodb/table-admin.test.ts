/** UpdateTable, TTL, tags, DescribeEndpoints and DescribeLimits through the JS SDK v3. */
import {
  DescribeEndpointsCommand,
  DescribeLimitsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  ListTagsOfResourceCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamodb } from '../../support/clients.js';
import { failure, makeTable } from './helpers.js';

const client = dynamodb();

describe('UpdateTable', () => {
  it('creates a GSI over existing items, then deletes it', async () => {
    const TableName = await makeTable(client);
    await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' }, email: { S: 'a@x' } } }));
    const out = await client.send(
      new UpdateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: 'email', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: 'by-email',
              KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
    expect(out.TableDescription?.TableStatus).toBe('UPDATING');
    expect(out.TableDescription?.GlobalSecondaryIndexes?.[0]?.IndexStatus).toBe('CREATING');
    const found = await client.send(
      new QueryCommand({
        TableName,
        IndexName: 'by-email',
        KeyConditionExpression: 'email = :e',
        ExpressionAttributeValues: { ':e': { S: 'a@x' } },
      }),
    );
    expect(found.Items?.[0]?.pk).toEqual({ S: 'a' });
    const desc = await client.send(new DescribeTableCommand({ TableName }));
    expect(desc.Table?.TableStatus).toBe('ACTIVE');
    expect(desc.Table?.GlobalSecondaryIndexes?.[0]?.IndexStatus).toBe('ACTIVE');
    await client.send(new UpdateTableCommand({ TableName, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'by-email' } }] }));
    const err = await failure(
      client.send(
        new QueryCommand({
          TableName,
          IndexName: 'by-email',
          KeyConditionExpression: 'email = :e',
          ExpressionAttributeValues: { ':e': { S: 'a@x' } },
        }),
      ),
    );
    expect(err.message).toBe('The table does not have the specified index: by-email');
    const again = await failure(
      client.send(new UpdateTableCommand({ TableName, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'by-email' } }] })),
    );
    expect(again.message).toBe('One or more parameter values were invalid: Attempting to delete an index which does not exist: by-email');
  });

  it('switches billing mode and throughput', async () => {
    const TableName = await makeTable(client);
    await client.send(
      new UpdateTableCommand({
        TableName,
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 },
      }),
    );
    const desc = await client.send(new DescribeTableCommand({ TableName }));
    expect(desc.Table?.BillingModeSummary?.BillingMode).toBe('PROVISIONED');
    expect(desc.Table?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 3, WriteCapacityUnits: 4 });
  });

  it('rejects an update that changes nothing', async () => {
    const TableName = await makeTable(client);
    const err = await failure(client.send(new UpdateTableCommand({ TableName })));
    expect(err.message).toBe(
      'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required',
    );
  });
});

describe('Time to live', () => {
  it('describes, enables and expires items whose TTL has passed', async () => {
    const TableName = await makeTable(client);
    expect((await client.send(new DescribeTimeToLiveCommand({ TableName }))).TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'DISABLED',
    });
    const now = Math.floor(Date.now() / 1000);
    await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'old' }, exp: { N: String(now - 10) } } }));
    await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'new' }, exp: { N: String(now + 3600) } } }));
    await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'text' }, exp: { S: 'not a number' } } }));
    const out = await client.send(
      new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } }),
    );
    expect(out.TimeToLiveSpecification).toEqual({ Enabled: true, AttributeName: 'exp' });
    expect((await client.send(new DescribeTimeToLiveCommand({ TableName }))).TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'exp',
    });
    expect((await client.send(new GetItemCommand({ TableName, Key: { pk: { S: 'old' } } }))).Item).toBeUndefined();
    await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'soon' }, exp: { N: String(Date.now() / 1000 + 1) } } }));
    await new Promise((r) => setTimeout(r, 1100));
    const left = await client.send(new ScanCommand({ TableName }));
    expect(left.Items?.map((i) => i.pk?.S).sort()).toEqual(['new', 'text']);
  });

  it('rejects enabling TTL twice', async () => {
    const TableName = await makeTable(client);
    await client.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } }));
    const err = await failure(
      client.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } })),
    );
    expect(err.message).toBe('TimeToLive is already enabled');
  });
});

describe('Tags, endpoints and limits', () => {
  it('tags, lists and untags a table by ARN', async () => {
    const TableName = await makeTable(client, { Tags: [{ Key: 'a', Value: '1' }] });
    const arn = (await client.send(new DescribeTableCommand({ TableName }))).Table?.TableArn as string;
    await client.send(
      new TagResourceCommand({
        ResourceArn: arn,
        Tags: [
          { Key: 'b', Value: '2' },
          { Key: 'a', Value: '3' },
        ],
      }),
    );
    expect((await client.send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags).toEqual([
      { Key: 'a', Value: '3' },
      { Key: 'b', Value: '2' },
    ]);
    await client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['a'] }));
    expect((await client.send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
  });

  it('answers ResourceNotFoundException for the ARN of a missing table', async () => {
    const arn = 'arn:aws:dynamodb:us-east-1:000000000000:table/nothing-here';
    const err = await failure(client.send(new ListTagsOfResourceCommand({ ResourceArn: arn })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe(`Requested resource not found: ResourcArn: ${arn} not found`);
  });

  it('describes endpoints and limits', async () => {
    const endpoints = await client.send(new DescribeEndpointsCommand({}));
    expect(endpoints.Endpoints?.[0]?.CachePeriodInMinutes).toBe(1440);
    expect(endpoints.Endpoints?.[0]?.Address).toMatch(/^[\w.-]+:\d+$/);
    const limits = await client.send(new DescribeLimitsCommand({}));
    expect(limits).toMatchObject({ AccountMaxReadCapacityUnits: 80000, TableMaxWriteCapacityUnits: 40000 });
  });
});
