/** Query and Scan: key conditions, filters, indexes, ordering, paging, Select and segments. */
import {
  type AttributeValue,
  BatchWriteItemCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandOutput,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamodb } from '../../support/clients.js';
import { failure, makeRangeTable } from './helpers.js';

const client = dynamodb();
let table: string;

beforeAll(async () => {
  table = await makeRangeTable(client);
  // Partition "p": sk 1..30, gpk alternating g0/g1, gsk = 100 - sk, lsk = letter.
  for (let i = 0; i < 30; i += 25) {
    const requests = [];
    for (let sk = i + 1; sk <= Math.min(i + 25, 30); sk++) {
      requests.push({
        PutRequest: {
          Item: {
            pk: { S: 'p' },
            sk: { N: String(sk) },
            gpk: { S: `g${sk % 2}` },
            gsk: { N: String(100 - sk) },
            lsk: { S: `k${String(sk).padStart(2, '0')}` },
            odd: { BOOL: sk % 2 === 1 },
            name: { S: `item-${sk}` },
          },
        },
      });
    }
    await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
  }
  await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'other' }, sk: { N: '1' } } }));
});

const q = (input: Partial<ConstructorParameters<typeof QueryCommand>[0]>) => client.send(new QueryCommand({ TableName: table, ...input }));
const sks = (out: { Items?: Record<string, AttributeValue>[] }) => (out.Items ?? []).map((i) => Number(i.sk?.N));

describe('Query key conditions', () => {
  it('returns a partition in sort-key order, and reversed with ScanIndexForward false', async () => {
    const fwd = await q({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } } });
    expect(sks(fwd)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(fwd.Count).toBe(30);
    const back = await q({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, ScanIndexForward: false });
    expect(sks(back)[0]).toBe(30);
  });

  it.each([
    ['sk = :a', [5]],
    ['sk < :a', [1, 2, 3, 4]],
    ['sk <= :a', [1, 2, 3, 4, 5]],
    ['sk > :b', [29, 30]],
    ['sk >= :b', [28, 29, 30]],
    ['sk BETWEEN :a AND :c', [5, 6, 7]],
  ])('supports %s', async (cond, expected) => {
    const values: Record<string, AttributeValue> = { ':p': { S: 'p' } };
    for (const [k, v] of [
      [':a', '5'],
      [':b', '28'],
      [':c', '7'],
    ] as const)
      if (cond.includes(k)) values[k] = { N: v };
    const out = await q({ KeyConditionExpression: `pk = :p AND ${cond}`, ExpressionAttributeValues: values });
    expect(sks(out)).toEqual(expected);
  });

  it('supports begins_with on a string sort key through the LSI, forward and backward', async () => {
    const input = {
      IndexName: 'lsi',
      KeyConditionExpression: 'pk = :p AND begins_with(lsk, :k)',
      ExpressionAttributeValues: { ':p': { S: 'p' }, ':k': { S: 'k1' } },
    };
    const out = await q(input);
    expect(out.Items?.map((i) => i.lsk?.S)).toEqual(['k10', 'k11', 'k12', 'k13', 'k14', 'k15', 'k16', 'k17', 'k18', 'k19']);
    expect(Object.keys(out.Items?.[0] ?? {}).sort()).toEqual(['lsk', 'pk', 'sk']);
    const back = await q({ ...input, ScanIndexForward: false });
    expect(back.Items?.[0]?.lsk?.S).toBe('k19');
    expect(back.Count).toBe(10);
  });

  it('queries a GSI in index order', async () => {
    const out = await q({
      IndexName: 'gsi',
      KeyConditionExpression: 'gpk = :g AND gsk > :x',
      ExpressionAttributeValues: { ':g': { S: 'g0' }, ':x': { N: '90' } },
    });
    expect(out.Items?.map((i) => Number(i.gsk?.N))).toEqual([92, 94, 96, 98]);
  });

  it('applies FilterExpression after Limit, with ScannedCount before the filter', async () => {
    const out = await q({
      KeyConditionExpression: 'pk = :p',
      FilterExpression: 'odd = :t',
      ExpressionAttributeValues: { ':p': { S: 'p' }, ':t': { BOOL: true } },
      Limit: 4,
    });
    expect(sks(out)).toEqual([1, 3]);
    expect(out.ScannedCount).toBe(4);
    expect(out.LastEvaluatedKey).toEqual({ pk: { S: 'p' }, sk: { N: '4' } });
  });

  it('counts with Select COUNT and returns no Items', async () => {
    const out = await q({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, Select: 'COUNT' });
    expect(out.Count).toBe(30);
    expect(out.Items).toBeUndefined();
  });

  it('rejects a missing partition key condition', async () => {
    const err = await failure(q({ KeyConditionExpression: 'sk = :a', ExpressionAttributeValues: { ':a': { N: '1' } } }));
    expect(err.message).toBe('Query condition missed key schema element: pk');
  });

  it('rejects OR in a key condition', async () => {
    const err = await failure(q({ KeyConditionExpression: 'pk = :p OR pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } } }));
    expect(err.message).toBe('Invalid operator used in KeyConditionExpression: OR');
  });

  it('rejects a filter on a key attribute', async () => {
    const err = await failure(
      q({
        KeyConditionExpression: 'pk = :p',
        FilterExpression: 'sk > :a',
        ExpressionAttributeValues: { ':p': { S: 'p' }, ':a': { N: '1' } },
      }),
    );
    expect(err.message).toBe('Filter Expression can only contain non-primary key attributes: Primary key attribute: sk');
  });

  it('rejects ConsistentRead on a GSI', async () => {
    const err = await failure(
      q({ IndexName: 'gsi', ConsistentRead: true, KeyConditionExpression: 'gpk = :g', ExpressionAttributeValues: { ':g': { S: 'g0' } } }),
    );
    expect(err.message).toBe('Consistent reads are not supported on global secondary indexes');
  });

  it('rejects an unknown index', async () => {
    const err = await failure(q({ IndexName: 'nope', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } } }));
    expect(err.message).toBe('The table does not have the specified index: nope');
  });
});

