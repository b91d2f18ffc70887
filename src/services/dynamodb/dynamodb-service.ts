/** Standin's DynamoDB: the generated DynamoDBServiceBase with a native engine behind it. */
import {
  type BatchExecuteStatementInput,
  type BatchExecuteStatementOutput,
  type BatchGetItemInput,
  type BatchGetItemOutput,
  type BatchWriteItemInput,
  type BatchWriteItemOutput,
  type CreateTableInput,
  type CreateTableOutput,
  type DeleteItemInput,
  type DeleteItemOutput,
  type DeleteTableInput,
  type DeleteTableOutput,
  type DescribeEndpointsRequest,
  type DescribeEndpointsResponse,
  type DescribeLimitsInput,
  type DescribeLimitsOutput,
  type DescribeTableInput,
  type DescribeTableOutput,
  type DescribeTimeToLiveInput,
  type DescribeTimeToLiveOutput,
  DynamoDBServiceBase,
  type ExecuteStatementInput,
  type ExecuteStatementOutput,
  type ExecuteTransactionInput,
  type ExecuteTransactionOutput,
  type GetItemInput,
  type GetItemOutput,
  type ListTablesInput,
  type ListTablesOutput,
  type ListTagsOfResourceInput,
  type ListTagsOfResourceOutput,
  type PutItemInput,
  type PutItemOutput,
  type QueryInput,
  type QueryOutput,
  type ScanInput,
  type ScanOutput,
  type TagResourceInput,
  type TransactGetItemsInput,
  type TransactGetItemsOutput,
  type TransactWriteItemsInput,
  type TransactWriteItemsOutput,
  type UntagResourceInput,
  type UpdateItemInput,
  type UpdateItemOutput,
  type UpdateTableInput,
  type UpdateTableOutput,
  type UpdateTimeToLiveInput,
  type UpdateTimeToLiveOutput,
} from '../../../generated/dynamodb/index.js';
import { AccountRegionStore } from '../../runtime/account-region-store.js';
import { type AwsServiceError, UnionMemberCountError } from '../../runtime/errors.js';
import type { RequestContext } from '../../runtime/request.js';
import { batchGetItem, batchWriteItem } from './batch.js';
import { deleteItem, getItem, putItem, updateItem } from './items.js';
import { batchExecuteStatement, executeStatement, executeTransaction } from './partiql/execute.js';
import { query, scan } from './query-scan.js';
import { DynamoDBState } from './state.js';
import {
  describeEndpoints,
  describeLimits,
  describeTimeToLive,
  listTagsOfResource,
  tagResource,
  untagResource,
  updateTable,
  updateTimeToLive,
} from './table-admin.js';
import { createTable, deleteTable, describeTable, listTables } from './tables.js';
import { transactGetItems, transactWriteItems } from './transactions.js';
import { validation } from './validation/errors.js';

export class DynamoDBService extends DynamoDBServiceBase {
  protected readonly stores = new AccountRegionStore((accountId, region) => new DynamoDBState(accountId, region));

  reset(): void {
    this.stores.clear();
  }

  /**
   * DynamoDB answers an AttributeValue with no or several types set with ValidationException, where the awsJson
   * reader would say SerializationException (AttributeValue is DynamoDB's only union).
   */
  mapParseError(error: unknown): AwsServiceError | undefined {
    if (!(error instanceof UnionMemberCountError)) return undefined;
    return error.count === 0
      ? validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes')
      : validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
  }

  protected state(ctx: RequestContext): DynamoDBState {
    return this.stores.get(ctx.accountId, ctx.region);
  }

  override async createTable(input: CreateTableInput, ctx: RequestContext): Promise<CreateTableOutput> {
    return createTable(this.state(ctx), input);
  }

  override async describeTable(input: DescribeTableInput, ctx: RequestContext): Promise<DescribeTableOutput> {
    return describeTable(this.state(ctx), input);
  }

