/**
 * Spec conformance: every operation of every model, sent by the real AWS SDK for JavaScript v3 (its command
 * classes, minimal valid input built from the model), must reach that very operation on a running server.
 * Implemented operations answer (anything but NotImplemented); the rest answer NotImplemented (501) in the
 * service's own error envelope. The server reports the operation it routed to in `x-standin-operation`
 * (STANDIN_DEBUG_HEADERS=1, set by the test server).
 */
import * as ApiGw from '@aws-sdk/client-api-gateway';
import * as Ddb from '@aws-sdk/client-dynamodb';
import * as Lambda from '@aws-sdk/client-lambda';
import * as S3 from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { describe, expect, it } from 'vitest';
import * as apigwModel from '../../generated/apigateway/index.js';
import * as ddbModel from '../../generated/dynamodb/index.js';
import * as lambdaModel from '../../generated/lambda/index.js';
import * as s3Model from '../../generated/s3/index.js';
import type { ServiceSchema } from '../../src/runtime/schema.js';
import { createAPIGatewayModule } from '../../src/services/apigateway/index.js';
import { createDynamoDBModule } from '../../src/services/dynamodb/index.js';
import { createLambdaModule } from '../../src/services/lambda/index.js';
import { createS3Module } from '../../src/services/s3/index.js';
import { clientConfig } from '../support/clients.js';
import { minimalValue } from '../support/minimal-input.js';

/** Remembers the operation the server said it routed the last request to. */
class RecordingHandler extends NodeHttpHandler {
  lastOperation: string | undefined;
  override async handle(...args: Parameters<NodeHttpHandler['handle']>) {
    this.lastOperation = undefined;
    const result = await super.handle(...args);
    this.lastOperation = result.response.headers['x-standin-operation'];
    return result;
  }
}

interface Sdk {
  commands: Record<string, unknown>;
  client: (handler: RecordingHandler) => { send(command: unknown): Promise<unknown> };
}

type CommandClass = new (input: unknown) => unknown;

const services: Array<{ key: string; schema: ServiceSchema; sdk: Sdk; implemented: string[] }> = [
  {
    key: 's3',
    schema: s3Model.serviceSchema,
    sdk: {
      commands: S3,
      client: (h) => new S3.S3Client({ ...clientConfig(), forcePathStyle: true, disableHostPrefix: true, requestHandler: h }),
    },
    implemented: createS3Module().implemented(),
  },
  {
    key: 'dynamodb',
    schema: ddbModel.serviceSchema,
    sdk: { commands: Ddb, client: (h) => new Ddb.DynamoDBClient({ ...clientConfig(), requestHandler: h }) },
    implemented: createDynamoDBModule().implemented(),
  },
  {
    key: 'lambda',
    schema: lambdaModel.serviceSchema,
    sdk: { commands: Lambda, client: (h) => new Lambda.LambdaClient({ ...clientConfig(), requestHandler: h }) },
    implemented: createLambdaModule().implemented(),
  },
  {
    key: 'apigateway',
    schema: apigwModel.serviceSchema,
    sdk: { commands: ApiGw, client: (h) => new ApiGw.APIGatewayClient({ ...clientConfig(), requestHandler: h }) },
    implemented: createAPIGatewayModule().implemented(),
  },
];

for (const service of services) {
  const names = Object.keys(service.schema.operations).sort();
  const withSdk = names.filter((n) => typeof service.sdk.commands[`${n}Command`] === 'function');

  describe(`${service.key}: every model operation routes to itself`, () => {
    it('covers the model (operations the JS SDK lacks are driven by botocore in test/python)', () => {
      expect(withSdk.length).toBeGreaterThan(names.length * 0.9);
    });

    it.each(withSdk)('%s reaches its own handler', async (name) => {
      const handler = new RecordingHandler();
      const client = service.sdk.client(handler);
      const Command = service.sdk.commands[`${name}Command`] as CommandClass;
      const op = service.schema.operations[name];
      const input = op?.input ? minimalValue(service.schema.shapes, op.input) : {};
      let error: (Error & { $metadata?: { httpStatusCode?: number } }) | undefined;
      try {
        await client.send(new Command(input));
      } catch (e) {
        error = e as typeof error;
      }
      expect(handler.lastOperation, `server routed ${name} to ${handler.lastOperation}; SDK said ${error?.name}: ${error?.message}`).toBe(
        name,
      );
      if (service.implemented.includes(name)) {
        expect(error?.$metadata?.httpStatusCode).not.toBe(501);
      } else {
        expect(error?.$metadata?.httpStatusCode).toBe(501);
        if (op?.http?.method !== 'HEAD') expect(error?.name).toBe('NotImplemented');
      }
    });
  });
}
