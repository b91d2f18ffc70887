/** SDK clients pointed at the shared test server, with dummy credentials, as users configure them. */
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { inject } from 'vitest';

export const endpoint = (): string => inject('endpoint');

export const clientConfig = () => ({
  endpoint: endpoint(),
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});

export const s3 = () => new S3Client({ ...clientConfig(), forcePathStyle: true });
export const dynamodb = () => new DynamoDBClient(clientConfig());
export const lambda = () => new LambdaClient(clientConfig());
export const apigateway = () => new APIGatewayClient(clientConfig());

/** A name no other test uses, for test isolation without resets. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