  override async deleteTable(input: DeleteTableInput, ctx: RequestContext): Promise<DeleteTableOutput> {
    return deleteTable(this.state(ctx), input);
  }

  override async listTables(input: ListTablesInput, ctx: RequestContext): Promise<ListTablesOutput> {
    return listTables(this.state(ctx), input);
  }

  override async putItem(input: PutItemInput, ctx: RequestContext): Promise<PutItemOutput> {
    return putItem(this.state(ctx), input);
  }

  override async getItem(input: GetItemInput, ctx: RequestContext): Promise<GetItemOutput> {
    return getItem(this.state(ctx), input);
  }

  override async updateItem(input: UpdateItemInput, ctx: RequestContext): Promise<UpdateItemOutput> {
    return updateItem(this.state(ctx), input);
  }

  override async deleteItem(input: DeleteItemInput, ctx: RequestContext): Promise<DeleteItemOutput> {
    return deleteItem(this.state(ctx), input);
  }

  override async query(input: QueryInput, ctx: RequestContext): Promise<QueryOutput> {
    return query(this.state(ctx), input);
  }

  override async scan(input: ScanInput, ctx: RequestContext): Promise<ScanOutput> {
    return scan(this.state(ctx), input);
  }

  override async batchWriteItem(input: BatchWriteItemInput, ctx: RequestContext): Promise<BatchWriteItemOutput> {
    return batchWriteItem(this.state(ctx), input);
  }

  override async batchGetItem(input: BatchGetItemInput, ctx: RequestContext): Promise<BatchGetItemOutput> {
    return batchGetItem(this.state(ctx), input);
  }

  override async transactWriteItems(input: TransactWriteItemsInput, ctx: RequestContext): Promise<TransactWriteItemsOutput> {
    return transactWriteItems(this.state(ctx), input);
  }

  override async transactGetItems(input: TransactGetItemsInput, ctx: RequestContext): Promise<TransactGetItemsOutput> {
    return transactGetItems(this.state(ctx), input);
  }

  override async updateTable(input: UpdateTableInput, ctx: RequestContext): Promise<UpdateTableOutput> {
    return updateTable(this.state(ctx), input);
  }

  override async describeTimeToLive(input: DescribeTimeToLiveInput, ctx: RequestContext): Promise<DescribeTimeToLiveOutput> {
    return describeTimeToLive(this.state(ctx), input);
  }

  override async updateTimeToLive(input: UpdateTimeToLiveInput, ctx: RequestContext): Promise<UpdateTimeToLiveOutput> {
    return updateTimeToLive(this.state(ctx), input);
  }

  override async tagResource(input: TagResourceInput, ctx: RequestContext): Promise<void> {
    tagResource(this.state(ctx), input);
  }

  override async untagResource(input: UntagResourceInput, ctx: RequestContext): Promise<void> {
    untagResource(this.state(ctx), input);
  }

  override async listTagsOfResource(input: ListTagsOfResourceInput, ctx: RequestContext): Promise<ListTagsOfResourceOutput> {
    return listTagsOfResource(this.state(ctx), input);
  }

  override async describeEndpoints(_input: DescribeEndpointsRequest, ctx: RequestContext): Promise<DescribeEndpointsResponse> {
    return describeEndpoints(new URL(ctx.baseUrl).host);
  }

  override async describeLimits(_input: DescribeLimitsInput, _ctx: RequestContext): Promise<DescribeLimitsOutput> {
    return describeLimits();
  }

  override async executeStatement(input: ExecuteStatementInput, ctx: RequestContext): Promise<ExecuteStatementOutput> {
    return executeStatement(this.state(ctx), input);
  }

  override async batchExecuteStatement(input: BatchExecuteStatementInput, ctx: RequestContext): Promise<BatchExecuteStatementOutput> {
    return batchExecuteStatement(this.state(ctx), input);
  }

  override async executeTransaction(input: ExecuteTransactionInput, ctx: RequestContext): Promise<ExecuteTransactionOutput> {
    return executeTransaction(this.state(ctx), input);
  }
}
