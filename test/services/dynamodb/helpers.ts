/** Shared helpers for the DynamoDB SDK tests: clients, unique tables, error capture. */
import { CreateTableCommand, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '../../support/clients.js';

export async function makeTable(client: DynamoDBClient, overrides: Partial<CreateTableCommandInput> = {}): Promise<string> {
  const TableName = overrides.TableName ?? uniqueName('t');
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      ...overrides,
    }),
  );
  return TableName;
}

/** pk (S) + sk (N) table with a GSI on gpk/gsk and an LSI on lsk. */
export async function makeRangeTable(client: DynamoDBClient): Promise<string> {
  return makeTable(client, {
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
      { AttributeName: 'gpk', AttributeType: 'S' },
      { AttributeName: 'gsk', AttributeType: 'N' },
      { AttributeName: 'lsk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'gsi',
        KeySchema: [
          { AttributeName: 'gpk', KeyType: 'HASH' },
          { AttributeName: 'gsk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: 'lsi',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'lsk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  });
}

export interface CaughtError {
  name: string;
  message: string;
  status: number | undefined;
  raw: Record<string, unknown>;
}

/** Runs a promise that must reject and returns the SDK error's name, message and status. */
export async function failure(promise: Promise<unknown>): Promise<CaughtError> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, raw: e as unknown as Record<string, unknown> };
  }
  throw new Error('expected the request to fail');
}
