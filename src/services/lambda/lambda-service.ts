/** Standin's Lambda: the generated LambdaServiceBase with the control plane, versions, aliases and Invoke. */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import {
  type AliasConfiguration,
  type CreateAliasRequest,
  type CreateFunctionRequest,
  type DeleteAliasRequest,
  type DeleteFunctionRequest,
  type DeleteFunctionResponse,
  type FunctionConfiguration,
  type GetAccountSettingsResponse,
  type GetAliasRequest,
  type GetFunctionConfigurationRequest,
  type GetFunctionRequest,
  type GetFunctionResponse,
  InvalidParameterValueException,
  type InvocationRequest,
  type InvocationResponse,
  type InvokeAsyncRequest,
  type InvokeAsyncResponse,
  LambdaServiceBase,
  type ListAliasesRequest,
  type ListAliasesResponse,
  type ListFunctionsRequest,
  type ListFunctionsResponse,
  type ListTagsRequest,
  type ListTagsResponse,
  type ListVersionsByFunctionRequest,
  type ListVersionsByFunctionResponse,
  PreconditionFailedException,
  type PublishVersionRequest,
  RequestEntityTooLargeException,
  ResourceConflictException,
  ResourceNotFoundException,
  type TagResourceRequest,
  type UntagResourceRequest,
  type UpdateAliasRequest,
  type UpdateFunctionCodeRequest,
  type UpdateFunctionConfigurationRequest,
} from '../../../generated/lambda/index.js';
import { AccountRegionStore } from '../../runtime/account-region-store.js';
import type { RequestContext } from '../../runtime/request.js';
import { MAX_UNZIPPED, MAX_ZIPPED, removeCodeRoot } from './code.js';
import { codeFrom, fetchS3Code, type ObjectReader } from './code-source.js';
import {
  applyConfiguration,
  assertNew,
  checkRevision,
  functionArn,
  getFunction,
  LATEST,
  lastModified,
  newConfiguration,
  notFound,
  page,
  parseFunctionName,
  qualifierOf,
  resolveVersion,
} from './functions.js';
import { LambdaExecution } from './invoke.js';
import { type CodeRef, type LambdaFunction, LambdaRegionState } from './state.js';
import { checkAliasName, checkArchitectures, checkFunctionVersion, checkRequired, checkRole, checkRuntime } from './validation.js';

/** GetFunction's Code.Location points here; server/internal.ts serves it through `download`. */
export const CODE_PATH = '/_standin/lambda/code/';

// aws-wire-checklist.md §5.1: "the legacy InvokeAsync API keeps 256 KB".
const MAX_INVOKE_ASYNC = 262144;

export class LambdaService extends LambdaServiceBase {
  readonly store = new AccountRegionStore((accountId, region) => new LambdaRegionState(accountId, region));
  readonly execution = new LambdaExecution();
  /** One download token per package; weak, so a deleted function's zip is not kept alive by its URL. */
  private readonly downloads = new Map<string, WeakRef<CodeRef>>();
  private readonly tokens = new WeakMap<CodeRef, string>();

  /** @param readObject reads a zip from Standin's S3 for `Code.S3Bucket`/`S3Key` (wired by src/server). */
  constructor(private readonly readObject?: ObjectReader) {
    super();
    // Environments and unpacked code never outlive the server (main.ts exits on SIGINT/SIGTERM).
    process.once('exit', () => this.reset());
  }

  reset(): void {
    this.execution.retire();
    this.downloads.clear();
    this.store.clear();
    removeCodeRoot();
  }

  /** The zip behind a Code.Location token. */
  download(token: string): Uint8Array | undefined {
    return this.downloads.get(token)?.deref()?.zip;
  }

  private region(ctx: RequestContext): LambdaRegionState {
    return this.store.get(ctx.accountId, ctx.region);
  }

