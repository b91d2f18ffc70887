/** Lambda's control plane through the JS SDK v3: functions, versions, aliases, account settings and their errors. */
import { createHash } from 'node:crypto';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAccountSettingsCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  type LambdaServiceException,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { lambda, uniqueName } from '../../support/clients.js';
import { createFunction, ROLE, zipOf } from './helpers.js';

const HANDLER = 'def handler(event, context):\n    return event\n';

async function failure(promise: Promise<unknown>): Promise<LambdaServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as LambdaServiceException;
  }
  throw new Error('expected the call to fail');
}

describe('Lambda functions', () => {
  it('creates a function that reports Pending, then Active on GetFunction, with AWS defaults', async () => {
    const client = lambda();
    const name = uniqueName('create');
    const zip = zipOf({ 'app.py': HANDLER });
    const created = await client.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'python3.12',
        Handler: 'app.handler',
        Role: ROLE,
        Code: { ZipFile: zip },
        Environment: { Variables: { STAGE: 'test' } },
        Layers: ['arn:aws:lambda:us-east-1:000000000000:layer:deps:1'],
        Architectures: ['arm64'],
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({
      FunctionName: name,
      FunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      State: 'Pending',
      StateReasonCode: 'Creating',
      Version: '$LATEST',
      Timeout: 3,
      MemorySize: 128,
      PackageType: 'Zip',
      Architectures: ['arm64'],
      EphemeralStorage: { Size: 512 },
      TracingConfig: { Mode: 'PassThrough' },
      Environment: { Variables: { STAGE: 'test' } },
      Layers: [{ Arn: 'arn:aws:lambda:us-east-1:000000000000:layer:deps:1', CodeSize: 0 }],
      CodeSize: zip.length,
      CodeSha256: createHash('sha256').update(zip).digest('base64'),
    });
    expect(created.RuntimeVersionConfig?.RuntimeVersionArn).toMatch(/^arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/);
    expect(created.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const got = await client.send(new GetFunctionCommand({ FunctionName: name }));
    expect(got.Configuration?.State).toBe('Active');
    expect(got.Configuration?.LastUpdateStatus).toBe('Successful');
    const config = await client.send(new GetFunctionConfigurationCommand({ FunctionName: created.FunctionArn }));
    expect(config.FunctionName).toBe(name);
  });

  it('serves the deployment package at GetFunction Code.Location', async () => {
    const client = lambda();
    const zip = zipOf({ 'app.py': HANDLER, 'lib/data.txt': 'hello' });
    const name = uniqueName('download');
    await client.send(
      new CreateFunctionCommand({ FunctionName: name, Runtime: 'python3.12', Handler: 'app.handler', Role: ROLE, Code: { ZipFile: zip } }),
    );
    const got = await client.send(new GetFunctionCommand({ FunctionName: name }));
    expect(got.Code?.RepositoryType).toBe('S3');
    const res = await fetch(got.Code?.Location ?? '');
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(zip))).toBe(true);
    await client.send(new DeleteFunctionCommand({ FunctionName: name }));
    expect((await fetch(got.Code?.Location ?? '')).status).toBe(404);
  });

  it('rejects a duplicate name with ResourceConflictException', async () => {
    const client = lambda();
    const name = await createFunction(client, { 'app.py': HANDLER });
    const error = await failure(createFunction(client, { 'app.py': HANDLER }, { FunctionName: name }));
    expect(error.name).toBe('ResourceConflictException');
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(error.message).toBe(`Function already exist: ${name}`);
  });

  it('rejects a package that is not a zip with InvalidParameterValueException', async () => {
    const error = await failure(
      lambda().send(
        new CreateFunctionCommand({
          FunctionName: uniqueName('badzip'),
          Runtime: 'python3.12',
          Handler: 'app.handler',
          Role: ROLE,
          Code: { ZipFile: strToU8('not a zip') },
        }),
      ),
    );
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe('Could not unzip uploaded file. Please check your file, then try to upload again.');
  });

  it('rejects a zip whose entries escape the code directory', async () => {
    const zip = zipSync({ '../../escape.py': strToU8('x = 1') });
    const error = await failure(
      lambda().send(
        new CreateFunctionCommand({
          FunctionName: uniqueName('escape'),
          Runtime: 'python3.12',
          Handler: 'app.handler',
          Role: ROLE,
          Code: { ZipFile: zip },
        }),
      ),
    );
    expect(error.name).toBe('InvalidParameterValueException');
  });

  it('rejects environment variables over 4 KB', async () => {
    const error = await failure(createFunction(lambda(), { 'app.py': HANDLER }, { Environment: { Variables: { BIG: 'x'.repeat(5000) } } }));
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.message).toMatch(
      /^Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit\. String measured: \{"BIG":"x+"\}$/,
    );
  });

  it('validates Role, Runtime and Architectures with AWS wording', async () => {
    const role = await failure(createFunction(lambda(), { 'app.py': HANDLER }, { Role: 'r1' }));
    expect(role.name).toBe('ValidationException');
    expect(role.message).toMatch(
      /^1 validation error detected: Value 'r1' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: /,
    );
    const runtime = await failure(createFunction(lambda(), { 'app.py': HANDLER }, { Runtime: 'PYTHON3.9' as 'python3.9' }));
    expect(runtime.name).toBe('InvalidParameterValueException');
    expect(runtime.message).toMatch(
      /^Value PYTHON3\.9 at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[.*python3\.12.*\] or be a valid ARN$/,
    );
    const arch = await failure(createFunction(lambda(), { 'app.py': HANDLER }, { Architectures: ['x86_64', 'arm64'] }));
    expect(arch.name).toBe('ValidationException');
    expect(arch.message).toBe(
      "1 validation error detected: Value '[x86_64, arm64]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1",
    );
  });

  it('refuses environment variable names outside the model pattern, on create and on update', async () => {
    const message =
      "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]";
    for (const name of ['', 'A', 'has-dash', '1ST']) {
      const error = await failure(createFunction(lambda(), { 'app.py': HANDLER }, { Environment: { Variables: { [name]: 'x' } } }));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toBe(message);
    }
    const FunctionName = await createFunction(lambda(), { 'app.py': HANDLER }, { Environment: { Variables: { OK_1: 'x' } } });
    const update = await failure(
      lambda().send(new UpdateFunctionConfigurationCommand({ FunctionName, Environment: { Variables: { OK_1: 'x', 'bad name': 'y' } } })),
    );
    expect(update.message).toBe(message);
  });

  it('names the required members a CreateFunction left out, and creates nothing', async () => {
    const FunctionName = uniqueName('no-code');
    const missing = { FunctionName, Runtime: 'python3.12', Handler: 'app.handler' } as ConstructorParameters<
      typeof CreateFunctionCommand
    >[0];
    const error = await failure(lambda().send(new CreateFunctionCommand(missing)));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "2 validation errors detected: Value null at 'role' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'code' failed to satisfy constraint: Member must not be null",
    );
    expect((await failure(lambda().send(new GetFunctionCommand({ FunctionName })))).name).toBe('ResourceNotFoundException');
  });

  it('refuses an ARN from another region', async () => {
    const name = await createFunction(lambda(), { 'app.py': HANDLER });
    const error = await failure(
      lambda().send(new GetFunctionCommand({ FunctionName: `arn:aws:lambda:eu-west-1:000000000000:function:${name}` })),
    );
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe("Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
  });

  it('answers an unknown function with ResourceNotFoundException naming its ARN', async () => {
    const name = uniqueName('missing');
    const error = await failure(lambda().send(new GetFunctionCommand({ FunctionName: name })));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toBe(`Function not found: arn:aws:lambda:us-east-1:000000000000:function:${name}`);
    expect((error as unknown as { Type?: string }).Type).toBe('User');
  });

  it('lists functions in pages with Marker and NextMarker', async () => {
    const client = lambda();
    const prefix = uniqueName('page');
    for (const i of [1, 2, 3]) await createFunction(client, { 'app.py': HANDLER }, { FunctionName: `${prefix}-${i}` });
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await client.send(new ListFunctionsCommand({ MaxItems: 2, ...(marker ? { Marker: marker } : {}) }));
      expect(page.Functions?.length).toBeLessThanOrEqual(2);
      for (const fn of page.Functions ?? []) if (fn.FunctionName?.startsWith(prefix)) seen.push(fn.FunctionName);
      marker = page.NextMarker;
    } while (marker);
    expect(seen).toEqual([`${prefix}-1`, `${prefix}-2`, `${prefix}-3`]);
  });

  it('updates code and configuration with a new revision and InProgress, then Successful', async () => {
    const client = lambda();
    const name = await createFunction(client, { 'app.py': HANDLER });
    const before = await client.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    const zip = zipOf({ 'app.py': 'def handler(e, c):\n    return 2\n' });
    const code = await client.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zip }));
    expect(code.LastUpdateStatus).toBe('InProgress');
    expect(code.CodeSha256).toBe(createHash('sha256').update(zip).digest('base64'));
    expect(code.RevisionId).not.toBe(before.RevisionId);
    const config = await client.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 10, MemorySize: 256, Environment: { Variables: { AB: '1' } } }),
    );
    expect(config).toMatchObject({ Timeout: 10, MemorySize: 256, Environment: { Variables: { AB: '1' } } });
    const after = await client.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    expect(after).toMatchObject({ LastUpdateStatus: 'Successful', Timeout: 10, CodeSha256: code.CodeSha256 });
    const stale = await failure(
      client.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, RevisionId: before.RevisionId ?? '', Timeout: 5 })),
    );
    expect(stale.name).toBe('PreconditionFailedException');
  });

  it('answers CreateFunction with Publish with the first published version', async () => {
    const name = uniqueName('publish');
    const created = await lambda().send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'python3.12',
        Handler: 'app.handler',
        Role: ROLE,
        Code: { ZipFile: zipOf({ 'app.py': HANDLER }) },
        Publish: true,
      }),
    );
    expect(created).toMatchObject({
      Version: '1',
      FunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      State: 'Pending',
    });
  });

  it('publishes versions and lists them after $LATEST', async () => {
    const client = lambda();
    const name = await createFunction(client, { 'app.py': HANDLER });
    const v1 = await client.send(new PublishVersionCommand({ FunctionName: name, Description: 'first' }));
    expect(v1).toMatchObject({
      Version: '1',
      Description: 'first',
      FunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}:1`,
    });
    const again = await client.send(new PublishVersionCommand({ FunctionName: name }));
    expect(again.Version).toBe('1');
    const published = await client.send(
      new UpdateFunctionCodeCommand({
        FunctionName: name,
        ZipFile: zipOf({ 'app.py': 'def handler(e, c):\n    return 2\n' }),
        Publish: true,
      }),
    );
    expect(published.Version).toBe('2');
    expect(published.FunctionArn).toBe(`arn:aws:lambda:us-east-1:000000000000:function:${name}:2`);
    const versions = await client.send(new ListVersionsByFunctionCommand({ FunctionName: name }));
    expect(versions.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1', '2']);
    const v1config = await client.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: '1' }));
    expect(v1config.CodeSha256).toBe(v1.CodeSha256);
    await client.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: '1' }));
    const missing = await failure(client.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: '1' })));
    expect(missing.message).toBe(`Function not found: arn:aws:lambda:us-east-1:000000000000:function:${name}:1`);
  });

  it('lists published versions too with FunctionVersion ALL', async () => {
    const client = lambda();
    const name = await createFunction(client, { 'app.py': HANDLER });
    await client.send(new PublishVersionCommand({ FunctionName: name }));
    const mine = async (all: boolean) => {
      const versions: string[] = [];
      let marker: string | undefined;
      do {
        const page = await client.send(
          new ListFunctionsCommand({ ...(all ? { FunctionVersion: 'ALL' } : {}), ...(marker ? { Marker: marker } : {}) }),
        );
        for (const fn of page.Functions ?? []) if (fn.FunctionName === name) versions.push(fn.Version ?? '');
        marker = page.NextMarker;
      } while (marker);
      return versions;
    };
    expect(await mine(false)).toEqual(['$LATEST']);
    expect(await mine(true)).toEqual(['$LATEST', '1']);
  });

  it('creates, gets, lists, updates and deletes aliases', async () => {
    const client = lambda();
    const name = await createFunction(client, { 'app.py': HANDLER });
    await client.send(new PublishVersionCommand({ FunctionName: name }));
    const alias = await client.send(new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: '1' }));
    expect(alias).toMatchObject({
      Name: 'live',
      FunctionVersion: '1',
      AliasArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}:live`,
    });
    const dup = await failure(client.send(new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: '1' })));
    expect(dup.name).toBe('ResourceConflictException');
    const viaAlias = await client.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: 'live' }));
    expect(viaAlias.Version).toBe('1');
    const updated = await client.send(new UpdateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: '$LATEST' }));
    expect(updated.FunctionVersion).toBe('$LATEST');
    expect((await client.send(new GetAliasCommand({ FunctionName: name, Name: 'live' }))).FunctionVersion).toBe('$LATEST');
    expect((await client.send(new ListAliasesCommand({ FunctionName: name }))).Aliases?.map((a) => a.Name)).toEqual(['live']);
    await client.send(new DeleteAliasCommand({ FunctionName: name, Name: 'live' }));
    const gone = await failure(client.send(new GetAliasCommand({ FunctionName: name, Name: 'live' })));
    expect(gone.name).toBe('ResourceNotFoundException');
    expect(gone.message).toBe(`Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:${name}:live`);
    const update = await failure(client.send(new UpdateAliasCommand({ FunctionName: name, Name: 'live', Description: 'x' })));
    expect(update.name).toBe('ResourceNotFoundException');
    expect(update.message).toBe(`Alias not found: arn:aws:lambda:us-east-1:000000000000:function:${name}:live`);
  });

  it('deletes only the version a qualified name designates, and refuses $LATEST alone', async () => {
    const client = lambda();
    const name = await createFunction(client, { 'app.py': HANDLER });
    await client.send(new PublishVersionCommand({ FunctionName: name }));
    await client.send(new DeleteFunctionCommand({ FunctionName: `${name}:1` }));
    expect((await client.send(new GetFunctionConfigurationCommand({ FunctionName: name }))).Version).toBe('$LATEST');
    const again = await failure(client.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: '1' })));
    expect(again.message).toBe(`Function not found: arn:aws:lambda:us-east-1:000000000000:function:${name}`);
    const latest = await failure(client.send(new DeleteFunctionCommand({ FunctionName: uniqueName('none'), Qualifier: '$LATEST' })));
    expect(latest.name).toBe('InvalidParameterValueException');
    expect(latest.message).toBe('$LATEST version cannot be deleted without deleting the function.');
  });

  it('validates alias names and ListFunctions FunctionVersion', async () => {
    const client = lambda();
    const name = await createFunction(client, { 'app.py': HANDLER });
    const alias = await failure(client.send(new CreateAliasCommand({ FunctionName: name, Name: '2024', FunctionVersion: '$LATEST' })));
    expect(alias.name).toBe('ValidationException');
    expect(alias.message).toBe(
      "1 validation error detected: Value '2024' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)",
    );
    const list = await failure(client.send(new ListFunctionsCommand({ FunctionVersion: 'invalid' as 'ALL' })));
    expect(list.name).toBe('ValidationException');
    expect(list.message).toBe(
      "1 validation error detected: Value 'invalid' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]",
    );
  });

  it('deletes a function so it is no longer found', async () => {
    const client = lambda();
    const name = await createFunction(client, { 'app.py': HANDLER });
    await client.send(new DeleteFunctionCommand({ FunctionName: name }));
    const error = await failure(client.send(new GetFunctionConfigurationCommand({ FunctionName: name })));
    expect(error.name).toBe('ResourceNotFoundException');
  });

  it('reports account limits and usage', async () => {
    const settings = await lambda().send(new GetAccountSettingsCommand({}));
    expect(settings.AccountLimit).toMatchObject({ CodeSizeZipped: 52428800, CodeSizeUnzipped: 262144000, ConcurrentExecutions: 1000 });
    expect(settings.AccountUsage?.FunctionCount).toBeGreaterThanOrEqual(0);
  });
});
