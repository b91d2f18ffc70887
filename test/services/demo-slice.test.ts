/** The foundation's demonstration slice through the JS SDK v3, including its error paths. */
import { APIGatewayClient, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { ListBackupsCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  DeleteBucketCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  NoSuchBucket,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { clientConfig, dynamodb, s3, uniqueName } from '../support/clients.js';

describe('S3 buckets through the JS SDK', () => {
  it('creates, heads, lists and deletes a bucket', async () => {
    const client = s3();
    const name = uniqueName('js-demo');
    const created = await client.send(new CreateBucketCommand({ Bucket: name }));
    expect(created.Location).toBe(`/${name}`);
    expect(created.$metadata.requestId).toMatch(/^[0-9A-F]{16}$/);
    const head = await client.send(new HeadBucketCommand({ Bucket: name }));
    expect(head.BucketRegion).toBe('us-east-1');
    const listed = await client.send(new ListBucketsCommand({}));
    const mine = listed.Buckets?.find((b) => b.Name === name);
    expect(mine?.CreationDate).toBeInstanceOf(Date);
    expect(Math.abs((mine?.CreationDate?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(listed.Owner?.ID).toBe('000000000000');
    await client.send(new DeleteBucketCommand({ Bucket: name }));
    const after = await client.send(new ListBucketsCommand({}));
    expect(after.Buckets?.some((b) => b.Name === name)).toBe(false);
  });

  it('records the LocationConstraint of a bucket made in another region', async () => {
    const client = s3();
    const name = uniqueName('js-eu');
    await client.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: 'eu-central-1' } }));
    expect((await client.send(new HeadBucketCommand({ Bucket: name }))).BucketRegion).toBe('eu-central-1');
    await client.send(new DeleteBucketCommand({ Bucket: name }));
  });

  it('throws BucketAlreadyOwnedByYou (409) when a bucket outside us-east-1 exists', async () => {
    const client = s3();
    const name = uniqueName('js-dup');
    // Re-creating a us-east-1 bucket is idempotent on AWS; elsewhere it is a 409 (aws-wire-checklist §3).
    const config = { LocationConstraint: 'eu-west-1' } as const;
    await client.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: config }));
    const error = await client.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: config })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BucketAlreadyOwnedByYou);
    expect((error as S3ServiceException).$metadata.httpStatusCode).toBe(409);
    await client.send(new DeleteBucketCommand({ Bucket: name }));
  });

  it('throws NoSuchBucket for a missing bucket and NotFound for HEAD of one', async () => {
    const client = s3();
    const name = uniqueName('js-missing');
    const deleted = await client.send(new DeleteBucketCommand({ Bucket: name })).catch((e: unknown) => e);
    expect(deleted).toBeInstanceOf(NoSuchBucket);
    expect((deleted as S3ServiceException).message).toBe('The specified bucket does not exist');
    const head = await client.send(new HeadBucketCommand({ Bucket: name })).catch((e: unknown) => e);
    expect((head as S3ServiceException).name).toBe('NotFound');
    expect((head as S3ServiceException).$metadata.httpStatusCode).toBe(404);
  });

  it('rejects an invalid bucket name with InvalidBucketName', async () => {
    const error = (await s3()
      .send(new CreateBucketCommand({ Bucket: 'has_underscore' }))
      .catch((e: unknown) => e)) as S3ServiceException;
    expect(error.name).toBe('InvalidBucketName');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('the other services through the JS SDK', () => {
  it('ListTables answers a list of table names', async () => {
    const out = await dynamodb().send(new ListTablesCommand({}));
    expect(Array.isArray(out.TableNames)).toBe(true);
  });

  it('an unimplemented DynamoDB operation throws NotImplemented with status 501', async () => {
    const error = (await dynamodb()
      .send(new ListBackupsCommand({}))
      .catch((e: unknown) => e)) as { name: string; $metadata: { httpStatusCode: number } };
    expect(error.name).toBe('NotImplemented');
    expect(error.$metadata.httpStatusCode).toBe(501);
  });

  it('ListFunctions answers an empty list in an account without functions', async () => {
    // A 12-digit access key selects its own account, which no other test puts functions in.
    const client = new LambdaClient({ ...clientConfig(), credentials: { accessKeyId: '111122223333', secretAccessKey: 'test' } });
    expect((await client.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
  });

  it('GetRestApis answers an empty list in a region without APIs', async () => {
    // Other test files create APIs in us-east-1; state is per region, and no test uses this one.
    const client = new APIGatewayClient({ ...clientConfig(), region: 'eu-north-1' });
    expect((await client.send(new GetRestApisCommand({}))).items).toEqual([]);
  });
});