  override async createFunction(input: CreateFunctionRequest, ctx: RequestContext): Promise<FunctionConfiguration> {
    const state = this.region(ctx);
    checkRequired([
      ['functionName', input.FunctionName],
      ['role', input.Role],
      ['code', input.Code],
    ]);
    checkRole(input.Role);
    checkRuntime(input.Runtime);
    checkArchitectures(input.Architectures);
    assertNew(state, input.FunctionName);
    const code = codeFrom(await fetchS3Code(input.Code, this.readObject, ctx), input.FunctionName, input.PackageType);
    const config = newConfiguration(state, input, code);
    const fn: LambdaFunction = {
      name: input.FunctionName,
      arn: functionArn(state, input.FunctionName),
      latest: { config, code, revision: randomUUID() },
      versions: new Map(),
      aliases: new Map(),
      nextVersion: 1,
      tags: { ...input.Tags },
    };
    state.functions.set(fn.name, fn);
    // With Publish the answer carries the published Version but the unqualified ARN (measured against AWS in
    // floci-io/floci#2820; UpdateFunctionCode's answer is qualified).
    const answer = input.Publish ? { ...this.publish(state, fn), FunctionArn: fn.arn } : config;
    // Code is unpacked before we answer, so the function is Active at once; the create response still says
    // Pending as AWS's does ([aws-snap] lambda_create_fn), and waiters see Active on their first poll.
    return { ...answer, State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating' };
  }

  override async getFunction(input: GetFunctionRequest, ctx: RequestContext): Promise<GetFunctionResponse> {
    const state = this.region(ctx);
    const { fn, record } = resolveVersion(state, input.FunctionName, input.Qualifier);
    const out: GetFunctionResponse = { Configuration: record.config };
    if (record.code.zip) {
      let token = this.tokens.get(record.code);
      if (!token) {
        token = `${randomUUID()}.zip`;
        this.tokens.set(record.code, token);
        this.downloads.set(token, new WeakRef(record.code));
      }
      out.Code = { RepositoryType: 'S3', Location: `${ctx.baseUrl}${CODE_PATH}${token}` };
    } else if (record.code.imageUri) {
      out.Code = { RepositoryType: 'ECR', ImageUri: record.code.imageUri, ResolvedImageUri: record.code.imageUri };
    } else {
      out.Code = { RepositoryType: 'S3', Location: record.code.dir };
    }
    if (Object.keys(fn.tags).length) out.Tags = fn.tags;
    return out;
  }

  override async getFunctionConfiguration(input: GetFunctionConfigurationRequest, ctx: RequestContext): Promise<FunctionConfiguration> {
    return resolveVersion(this.region(ctx), input.FunctionName, input.Qualifier).record.config;
  }

  override async listFunctions(input: ListFunctionsRequest, ctx: RequestContext): Promise<ListFunctionsResponse> {
    const state = this.region(ctx);
    checkFunctionVersion(input.FunctionVersion);
    const all = [...state.functions.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    const configs =
      input.FunctionVersion === 'ALL'
        ? all.flatMap((fn) => [fn.latest.config, ...[...fn.versions.values()].map((v) => v.config)])
        : all.map((fn) => fn.latest.config);
    const { items, next } = page(configs, (c) => `${c.FunctionName}:${(c.Version ?? '').padStart(12, '0')}`, input.Marker, input.MaxItems);
    return next ? { Functions: items, NextMarker: next } : { Functions: items };
  }

  override async deleteFunction(input: DeleteFunctionRequest, ctx: RequestContext): Promise<DeleteFunctionResponse> {
    const state = this.region(ctx);
    const qualifier = qualifierOf(input.FunctionName, input.Qualifier);
    // Checked before the function's existence, as AWS does ([aws-snap] test_ops_with_arn_qualifier_mismatch).
    if (qualifier === LATEST) throw new InvalidParameterValueException('$LATEST version cannot be deleted without deleting the function.');
    const fn = getFunction(state, input.FunctionName);
    if (qualifier !== undefined) {
      // A missing version is reported with the unqualified ARN ([aws-snap] test_delete_on_nonexisting_version).
      if (!fn.versions.has(qualifier)) throw notFound(state, fn.name);
      fn.versions.delete(qualifier);
      this.execution.retire(`${fn.arn}|${qualifier}`);
      return {};
    }
    state.functions.delete(fn.name);
    this.execution.retire(fn.arn);
    for (const record of [fn.latest, ...fn.versions.values()]) {
      const token = this.tokens.get(record.code);
      if (token) this.downloads.delete(token);
      if (record.code.owned) rmSync(record.code.dir, { recursive: true, force: true });
    }
    return {};
  }

  override async updateFunctionCode(input: UpdateFunctionCodeRequest, ctx: RequestContext): Promise<FunctionConfiguration> {
    const state = this.region(ctx);
    const fn = getFunction(state, input.FunctionName);
    checkRevision(fn.latest.config, input.RevisionId, (m) => new PreconditionFailedException(m));
    const code = codeFrom(await fetchS3Code(input, this.readObject, ctx), fn.name, fn.latest.config.PackageType);
    if (input.DryRun) return { ...fn.latest.config, CodeSha256: code.sha256, CodeSize: code.size };
    const old = fn.latest.code;
    const config: FunctionConfiguration = {
      ...fn.latest.config,
      CodeSha256: code.sha256,
      CodeSize: code.size,
      LastModified: lastModified(),
      RevisionId: randomUUID(),
    };
    if (input.Architectures) config.Architectures = input.Architectures;
    fn.latest = { config, code, revision: randomUUID() };
    if (old.owned && ![...fn.versions.values()].some((v) => v.code === old)) rmSync(old.dir, { recursive: true, force: true });
    const answer = input.Publish ? this.publish(state, fn) : config;
    return { ...answer, LastUpdateStatus: 'InProgress', LastUpdateStatusReason: 'The function is being created.' };
  }

  override async updateFunctionConfiguration(
    input: UpdateFunctionConfigurationRequest,
    ctx: RequestContext,
  ): Promise<FunctionConfiguration> {
    checkRole(input.Role);
    checkRuntime(input.Runtime);
    const fn = getFunction(this.region(ctx), input.FunctionName);
    checkRevision(fn.latest.config, input.RevisionId, (m) => new PreconditionFailedException(m));
    const config = applyConfiguration(fn.latest.config, input);
    fn.latest = { ...fn.latest, config, revision: randomUUID() };
    return { ...config, LastUpdateStatus: 'InProgress', LastUpdateStatusReason: 'The function is being created.' };
  }

  override async publishVersion(input: PublishVersionRequest, ctx: RequestContext): Promise<FunctionConfiguration> {
    const state = this.region(ctx);
    const fn = getFunction(state, input.FunctionName);
    checkRevision(fn.latest.config, input.RevisionId, (m) => new PreconditionFailedException(m));
    if (input.CodeSha256 && input.CodeSha256 !== fn.latest.config.CodeSha256) {
      throw new InvalidParameterValueException(
        `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${fn.latest.config.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
      );
    }
    return this.publish(state, fn, input.Description);
  }

  /** Publishes $LATEST; an unchanged $LATEST returns the newest version instead of a new one, as AWS does. */
  private publish(state: LambdaRegionState, fn: LambdaFunction, description?: string): FunctionConfiguration {
    const newest = [...fn.versions.values()].at(-1);
    if (newest && newest.config.CodeSha256 === fn.latest.config.CodeSha256 && newest.revision === fn.latest.revision) return newest.config;
    const version = String(fn.nextVersion++);
    const config: FunctionConfiguration = {
      ...fn.latest.config,
      FunctionArn: functionArn(state, fn.name, version),
      Version: version,
      Description: description ?? fn.latest.config.Description ?? '',
      RevisionId: randomUUID(),
      LastModified: lastModified(),
    };
    fn.versions.set(version, { config, code: fn.latest.code, revision: fn.latest.revision });
    return config;
  }

  override async listVersionsByFunction(
    input: ListVersionsByFunctionRequest,
    ctx: RequestContext,
  ): Promise<ListVersionsByFunctionResponse> {
    const fn = getFunction(this.region(ctx), input.FunctionName);
    const configs = [fn.latest.config, ...[...fn.versions.values()].map((v) => v.config)];
    const key = (c: FunctionConfiguration) => (c.Version === LATEST ? '0' : (c.Version ?? '').padStart(12, '0'));
    const { items, next } = page(configs, key, input.Marker, input.MaxItems);
    return next ? { Versions: items, NextMarker: next } : { Versions: items };
  }

  override async createAlias(input: CreateAliasRequest, ctx: RequestContext): Promise<AliasConfiguration> {
    const state = this.region(ctx);
    checkAliasName(input.Name);
    const fn = getFunction(state, input.FunctionName);
    const arn = functionArn(state, fn.name, input.Name);
    if (fn.aliases.has(input.Name)) throw new ResourceConflictException(`Alias already exists: ${arn}`);
    if (input.FunctionVersion !== LATEST && !fn.versions.has(input.FunctionVersion)) throw notFound(state, fn.name, input.FunctionVersion);
    const alias: AliasConfiguration = {
      AliasArn: arn,
      Name: input.Name,
      FunctionVersion: input.FunctionVersion,
      Description: input.Description ?? '',
      RevisionId: randomUUID(),
    };
    if (input.RoutingConfig) alias.RoutingConfig = input.RoutingConfig;
    fn.aliases.set(input.Name, alias);
    return alias;
  }

  override async getAlias(input: GetAliasRequest, ctx: RequestContext): Promise<AliasConfiguration> {
    return this.alias(this.region(ctx), input.FunctionName, input.Name);
  }

  private alias(state: LambdaRegionState, functionName: string, name: string): AliasConfiguration {
    const fn = getFunction(state, functionName);
    const alias = fn.aliases.get(name);
    if (!alias) throw new ResourceNotFoundException(`Cannot find alias arn: ${functionArn(state, fn.name, name)}`);
    return alias;
  }

  override async listAliases(input: ListAliasesRequest, ctx: RequestContext): Promise<ListAliasesResponse> {
    const fn = getFunction(this.region(ctx), input.FunctionName);
    const aliases = [...fn.aliases.values()]
      .filter((a) => input.FunctionVersion === undefined || a.FunctionVersion === input.FunctionVersion)
      .sort((a, b) => ((a.Name ?? '') < (b.Name ?? '') ? -1 : 1));
    const { items, next } = page(aliases, (a) => a.Name ?? '', input.Marker, input.MaxItems);
    return next ? { Aliases: items, NextMarker: next } : { Aliases: items };
  }

  override async updateAlias(input: UpdateAliasRequest, ctx: RequestContext): Promise<AliasConfiguration> {
    const state = this.region(ctx);
    const fn = getFunction(state, input.FunctionName);
    const alias = fn.aliases.get(input.Name);
    // UpdateAlias words it differently from GetAlias (LocalStack's AWS-validated provider, issue #11832).
    if (!alias) throw new ResourceNotFoundException(`Alias not found: ${functionArn(state, fn.name, input.Name)}`);
    if (input.RevisionId !== undefined && input.RevisionId !== alias.RevisionId) {
      throw new PreconditionFailedException(
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      );
    }
    if (input.FunctionVersion !== undefined) {
      if (input.FunctionVersion !== LATEST && !fn.versions.has(input.FunctionVersion))
        throw notFound(state, fn.name, input.FunctionVersion);
      alias.FunctionVersion = input.FunctionVersion;
    }
    if (input.Description !== undefined) alias.Description = input.Description;
    if (input.RoutingConfig !== undefined) alias.RoutingConfig = input.RoutingConfig;
    alias.RevisionId = randomUUID();
    return alias;
  }

  override async deleteAlias(input: DeleteAliasRequest, ctx: RequestContext): Promise<void> {
    // Deleting an alias that does not exist succeeds silently in AWS.
    getFunction(this.region(ctx), input.FunctionName).aliases.delete(input.Name);
  }

  override async getAccountSettings(_input: unknown, ctx: RequestContext): Promise<GetAccountSettingsResponse> {
    const state = this.region(ctx);
    let total = 0;
    for (const fn of state.functions.values()) for (const r of [fn.latest, ...fn.versions.values()]) total += r.code.size;
    return {
      // The default quotas of a new AWS account (Lambda quotas page).
      AccountLimit: {
        TotalCodeSize: 80530636800,
        CodeSizeUnzipped: MAX_UNZIPPED,
        CodeSizeZipped: MAX_ZIPPED,
        ConcurrentExecutions: 1000,
        UnreservedConcurrentExecutions: 1000,
      },
      AccountUsage: { TotalCodeSize: total, FunctionCount: state.functions.size },
    };
  }

  override async tagResource(input: TagResourceRequest, ctx: RequestContext): Promise<void> {
    Object.assign(this.taggable(ctx, input.Resource).tags, input.Tags);
  }

  override async untagResource(input: UntagResourceRequest, ctx: RequestContext): Promise<void> {
    const fn = this.taggable(ctx, input.Resource);
    for (const key of input.TagKeys) delete fn.tags[key];
  }

  override async listTags(input: ListTagsRequest, ctx: RequestContext): Promise<ListTagsResponse> {
    return { Tags: { ...this.taggable(ctx, input.Resource).tags } };
  }

  /** Tags live on the function itself ([aws-snap] test_lambda_api, tag_lambda_qualifier_doesnotexist). */
  private taggable(ctx: RequestContext, resource: string): LambdaFunction {
    if (parseFunctionName(resource).qualifier !== undefined) {
      throw new InvalidParameterValueException('Tags on function aliases and versions are not supported. Please specify a function ARN.');
    }
    return getFunction(this.region(ctx), resource);
  }

  override async invoke(input: InvocationRequest, ctx: RequestContext): Promise<InvocationResponse> {
    return this.execution.invoke(this.region(ctx), input, ctx);
  }

  /** The legacy asynchronous invoke: an Event invocation, 202 `{"Status":202}`, with its older 256 KB limit. */
  override async invokeAsync(input: InvokeAsyncRequest, ctx: RequestContext): Promise<InvokeAsyncResponse> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of input.InvokeArgs as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_INVOKE_ASYNC) break;
      chunks.push(chunk);
    }
    if (size > MAX_INVOKE_ASYNC) {
      throw new RequestEntityTooLargeException(
        `${size} byte payload is too large for the Event invocation type (limit ${MAX_INVOKE_ASYNC} bytes)`,
      );
    }
    await this.execution.invoke(
      this.region(ctx),
      { FunctionName: input.FunctionName, InvocationType: 'Event', Payload: Buffer.concat(chunks) },
      ctx,
    );
    return { Status: 202 };
  }
}
