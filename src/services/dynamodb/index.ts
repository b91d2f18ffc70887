/** The DynamoDB service module the server loads on the first DynamoDB request. */
import * as generated from '../../../generated/dynamodb/index.js';
import { type ServiceModule, serviceModule } from '../service-module.js';
import { DynamoDBService } from './dynamodb-service.js';
import { upstreamOptions, upstreamTable } from './upstream.js';

export const createDynamoDBModule = (): ServiceModule<generated.DynamoDBServiceBase> => {
  const module = serviceModule(generated, generated.DynamoDBServiceBase, new DynamoDBService());
  const upstream = upstreamOptions();
  return upstream ? { ...module, table: upstreamTable(module.table, upstream) } : module;
};
