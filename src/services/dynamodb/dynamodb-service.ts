/** Standin's DynamoDB: the generated DynamoDBServiceBase with the operations implemented so far. */
import { DynamoDBServiceBase, type ListTablesInput, type ListTablesOutput } from '../../../generated/dynamodb/index.js';
import { AccountRegionStore } from '../../runtime/account-region-store.js';
import type { RequestContext } from '../../runtime/request.js';

export class DynamoDBService extends DynamoDBServiceBase {
  /** Table names per account and region. Tables arrive with the DynamoDB issue. */
  private readonly tables = new AccountRegionStore(() => new Set<string>());

  reset(): void {
    this.tables.clear();
  }

  override async listTables(_input: ListTablesInput, ctx: RequestContext): Promise<ListTablesOutput> {
    return { TableNames: [...this.tables.get(ctx.accountId, ctx.region)].sort() };
  }
}
