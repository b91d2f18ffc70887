/** UpdateTable, TTL, tags, DescribeEndpoints and DescribeLimits. */
import {
  type DescribeEndpointsResponse,
  type DescribeLimitsOutput,
  type DescribeTimeToLiveInput,
  type DescribeTimeToLiveOutput,
  type ListTagsOfResourceInput,
  type ListTagsOfResourceOutput,
  ResourceNotFoundException,
  type TagResourceInput,
  type UntagResourceInput,
  type UpdateTableInput,
  type UpdateTableOutput,
  type UpdateTimeToLiveInput,
  type UpdateTimeToLiveOutput,
} from '../../../generated/dynamodb/index.js';
import type { DynamoDBState } from './state.js';
import type { Table } from './table.js';
import { describe, setStream } from './tables.js';
import { Constraints } from './validation/constraints.js';
import { invalidParameter, validation } from './validation/errors.js';

export function updateTable(state: DynamoDBState, input: UpdateTableInput): UpdateTableOutput {
  new Constraints().tableName(input.TableName).enumValue(input.BillingMode, 'billingMode', ['PROVISIONED', 'PAY_PER_REQUEST']).check();
  const table = state.table(input.TableName, true);
  const nothing =
    input.BillingMode === undefined &&
    input.ProvisionedThroughput === undefined &&
    input.GlobalSecondaryIndexUpdates === undefined &&
    input.StreamSpecification === undefined &&
    input.SSESpecification === undefined &&
    input.ReplicaUpdates === undefined &&
    input.DeletionProtectionEnabled === undefined &&
    input.TableClass === undefined;
  if (nothing) {
    // The list AWS answers with today (it names members the model does not expose yet).
    throw validation(
      'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required',
    );
  }
  const billing = input.BillingMode ?? table.billingMode;
  if (billing === 'PAY_PER_REQUEST' && input.ProvisionedThroughput) {
    throw invalidParameter('Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
  }
  if (input.BillingMode === 'PROVISIONED' && table.billingMode === 'PAY_PER_REQUEST' && !input.ProvisionedThroughput) {
    throw invalidParameter('ProvisionedThroughput must be specified when BillingMode is PROVISIONED');
  }
  const structural = (input.GlobalSecondaryIndexUpdates ?? []).filter((u) => u.Create || u.Delete).length;
  if (structural > 1) throw invalidParameter('Only one global secondary index can be created or deleted in a single operation');
  const created: string[] = [];
  for (const update of input.GlobalSecondaryIndexUpdates ?? []) applyIndexUpdate(table, update, input, billing, created);
  if (input.BillingMode !== undefined && input.BillingMode !== table.billingMode) {
    table.billingMode = input.BillingMode;
    if (input.BillingMode === 'PAY_PER_REQUEST') {
      table.lastPayPerRequest = new Date();
      table.throughput = { read: 0, write: 0 };
    }
  }
  if (input.ProvisionedThroughput) {
    table.throughput = {
      read: input.ProvisionedThroughput.ReadCapacityUnits ?? 0,
      write: input.ProvisionedThroughput.WriteCapacityUnits ?? 0,
    };
  }
  if (input.DeletionProtectionEnabled !== undefined) table.deletionProtection = input.DeletionProtectionEnabled;
  if (input.StreamSpecification !== undefined) setStream(table, input.StreamSpecification);
  if (input.SSESpecification !== undefined) table.sseSpecification = input.SSESpecification;
  if (input.TableClass !== undefined) table.tableClass = input.TableClass;
  const description = describe(table);
  // The response shows the change in progress; the next DescribeTable already shows it done.
  description.TableStatus = 'UPDATING';
  for (const gsi of description.GlobalSecondaryIndexes ?? [])
    if (gsi.IndexName && created.includes(gsi.IndexName)) gsi.IndexStatus = 'CREATING';
  return { TableDescription: description };
}

function applyIndexUpdate(
  table: Table,
  update: NonNullable<UpdateTableInput['GlobalSecondaryIndexUpdates']>[number],
  input: UpdateTableInput,
  billing: string,
  created: string[],
): void {
  if (update.Create) {
    const c = update.Create;
    if (table.indexes.has(c.IndexName)) throw validation('Attempting to create an index which already exists');
    for (const def of input.AttributeDefinitions ?? []) {
      const existing = table.attributeType(def.AttributeName);
      if (existing && existing !== def.AttributeType) {
        throw invalidParameter(`Cannot change the type of an existing attribute: ${def.AttributeName}`);
      }
      if (!existing) table.attributeDefinitions = [...table.attributeDefinitions, def];
    }
    for (const k of c.KeySchema) {
      if (!table.attributeType(k.AttributeName)) {
        throw invalidParameter(
          `Some index key attributes are not defined in AttributeDefinitions. Keys: [${k.AttributeName}], AttributeDefinitions: [${table.attributeDefinitions.map((d) => d.AttributeName).join(', ')}]`,
        );
      }
    }
    if (billing === 'PROVISIONED' && !c.ProvisionedThroughput)
      throw invalidParameter(`ProvisionedThroughput must be specified for index: ${c.IndexName}`);
    const throughput = c.ProvisionedThroughput
      ? { read: c.ProvisionedThroughput.ReadCapacityUnits ?? 0, write: c.ProvisionedThroughput.WriteCapacityUnits ?? 0 }
      : undefined;
    table.addIndex(c.IndexName, 'GSI', c.KeySchema, c.Projection, throughput);
    created.push(c.IndexName);
  } else if (update.Delete) {
    const idx = table.indexes.get(update.Delete.IndexName);
    if (!idx || idx.kind !== 'GSI')
      throw invalidParameter(`Attempting to delete an index which does not exist: ${update.Delete.IndexName}`);
    table.indexes.delete(idx.name);
  } else if (update.Update) {
    const idx = table.indexes.get(update.Update.IndexName);
    if (!idx || idx.kind !== 'GSI') throw invalidParameter(`The table does not have the specified index: ${update.Update.IndexName}`);
    const t = update.Update.ProvisionedThroughput;
    if (t) idx.throughput = { read: t.ReadCapacityUnits ?? 0, write: t.WriteCapacityUnits ?? 0 };
  }
}

export function describeTimeToLive(state: DynamoDBState, input: DescribeTimeToLiveInput): DescribeTimeToLiveOutput {
  new Constraints().tableName(input.TableName).check();
  const table = state.table(input.TableName, true);
  return {
    TimeToLiveDescription: table.ttlAttribute
      ? { TimeToLiveStatus: 'ENABLED', AttributeName: table.ttlAttribute }
      : { TimeToLiveStatus: 'DISABLED' },
  };
}

export function updateTimeToLive(state: DynamoDBState, input: UpdateTimeToLiveInput): UpdateTimeToLiveOutput {
  new Constraints().tableName(input.TableName).notNull(input.TimeToLiveSpecification, 'timeToLiveSpecification').check();
  const spec = input.TimeToLiveSpecification;
  new Constraints().length(spec.AttributeName, spec.AttributeName, 'timeToLiveSpecification.attributeName', 1, 255).check();
  const table = state.table(input.TableName, true);
  if (spec.Enabled && table.ttlAttribute) throw validation('TimeToLive is already enabled');
  if (!spec.Enabled && !table.ttlAttribute) throw validation('TimeToLive is already disabled');
  table.setTtl(spec.Enabled ? spec.AttributeName : undefined);
  return { TimeToLiveSpecification: { Enabled: spec.Enabled, AttributeName: spec.AttributeName } };
}

function tableForArn(state: DynamoDBState, arn: string): Table {
  const match = /^arn:aws[a-z-]*:dynamodb:([^:]+):(\d{12}):table\/([a-zA-Z0-9_.-]{3,255})$/.exec(arn);
  if (!match) throw validation(`Invalid TableArn: Invalid ResourceArn provided as input ${arn}`);
  const table = match[1] === state.region && match[2] === state.accountId ? state.tables.get(match[3] as string) : undefined;
  // The "ResourcArn" typo is DynamoDB's own.
  if (!table) throw new ResourceNotFoundException(`Requested resource not found: ResourcArn: ${arn} not found`);
  return table;
}

export function tagResource(state: DynamoDBState, input: TagResourceInput): void {
  new Constraints().notNull(input.ResourceArn, 'resourceArn').notNull(input.Tags, 'tags').check();
  const table = tableForArn(state, input.ResourceArn);
  const tags = new Map(table.tags.map((t) => [t.Key, t.Value]));
  for (const t of input.Tags) tags.set(t.Key, t.Value);
  if (tags.size > 50) throw validation('One or more parameter values were invalid: The number of tags exceeds the limit of 50');
  table.tags = [...tags].map(([Key, Value]) => ({ Key, Value }));
}

export function untagResource(state: DynamoDBState, input: UntagResourceInput): void {
  new Constraints().notNull(input.ResourceArn, 'resourceArn').notNull(input.TagKeys, 'tagKeys').check();
  const table = tableForArn(state, input.ResourceArn);
  const drop = new Set(input.TagKeys);
  table.tags = table.tags.filter((t) => !drop.has(t.Key));
}

export function listTagsOfResource(state: DynamoDBState, input: ListTagsOfResourceInput): ListTagsOfResourceOutput {
  new Constraints().notNull(input.ResourceArn, 'resourceArn').check();
  const table = tableForArn(state, input.ResourceArn);
  return { Tags: table.tags };
}

export function describeEndpoints(host: string): DescribeEndpointsResponse {
  // Clients with endpoint discovery cache this for CachePeriodInMinutes (1440 in AWS).
  return { Endpoints: [{ Address: host, CachePeriodInMinutes: 1440 }] };
}

/** AWS's default quotas: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html */
export function describeLimits(): DescribeLimitsOutput {
  return {
    AccountMaxReadCapacityUnits: 80000,
    AccountMaxWriteCapacityUnits: 80000,
    TableMaxReadCapacityUnits: 40000,
    TableMaxWriteCapacityUnits: 40000,
  };
}
