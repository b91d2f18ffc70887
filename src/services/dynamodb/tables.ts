/** CreateTable, DescribeTable, DeleteTable, ListTables and the TableDescription they return. */
import {
  type CreateTableInput,
  type CreateTableOutput,
  type DeleteTableInput,
  type DeleteTableOutput,
  type DescribeTableInput,
  type DescribeTableOutput,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type ListTablesInput,
  type ListTablesOutput,
  type LocalSecondaryIndex,
  type Projection,
  type ProvisionedThroughput,
  ResourceInUseException,
  type TableDescription,
} from '../../../generated/dynamodb/index.js';
import type { DynamoDBState } from './state.js';
import { type SecondaryIndex, Table, type Throughput } from './table.js';
import { Constraints } from './validation/constraints.js';
import { invalidParameter, validation } from './validation/errors.js';

function checkKeySchema(schema: KeySchemaElement[], path: string, c: Constraints): void {
  c.length(schema, undefined, path, 1, 2);
  schema.forEach((k, i) => {
    c.notNull(k.AttributeName, `${path}.${i + 1}.member.attributeName`);
    c.enumValue(k.KeyType, `${path}.${i + 1}.member.keyType`, ['HASH', 'RANGE']);
  });
}

function keySchemaShape(schema: KeySchemaElement[]): void {
  const [first, second] = schema;
  if (first?.KeyType !== 'HASH') throw validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (second && second.KeyType !== 'RANGE') throw validation('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  if (second && second.AttributeName === first.AttributeName) {
    throw validation('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  }
}

function throughputOf(t: ProvisionedThroughput | undefined): Throughput | undefined {
  return t ? { read: t.ReadCapacityUnits ?? 0, write: t.WriteCapacityUnits ?? 0 } : undefined;
}

function checkProjection(p: Projection | undefined, indexName: string): Projection {
  if (!p) throw invalidParameter(`Projection must be specified for index: ${indexName}`);
  const type = p.ProjectionType ?? 'ALL';
  if (type !== 'INCLUDE' && p.NonKeyAttributes !== undefined) {
    throw invalidParameter(`ProjectionType is ${type}, but NonKeyAttributes is specified`);
  }
  if (type === 'INCLUDE' && (p.NonKeyAttributes ?? []).length === 0) {
    throw invalidParameter('NonKeyAttributes must be specified when ProjectionType is INCLUDE');
  }
  return type === 'INCLUDE' ? { ProjectionType: type, NonKeyAttributes: p.NonKeyAttributes ?? [] } : { ProjectionType: type };
}

export function createTable(state: DynamoDBState, input: CreateTableInput): CreateTableOutput {
  const c = new Constraints().tableName(input.TableName);
  c.notNull(input.AttributeDefinitions, 'attributeDefinitions').notNull(input.KeySchema, 'keySchema');
  if (input.KeySchema) checkKeySchema(input.KeySchema, 'keySchema', c);
  c.enumValue(input.BillingMode, 'billingMode', ['PROVISIONED', 'PAY_PER_REQUEST']);
  if (input.ProvisionedThroughput) {
    c.range(input.ProvisionedThroughput.ReadCapacityUnits, 'provisionedThroughput.readCapacityUnits', 1);
    c.range(input.ProvisionedThroughput.WriteCapacityUnits, 'provisionedThroughput.writeCapacityUnits', 1);
  }
  c.check();
  const keySchema = input.KeySchema as KeySchemaElement[];
  const defs = input.AttributeDefinitions ?? [];
  keySchemaShape(keySchema);

  const billing = input.BillingMode ?? 'PROVISIONED';
  if (billing === 'PAY_PER_REQUEST' && input.ProvisionedThroughput) {
    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html (BillingMode)
    throw invalidParameter('Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
  }
  if (billing === 'PROVISIONED' && !input.ProvisionedThroughput) {
    throw invalidParameter('ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED');
  }

  // Every key attribute (table and indexes) must be defined, and nothing else.
  const used = new Set<string>();
  const allSchemas = [
    keySchema,
    ...(input.LocalSecondaryIndexes ?? []).map((i) => i.KeySchema ?? []),
    ...(input.GlobalSecondaryIndexes ?? []).map((i) => i.KeySchema ?? []),
  ];
  for (const s of allSchemas) for (const k of s) used.add(k.AttributeName);
  const defined = defs.map((d) => d.AttributeName);
  const missing = [...used].filter((n) => !defined.includes(n));
  if (missing.length > 0) {
    throw invalidParameter(
      `Some index key attributes are not defined in AttributeDefinitions. Keys: [${missing.join(', ')}], AttributeDefinitions: [${defined.join(', ')}]`,
    );
  }
  if (defined.length !== used.size || new Set(defined).size !== defined.length) {
    throw invalidParameter('Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions');
  }
  if (state.tables.has(input.TableName)) throw new ResourceInUseException(`Table already exists: ${input.TableName}`);

  const table = new Table(
    input.TableName,
    keySchema,
    defs,
    billing,
    throughputOf(input.ProvisionedThroughput) ?? { read: 0, write: 0 },
    state.arnPrefix,
  );
  addIndexes(table, input.LocalSecondaryIndexes ?? [], input.GlobalSecondaryIndexes ?? [], billing);
  table.tags = input.Tags ?? [];
  table.deletionProtection = input.DeletionProtectionEnabled ?? false;
  setStream(table, input.StreamSpecification);
  table.sseSpecification = input.SSESpecification;
  table.tableClass = input.TableClass;
  state.tables.set(table.name, table);
  return { TableDescription: { ...describe(table), TableStatus: 'CREATING' } };
}

function addIndexes(table: Table, lsis: LocalSecondaryIndex[], gsis: GlobalSecondaryIndex[], billing: string): void {
  const names = new Set<string>();
  const unique = (name: string) => {
    if (names.has(name)) throw invalidParameter(`Duplicate index name: ${name}`);
    names.add(name);
  };
  if (lsis.length > 0 && !table.key.range) {
    throw invalidParameter('Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex');
  }
  for (const lsi of lsis) {
    const schema = lsi.KeySchema ?? [];
    keySchemaShape(schema);
    unique(lsi.IndexName);
    const hash = schema[0]?.AttributeName;
    if (hash !== table.key.hash) {
      throw invalidParameter(
        `Index KeySchema does not have the same leading hash key as table KeySchema for index: ${lsi.IndexName}. index hash key: ${hash}, table hash key: ${table.key.hash}`,
      );
    }
    table.addIndex(lsi.IndexName, 'LSI', schema, checkProjection(lsi.Projection, lsi.IndexName));
  }
  for (const gsi of gsis) {
    const schema = gsi.KeySchema ?? [];
    keySchemaShape(schema);
    unique(gsi.IndexName);
    if (billing === 'PAY_PER_REQUEST' && gsi.ProvisionedThroughput) {
      throw invalidParameter('Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
    }
    if (billing === 'PROVISIONED' && !gsi.ProvisionedThroughput) {
      throw invalidParameter(`ProvisionedThroughput must be specified for index: ${gsi.IndexName}`);
    }
    table.addIndex(gsi.IndexName, 'GSI', schema, checkProjection(gsi.Projection, gsi.IndexName), throughputOf(gsi.ProvisionedThroughput));
  }
}

function throughputDescription(t: Throughput | undefined) {
  return { ReadCapacityUnits: t?.read ?? 0, WriteCapacityUnits: t?.write ?? 0, NumberOfDecreasesToday: 0 };
}

function describeIndex(table: Table, idx: SecondaryIndex) {
  const base = {
    IndexName: idx.name,
    KeySchema: idx.keySchema,
    Projection: idx.projection,
    IndexSizeBytes: idx.index.bytes,
    ItemCount: idx.index.size,
    IndexArn: idx.arn,
  };
  if (idx.kind === 'LSI') return base;
  return {
    ...base,
    IndexStatus: 'ACTIVE' as const,
    ProvisionedThroughput: throughputDescription(table.billingMode === 'PAY_PER_REQUEST' ? undefined : idx.throughput),
  };
}

/** Records a stream specification; enabling streams starts a new stream label (ARNs end in /stream/<label>). */
export function setStream(table: Table, spec: CreateTableInput['StreamSpecification']): void {
  table.streamSpecification = spec;
  table.streamLabel = spec?.StreamEnabled ? new Date().toISOString().replace('Z', '') : undefined;
}

export function describe(table: Table): TableDescription {
  const lsis = [...table.indexes.values()].filter((i) => i.kind === 'LSI');
  const gsis = [...table.indexes.values()].filter((i) => i.kind === 'GSI');
  const out: TableDescription = {
    AttributeDefinitions: table.attributeDefinitions,
    TableName: table.name,
    KeySchema: table.keySchema,
    TableStatus: Date.now() < table.activeAt ? 'CREATING' : 'ACTIVE',
    CreationDateTime: table.createdAt,
    ProvisionedThroughput: throughputDescription(table.throughput),
    TableSizeBytes: table.sizeBytes,
    ItemCount: table.itemCount,
    TableArn: table.arn,
    TableId: table.id,
    DeletionProtectionEnabled: table.deletionProtection,
  };
  if (table.billingMode === 'PAY_PER_REQUEST' || table.lastPayPerRequest) {
    out.BillingModeSummary = { BillingMode: table.billingMode };
    if (table.lastPayPerRequest) out.BillingModeSummary.LastUpdateToPayPerRequestDateTime = table.lastPayPerRequest;
  }
  if (lsis.length > 0) out.LocalSecondaryIndexes = lsis.map((i) => describeIndex(table, i));
  if (gsis.length > 0) out.GlobalSecondaryIndexes = gsis.map((i) => describeIndex(table, i));
  if (table.streamSpecification?.StreamEnabled) {
    out.StreamSpecification = table.streamSpecification;
    if (table.streamLabel) {
      out.LatestStreamLabel = table.streamLabel;
      out.LatestStreamArn = `${table.arn}/stream/${table.streamLabel}`;
    }
  }
  if (table.sseSpecification?.Enabled) {
    // SSE with a KMS key; AWS names the AWS-managed key alias when none is given.
    out.SSEDescription = {
      Status: 'ENABLED',
      SSEType: 'KMS',
      KMSMasterKeyArn:
        table.sseSpecification.KMSMasterKeyId ?? `${table.arn.split(':table/')[0]?.replace(':dynamodb:', ':kms:')}:alias/aws/dynamodb`,
    };
  }
  if (table.tableClass) out.TableClassSummary = { TableClass: table.tableClass };
  return out;
}

export function describeTable(state: DynamoDBState, input: DescribeTableInput): DescribeTableOutput {
  new Constraints().tableName(input.TableName).check();
  const table = state.table(input.TableName, true);
  return { Table: describe(table) };
}

export function deleteTable(state: DynamoDBState, input: DeleteTableInput): DeleteTableOutput {
  new Constraints().tableName(input.TableName).check();
  const table = state.table(input.TableName, true);
  if (table.deletionProtection) {
    throw validation('Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.');
  }
  state.tables.delete(table.name);
  return { TableDescription: { ...describe(table), TableStatus: 'DELETING' } };
}

export function listTables(state: DynamoDBState, input: ListTablesInput): ListTablesOutput {
  const c = new Constraints().range(input.Limit, 'limit', 1, 100);
  if (input.ExclusiveStartTableName !== undefined) c.tableName(input.ExclusiveStartTableName, 'exclusiveStartTableName');
  c.check();
  const limit = input.Limit ?? 100;
  const names = [...state.tables.keys()].sort();
  const start = input.ExclusiveStartTableName;
  const after = start === undefined ? names : names.filter((n) => n > start);
  const page = after.slice(0, limit);
  const out: ListTablesOutput = { TableNames: page };
  if (after.length > limit && page.length > 0) out.LastEvaluatedTableName = page[page.length - 1];
  return out;
}
