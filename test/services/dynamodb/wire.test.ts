/** DynamoDB on the wire: raw awsJson1_0 requests, exact __type ids, message member names and x-amz-crc32. */
import { crc32 } from '@aws-crypto/crc32';
import { describe, expect, it } from 'vitest';
import { endpoint, uniqueName } from '../../support/clients.js';

async function call(target: string, body: unknown) {
  const res = await fetch(endpoint(), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${target}`,
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x',
    },
    body: JSON.stringify(body),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    json: JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>,
  };
}

async function table(): Promise<string> {
  const TableName = uniqueName('wire');
  await call('CreateTable', {
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  });
  return TableName;
}

describe('DynamoDB wire format', () => {
  it('answers CreateTable with CreationDateTime as an epoch number and a matching x-amz-crc32', async () => {
    const TableName = uniqueName('wire');
    const res = await call('CreateTable', {
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amz-crc32')).toBe(String(crc32(res.bytes) >>> 0));
    const desc = res.json.TableDescription as Record<string, unknown>;
    expect(typeof desc.CreationDateTime).toBe('number');
  });

  it('sends validation errors as com.amazon.coral.validate#ValidationException with a lower-case message', async () => {
    const res = await call('GetItem', { TableName: 'ab', Key: {} });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message:
        "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    });
    expect(res.headers.get('x-amz-crc32')).toBe(String(crc32(res.bytes) >>> 0));
  });

  it('sends ConditionalCheckFailedException with the service namespace and the old Item', async () => {
    const TableName = await table();
    await call('PutItem', { TableName, Item: { pk: { S: 'a' } } });
    const res = await call('PutItem', {
      TableName,
      Item: { pk: { S: 'a' } },
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    expect(res.json).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
      message: 'The conditional request failed',
      Item: { pk: { S: 'a' } },
    });
  });

  it('sends TransactionCanceledException with Message and CancellationReasons', async () => {
    const TableName = await table();
    await call('PutItem', { TableName, Item: { pk: { S: 'a' } } });
    const res = await call('TransactWriteItems', {
      TransactItems: [{ Put: { TableName, Item: { pk: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(pk)' } }],
    });
    expect(res.json.__type).toBe('com.amazonaws.dynamodb.v20120810#TransactionCanceledException');
    expect(res.json.Message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]');
    expect(res.json.CancellationReasons).toEqual([{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }]);
  });

  it('returns numbers in canonical form', async () => {
    const TableName = await table();
    await call('PutItem', { TableName, Item: { pk: { S: 'n' }, a: { N: '001.500' }, b: { N: '1e3' }, c: { NS: ['2.0', '-0.10'] } } });
    const res = await call('GetItem', { TableName, Key: { pk: { S: 'n' } } });
    expect(res.json.Item).toEqual({ pk: { S: 'n' }, a: { N: '1.5' }, b: { N: '1000' }, c: { NS: ['2', '-0.1'] } });
  });
});

describe('AttributeValue with the wrong number of types', () => {
  it('answers an empty AttributeValue with DynamoDB’s ValidationException, not a serialization error', async () => {
    const TableName = await table();
    const res = await call('PutItem', { TableName, Item: { pk: { S: 'k' }, v: {} } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message: 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes',
    });
  });

  it('answers an AttributeValue with two types set with ValidationException', async () => {
    const TableName = await table();
    const res = await call('GetItem', { TableName, Key: { pk: { S: 'k', N: '1' } } });
    expect(res.status).toBe(400);
    expect(res.json.message).toBe(
      'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
    );
  });

  it('orders non-ASCII sort keys by UTF-8 bytes and hashes the UTF-8 bytes of the answer', async () => {
    const TableName = uniqueName('wire-utf8');
    await call('CreateTable', {
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    });
    // UTF-16 order would put the emoji (a surrogate pair, D83D…) before U+FFFF; DynamoDB orders UTF-8 bytes.
    for (const sk of ['😀', '\uffff', 'é', 'b', 'a']) await call('PutItem', { TableName, Item: { pk: { S: 'p' }, sk: { S: sk } } });
    const forward = await call('Query', {
      TableName,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': { S: 'p' } },
    });
    const order = (res: { json: Record<string, unknown> }) => (res.json.Items as Array<{ sk: { S: string } }>).map((i) => i.sk.S);
    expect(order(forward)).toEqual(['a', 'b', 'é', '\uffff', '😀']);
    const after = await call('Query', {
      TableName,
      KeyConditionExpression: 'pk = :p AND sk > :s',
      ExpressionAttributeValues: { ':p': { S: 'p' }, ':s': { S: '\uffff' } },
    });
    expect(order(after)).toEqual(['😀']);
    const got = await call('GetItem', { TableName, Key: { pk: { S: 'p' }, sk: { S: '😀' } } });
    expect(got.json).toEqual({ Item: { pk: { S: 'p' }, sk: { S: '😀' } } });
    expect(got.headers.get('content-length')).toBe(String(got.bytes.byteLength));
    expect(got.headers.get('x-amz-crc32')).toBe(String(crc32(got.bytes) >>> 0));
  });
});
