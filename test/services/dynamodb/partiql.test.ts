/** ExecuteStatement and BatchExecuteStatement (PartiQL) through the JS SDK v3. */
import {
  type AttributeValue,
  BatchExecuteStatementCommand,
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
  GetItemCommand,
} from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamodb } from '../../support/clients.js';
import { failure, makeRangeTable } from './helpers.js';

const client = dynamodb();
let table: string;
const run = (Statement: string, Parameters?: AttributeValue[], extra: { Limit?: number; NextToken?: string | undefined } = {}) =>
  client.send(new ExecuteStatementCommand({ Statement, Parameters, ...extra }));

beforeAll(async () => {
  table = await makeRangeTable(client);
  for (let sk = 1; sk <= 6; sk++) {
    await run(`INSERT INTO "${table}" VALUE {'pk': 'a', 'sk': ?, 'gpk': 'G', 'gsk': ?, 'tag': ?}`, [
      { N: String(sk) },
      { N: String(sk * 10) },
      { S: sk % 2 ? 'odd' : 'even' },
    ]);
  }
});

describe('PartiQL', () => {
  it('INSERTs and SELECTs by key with parameters and a projection', async () => {
    const out = await run(`SELECT sk, tag FROM "${table}" WHERE pk = ? AND sk = ?`, [{ S: 'a' }, { N: '3' }]);
    expect(out.Items).toEqual([{ sk: { N: '3' }, tag: { S: 'odd' } }]);
  });

  it('SELECTs a partition with a filter, in sort-key order', async () => {
    const out = await run(`SELECT * FROM "${table}" WHERE pk = 'a' AND tag = 'even' AND sk BETWEEN 2 AND 5`);
    expect(out.Items?.map((i) => i.sk?.N)).toEqual(['2', '4']);
  });

  it('SELECTs from an index', async () => {
    const out = await run(`SELECT gsk FROM "${table}"."gsi" WHERE gpk = 'G' AND gsk > 40`);
    expect(out.Items?.map((i) => i.gsk?.N)).toEqual(['50', '60']);
  });

  it('pages a SELECT with Limit and NextToken', async () => {
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const out = await run(`SELECT sk FROM "${table}" WHERE pk = 'a'`, undefined, { Limit: 4, NextToken });
      seen.push(...(out.Items ?? []).map((i) => i.sk?.N as string));
      NextToken = out.NextToken;
    } while (NextToken);
    expect(seen).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('UPDATEs with SET and REMOVE, and DELETEs', async () => {
    await run(`UPDATE "${table}" SET n = 5 SET tag = 'changed' REMOVE gsk WHERE pk = 'a' AND sk = 1`);
    const item = await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'a' }, sk: { N: '1' } } }));
    expect(item.Item).toEqual({ pk: { S: 'a' }, sk: { N: '1' }, gpk: { S: 'G' }, tag: { S: 'changed' }, n: { N: '5' } });
    await run(`DELETE FROM "${table}" WHERE pk = 'a' AND sk = 1`);
    expect((await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'a' }, sk: { N: '1' } } }))).Item).toBeUndefined();
  });

  it('rejects a duplicate INSERT with DuplicateItemException', async () => {
    const err = await failure(run(`INSERT INTO "${table}" VALUE {'pk': 'a', 'sk': 2}`));
    expect(err.name).toBe('DuplicateItemException');
    expect(err.message).toBe('Duplicate primary key exists in table');
  });

  it('fails an UPDATE of a missing item with ConditionalCheckFailedException', async () => {
    const err = await failure(run(`UPDATE "${table}" SET x = 1 WHERE pk = 'none' AND sk = 1`));
    expect(err.name).toBe('ConditionalCheckFailedException');
  });

  it('rejects an UPDATE without the whole key', async () => {
    const err = await failure(run(`UPDATE "${table}" SET x = 1 WHERE pk = 'a'`));
    expect(err.message).toBe('Where clause does not contain a mandatory equality on all key attributes');
  });

  it('rejects a malformed statement', async () => {
    const err = await failure(run(`SELEC * FROM "${table}"`));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/^Statement wasn't well formed, can't be processed: /);
  });

  it('runs a batch, reporting each statement’s error in place', async () => {
    const out = await client.send(
      new BatchExecuteStatementCommand({
        Statements: [
          { Statement: `SELECT * FROM "${table}" WHERE pk = 'a' AND sk = 2` },
          { Statement: `INSERT INTO "${table}" VALUE {'pk': 'a', 'sk': 2}` },
          { Statement: `INSERT INTO "${table}" VALUE {'pk': 'b', 'sk': 1}` },
        ],
      }),
    );
    expect(out.Responses?.[0]?.Item?.sk).toEqual({ N: '2' });
    expect(out.Responses?.[1]?.Error?.Code).toBe('DuplicateItem');
    expect(out.Responses?.[2]).toEqual({ TableName: table });
  });

  it('rejects a batch or transaction entry without a Statement, naming it by position, and runs nothing', async () => {
    const noStatement = {} as { Statement: string };
    const insert = { Statement: `INSERT INTO "${table}" VALUE {'pk': 'nostmt', 'sk': 1}` };
    const batch = await failure(client.send(new BatchExecuteStatementCommand({ Statements: [insert, noStatement] })));
    expect(batch.name).toBe('ValidationException');
    expect(batch.message).toBe(
      "1 validation error detected: Value null at 'statements.2.member.statement' failed to satisfy constraint: Member must not be null",
    );
    const transaction = await failure(
      client.send(new ExecuteTransactionCommand({ TransactStatements: [insert, noStatement, noStatement] })),
    );
    expect(transaction.message).toBe(
      "2 validation errors detected: Value null at 'transactStatements.2.member.statement' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'transactStatements.3.member.statement' failed to satisfy constraint: Member must not be null",
    );
    const left = await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'nostmt' }, sk: { N: '1' } } }));
    expect(left.Item).toBeUndefined();
  });

  it('runs ExecuteTransaction all-or-nothing with CancellationReasons', async () => {
    const err = await failure(
      client.send(
        new ExecuteTransactionCommand({
          TransactStatements: [
            { Statement: `INSERT INTO "${table}" VALUE {'pk': 'tx', 'sk': 1}` },
            { Statement: `INSERT INTO "${table}" VALUE {'pk': 'a', 'sk': 2}` },
          ],
        }),
      ),
    );
    expect(err.name).toBe('TransactionCanceledException');
    expect(err.raw.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' },
    ]);
    expect((await run(`SELECT * FROM "${table}" WHERE pk = 'tx'`)).Items).toEqual([]);
    await client.send(
      new ExecuteTransactionCommand({
        TransactStatements: [
          { Statement: `INSERT INTO "${table}" VALUE {'pk': 'tx', 'sk': 1}` },
          { Statement: `UPDATE "${table}" SET t = 1 WHERE pk = 'a' AND sk = 2` },
        ],
      }),
    );
    const got = await client.send(
      new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `SELECT pk, t FROM "${table}" WHERE pk = 'a' AND sk = 2` }] }),
    );
    expect(got.Responses).toEqual([{ Item: { pk: { S: 'a' }, t: { N: '1' } } }]);
  });
});
