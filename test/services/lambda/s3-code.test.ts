/** Function code read from Standin's own S3 (`Code.S3Bucket`/`S3Key`), as CloudFormation, SAM and CDK deploy it. */
import { CreateFunctionCommand, GetFunctionCommand, InvokeCommand, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { lambda, s3, uniqueName } from '../../support/clients.js';
import { json, ROLE, zipOf } from './helpers.js';

async function bucketWith(objects: Record<string, Uint8Array>): Promise<string> {
  const bucket = uniqueName('code');
  await s3().send(new CreateBucketCommand({ Bucket: bucket }));
  for (const [key, body] of Object.entries(objects)) await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  return bucket;
}

const handler = (answer: string) => zipOf({ 'app.py': `def handler(event, context):\n    return ${JSON.stringify(answer)}\n` });

describe('Lambda code from S3', () => {
  it('creates a function from a zip in S3 and runs it, with the zip’s size and hash', async () => {
    const zip = handler('from s3');
    const bucket = await bucketWith({ 'builds/app.zip': zip });
    const name = uniqueName('s3code');
    const created = await lambda().send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'python3.12',
        Handler: 'app.handler',
        Role: ROLE,
        Code: { S3Bucket: bucket, S3Key: 'builds/app.zip' },
      }),
    );
    expect(created.CodeSize).toBe(zip.length);
    expect(created.CodeSha256).toBe(Buffer.from(await crypto.subtle.digest('SHA-256', zip)).toString('base64'));
    const out = await lambda().send(new InvokeCommand({ FunctionName: name }));
    expect(json(out.Payload)).toBe('from s3');
    // GetFunction's Code.Location serves the same zip back.
    const location = (await lambda().send(new GetFunctionCommand({ FunctionName: name }))).Code?.Location ?? '';
    expect(Buffer.from(await (await fetch(location)).arrayBuffer()).equals(Buffer.from(zip))).toBe(true);
  });

  it('updates a function’s code from S3', async () => {
    const bucket = await bucketWith({ 'v1.zip': handler('one'), 'v2.zip': handler('two') });
    const name = uniqueName('s3update');
    await lambda().send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'python3.12',
        Handler: 'app.handler',
        Role: ROLE,
        Code: { S3Bucket: bucket, S3Key: 'v1.zip' },
      }),
    );
    expect(json((await lambda().send(new InvokeCommand({ FunctionName: name }))).Payload)).toBe('one');
    await lambda().send(new UpdateFunctionCodeCommand({ FunctionName: name, S3Bucket: bucket, S3Key: 'v2.zip' }));
    expect(json((await lambda().send(new InvokeCommand({ FunctionName: name }))).Payload)).toBe('two');
  });

  it.each([
    [
      'a missing key',
      true,
      'Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.',
    ],
    [
      'a missing bucket',
      false,
      'Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist',
    ],
  ])('answers InvalidParameterValueException with S3’s error for %s', async (_case, bucketExists, message) => {
    const bucket = bucketExists ? await bucketWith({}) : uniqueName('nobucket');
    const error = (await lambda()
      .send(
        new CreateFunctionCommand({
          FunctionName: uniqueName('s3missing'),
          Runtime: 'python3.12',
          Handler: 'app.handler',
          Role: ROLE,
          Code: { S3Bucket: bucket, S3Key: 'nope.zip' },
        }),
      )
      .catch((e: unknown) => e)) as { name: string; message: string; $metadata: { httpStatusCode: number } };
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(message);
  });
});