describe('Query paging', () => {
  it('pages a GSI with LastEvaluatedKey holding index and table keys, never skipping or repeating', async () => {
    const seen: number[] = [];
    let start: Record<string, AttributeValue> | undefined;
    let first: QueryCommandOutput | undefined;
    do {
      const page: QueryCommandOutput = await q({
        IndexName: 'gsi',
        KeyConditionExpression: 'gpk = :g',
        ExpressionAttributeValues: { ':g': { S: 'g1' } },
        Limit: 4,
        ExclusiveStartKey: start,
      });
      first ??= page;
      seen.push(...sks(page));
      start = page.LastEvaluatedKey;
    } while (start);
    expect(Object.keys(first?.LastEvaluatedKey ?? {}).sort()).toEqual(['gpk', 'gsk', 'pk', 'sk']);
    expect(seen).toEqual([29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1]);
  });

  it('resumes after the start key even when items were written between pages', async () => {
    const page1 = await q({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, Limit: 3 });
    await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'p' }, sk: { N: '2.5' } } }));
    const page2 = await q({
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': { S: 'p' } },
      Limit: 2,
      ExclusiveStartKey: page1.LastEvaluatedKey,
    });
    expect(sks(page2)).toEqual([4, 5]);
  });

  it('paginates with the DocumentClient paginator', async () => {
    const doc = DynamoDBDocumentClient.from(client);
    let total = 0;
    for await (const page of paginateQuery(
      { client: doc, pageSize: 7 },
      { TableName: table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'other' } },
    )) {
      total += page.Count ?? 0;
    }
    expect(total).toBe(1);
  });

  it('rejects a start key outside the key condition', async () => {
    const err = await failure(
      q({
        KeyConditionExpression: 'pk = :p AND sk > :s',
        ExpressionAttributeValues: { ':p': { S: 'p' }, ':s': { N: '10' } },
        ExclusiveStartKey: { pk: { S: 'p' }, sk: { N: '3' } },
      }),
    );
    expect(err.message).toBe('The provided starting key is outside query boundaries based on provided conditions');
    const other = await failure(
      q({
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'p' } },
        ExclusiveStartKey: { pk: { S: 'other' }, sk: { N: '1' } },
      }),
    );
    expect(other.message).toBe('The provided starting key is outside query boundaries based on provided conditions');
  });

  it('rejects an ExclusiveStartKey that does not match the schema', async () => {
    const err = await failure(
      q({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, ExclusiveStartKey: { pk: { S: 'p' } } }),
    );
    expect(err.message).toBe("Exclusive Start Key must have same size as table's key schema");
  });
});

