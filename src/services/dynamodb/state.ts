/** DynamoDB state for one account and region: its tables by name. */
import { ResourceNotFoundException } from '../../../generated/dynamodb/index.js';
import type { Table } from './table.js';

export class DynamoDBState {
  readonly tables = new Map<string, Table>();

  constructor(
    readonly accountId: string,
    readonly region: string,
  ) {}

  get arnPrefix(): string {
    return `arn:aws:dynamodb:${this.region}:${this.accountId}`;
  }

  /** Item and query operations say just "Requested resource not found"; table operations name the table. */
  table(name: string, detailed = false): Table {
    const table = this.tables.get(name);
    if (!table) {
      throw new ResourceNotFoundException(
        detailed ? `Requested resource not found: Table: ${name} not found` : 'Requested resource not found',
      );
    }
    // TTL expiry happens as the table is used, so expired items never show in a read.
    table.expire(Date.now());
    return table;
  }
}
