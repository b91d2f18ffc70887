/** STANDIN_DYNAMODB_UPSTREAM: a second Standin forwards DynamoDB to the shared test server, rewriting ARNs. */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JS helper shared with scripts/test.mjs
import { startServer } from '../../../scripts/lib/server.mjs';
import { dynamodb, endpoint, uniqueName } from '../../support/clients.js';
import { failure } from './helpers.js';

let proxy: { endpoint: string; stop: () => Promise<void> };

beforeAll(async () => {
  proxy = await startServer({ STANDIN_DYNAMODB_UPSTREAM: endpoint(), STANDIN_DYNAMODB_UPSTREAM_REGION: 'us-east-1' });
});
afterAll(() => proxy.stop());

const viaProxy = () =>
  new DynamoDBClient({
    endpoint: proxy.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: '111111111111', secretAccessKey: 'x' },
    maxAttempts: 1,
  });

describe('upstream proxy', () => {
  it('forwards writes and reads, showing the caller its own region in ARNs', async () => {
    const client = viaProxy();
    const TableName = uniqueName('up');
    const created = await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    expect(created.TableDescription?.TableArn).toBe(`arn:aws:dynamodb:eu-west-1:111111111111:table/${TableName}`);
    await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' }, v: { N: '1' } } }));
    expect((await client.send(new GetItemCommand({ TableName, Key: { pk: { S: 'a' } } }))).Item).toEqual({ pk: { S: 'a' }, v: { N: '1' } });
    // The upstream holds the table in its own region.
    const direct = new DynamoDBClient({
      endpoint: endpoint(),
      region: 'us-east-1',
      credentials: { accessKeyId: '111111111111', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    const described = await direct.send(new DescribeTableCommand({ TableName }));
    expect(described.Table?.TableArn).toBe(`arn:aws:dynamodb:us-east-1:111111111111:table/${TableName}`);
    expect(described.Table?.ItemCount).toBe(1);
  });

  it('passes the upstream’s errors through', async () => {
    const err = await failure(viaProxy().send(new DescribeTableCommand({ TableName: 'not-there-up' })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe('Requested resource not found: Table: not-there-up not found');
  });

  it('leaves the default server’s own engine in place', async () => {
    const err = await failure(dynamodb().send(new DescribeTableCommand({ TableName: 'not-there-up' })));
    expect(err.name).toBe('ResourceNotFoundException');
  });
});