describe('Scan', () => {
  it('scans with a filter and projection', async () => {
    const out = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: '#n = :n',
        ProjectionExpression: 'sk',
        ExpressionAttributeNames: { '#n': 'name' },
        ExpressionAttributeValues: { ':n': { S: 'item-7' } },
      }),
    );
    expect(out.Items).toEqual([{ sk: { N: '7' } }]);
    expect(out.ScannedCount).toBeGreaterThanOrEqual(31);
  });

  it('splits items across parallel segments exactly once', async () => {
    const counts = await Promise.all(
      [0, 1, 2].map(
        async (Segment) =>
          (await client.send(new ScanCommand({ TableName: table, Segment, TotalSegments: 3, Select: 'COUNT' }))).Count ?? 0,
      ),
    );
    const all = (await client.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(all);
  });

  it('pages a scan with Limit', async () => {
    let start: Record<string, AttributeValue> | undefined;
    let seen = 0;
    let pages = 0;
    do {
      const page = await client.send(new ScanCommand({ TableName: table, Limit: 10, ExclusiveStartKey: start }));
      seen += page.Count ?? 0;
      start = page.LastEvaluatedKey;
      pages++;
    } while (start);
    const all = (await client.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count ?? 0;
    expect(seen).toBe(all);
    expect(pages).toBe(Math.floor(all / 10) + 1);
  });

  it('rejects a Segment not below TotalSegments', async () => {
    const err = await failure(client.send(new ScanCommand({ TableName: table, Segment: 2, TotalSegments: 2 })));
    expect(err.message).toBe(
      'The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not less than TotalSegments: 2',
    );
  });
});

describe('Query and Scan parameter validation', () => {
  it('lists Select values in DynamoDB’s order', async () => {
    const err = await failure(client.send(new ScanCommand({ TableName: table, Select: 'EVERYTHING' as 'COUNT' })));
    expect(err.message).toBe(
      "1 validation error detected: Value 'EVERYTHING' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]",
    );
  });

  it('requires a projection for SPECIFIC_ATTRIBUTES', async () => {
    const err = await failure(client.send(new ScanCommand({ TableName: table, Select: 'SPECIFIC_ATTRIBUTES' })));
    expect(err.message).toBe('Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES');
  });

  it('stops a page at 1 MB and resumes from there', async () => {
    const big = 'x'.repeat(390 * 1024);
    for (let sk = 1; sk <= 5; sk++)
      await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'mb' }, sk: { N: String(sk) }, v: { S: big } } }));
    const first = await q({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'mb' } } });
    expect(first.Count).toBe(3);
    expect(first.LastEvaluatedKey).toEqual({ pk: { S: 'mb' }, sk: { N: '3' } });
    const second = await q({
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': { S: 'mb' } },
      ExclusiveStartKey: first.LastEvaluatedKey,
    });
    expect(sks(second)).toEqual([4, 5]);
    expect(second.LastEvaluatedKey).toBeUndefined();
  });
});
