/** Standin's API Gateway control plane: the generated APIGatewayServiceBase with the operations implemented so far. */
import {
  APIGatewayServiceBase,
  type CreateDeploymentRequest,
  type CreateResourceRequest,
  type CreateRestApiRequest,
  type CreateStageRequest,
  type DeleteDeploymentRequest,
  type DeleteIntegrationRequest,
  type DeleteIntegrationResponseRequest,
  type DeleteMethodRequest,
  type DeleteMethodResponseRequest,
  type DeleteResourceRequest,
  type DeleteRestApiRequest,
  type DeleteStageRequest,
  type Deployment,
  type Deployments,
  type GetDeploymentRequest,
  type GetDeploymentsRequest,
  type GetIntegrationRequest,
  type GetIntegrationResponseRequest,
  type GetMethodRequest,
  type GetMethodResponseRequest,
  type GetResourceRequest,
  type GetResourcesRequest,
  type GetRestApiRequest,
  type GetRestApisRequest,
  type GetStageRequest,
  type GetStagesRequest,
  type GetTagsRequest,
  type ImportRestApiRequest,
  type Integration,
  type IntegrationResponse,
  type Method,
  type MethodResponse,
  type PutIntegrationRequest,
  type PutIntegrationResponseRequest,
  type PutMethodRequest,
  type PutMethodResponseRequest,
  type PutRestApiRequest,
  type Resource,
  type Resources,
  type RestApi,
  type RestApis,
  type Stage,
  type Stages,
  type TagResourceRequest,
  type Tags,
  type UntagResourceRequest,
  type UpdateIntegrationRequest,
  type UpdateMethodRequest,
  type UpdateResourceRequest,
  type UpdateRestApiRequest,
  type UpdateStageRequest,
} from '../../../generated/apigateway/index.js';
import { AccountRegionStore } from '../../runtime/account-region-store.js';
import type { RequestContext } from '../../runtime/request.js';
import { createDeployment, deleteDeployment, deploymentView, getDeployment, getDeployments } from './deployments.js';
import { importRestApi, putRestApi } from './import.js';
import {
  deleteIntegration,
  integrationResponse,
  integrationView,
  putIntegration,
  putIntegrationResponse,
  updateIntegration,
} from './integrations.js';
import { deleteMethod, deleteMethodResponse, methodResponse, methodView, putMethod, putMethodResponse, updateMethod } from './methods.js';
import { createResource, deleteResource, getResources, resourceView, updateResource } from './resources.js';
import { createRestApi, getRestApis, restApiView, updateRestApi } from './rest-apis.js';
import { createStage, getStage, stageView, updateStage } from './stages.js';
import { ApiGatewayState, type StoredRestApi } from './state.js';
import { getTags, tagResource, untagResource } from './tags.js';

export class APIGatewayService extends APIGatewayServiceBase {
  private readonly stores = new AccountRegionStore((accountId, region) => new ApiGatewayState(accountId, region));

  reset(): void {
    this.stores.clear();
  }

  private state(ctx: RequestContext): ApiGatewayState {
    return this.stores.get(ctx.accountId, ctx.region);
  }

  /** The data plane's lookup: REST API ids are unique across accounts and regions. */
  findRestApi(apiId: string): StoredRestApi | undefined {
    for (const [, , state] of this.stores.entries()) {
      const api = state.apis.get(apiId) ?? state.apis.get(apiId.toLowerCase());
      if (api) return api;
    }
    return undefined;
  }

  private readonly idTaken = (id: string): boolean => this.findRestApi(id) !== undefined;

  override async createRestApi(input: CreateRestApiRequest, ctx: RequestContext): Promise<RestApi> {
    return restApiView(createRestApi(this.state(ctx), input, this.idTaken));
  }

  override async getRestApi(input: GetRestApiRequest, ctx: RequestContext): Promise<RestApi> {
    return restApiView(this.state(ctx).api(input.restApiId));
  }

  override async getRestApis(input: GetRestApisRequest, ctx: RequestContext): Promise<RestApis> {
    return getRestApis(this.state(ctx), input.position, input.limit);
  }

  override async deleteRestApi(input: DeleteRestApiRequest, ctx: RequestContext): Promise<void> {
    const state = this.state(ctx);
    state.api(input.restApiId);
    state.apis.delete(input.restApiId);
  }

  override async updateRestApi(input: UpdateRestApiRequest, ctx: RequestContext): Promise<RestApi> {
    return restApiView(updateRestApi(this.state(ctx).api(input.restApiId), input.patchOperations ?? []));
  }

  override async importRestApi(input: ImportRestApiRequest, ctx: RequestContext): Promise<RestApi> {
    return restApiView(importRestApi(this.state(ctx), input, this.idTaken));
  }

  override async putRestApi(input: PutRestApiRequest, ctx: RequestContext): Promise<RestApi> {
    return restApiView(putRestApi(this.state(ctx), input));
  }

  override async createResource(input: CreateResourceRequest, ctx: RequestContext): Promise<Resource> {
    return resourceView(createResource(this.state(ctx), input.restApiId, input.parentId, input.pathPart), false);
  }

  override async getResource(input: GetResourceRequest, ctx: RequestContext): Promise<Resource> {
    const { resource } = this.state(ctx).resource(input.restApiId, input.resourceId);
    return resourceView(resource, input.embed?.includes('methods') ?? false);
  }

  override async getResources(input: GetResourcesRequest, ctx: RequestContext): Promise<Resources> {
    return getResources(this.state(ctx).api(input.restApiId), input.position, input.limit, input.embed);
  }

  override async updateResource(input: UpdateResourceRequest, ctx: RequestContext): Promise<Resource> {
    return resourceView(updateResource(this.state(ctx), input.restApiId, input.resourceId, input.patchOperations ?? []), false);
  }

  override async deleteResource(input: DeleteResourceRequest, ctx: RequestContext): Promise<void> {
    deleteResource(this.state(ctx), input.restApiId, input.resourceId);
  }

  override async putMethod(input: PutMethodRequest, ctx: RequestContext): Promise<Method> {
    return methodView(putMethod(this.state(ctx), input));
  }

  override async getMethod(input: GetMethodRequest, ctx: RequestContext): Promise<Method> {
    return methodView(this.state(ctx).method(input.restApiId, input.resourceId, input.httpMethod).method);
  }

  override async updateMethod(input: UpdateMethodRequest, ctx: RequestContext): Promise<Method> {
    return methodView(updateMethod(this.state(ctx), input.restApiId, input.resourceId, input.httpMethod, input.patchOperations ?? []));
  }

  override async deleteMethod(input: DeleteMethodRequest, ctx: RequestContext): Promise<void> {
    deleteMethod(this.state(ctx), input.restApiId, input.resourceId, input.httpMethod);
  }

  override async putMethodResponse(input: PutMethodResponseRequest, ctx: RequestContext): Promise<MethodResponse> {
    return putMethodResponse(this.state(ctx), input);
  }

  override async getMethodResponse(input: GetMethodResponseRequest, ctx: RequestContext): Promise<MethodResponse> {
    return structuredClone(methodResponse(this.state(ctx), input.restApiId, input.resourceId, input.httpMethod, input.statusCode));
  }

  override async deleteMethodResponse(input: DeleteMethodResponseRequest, ctx: RequestContext): Promise<void> {
    deleteMethodResponse(this.state(ctx), input.restApiId, input.resourceId, input.httpMethod, input.statusCode);
  }

  override async putIntegration(input: PutIntegrationRequest, ctx: RequestContext): Promise<Integration> {
    return integrationView(putIntegration(this.state(ctx), input));
  }

  override async getIntegration(input: GetIntegrationRequest, ctx: RequestContext): Promise<Integration> {
    return integrationView(this.state(ctx).integration(input.restApiId, input.resourceId, input.httpMethod));
  }

  override async updateIntegration(input: UpdateIntegrationRequest, ctx: RequestContext): Promise<Integration> {
    return integrationView(
      updateIntegration(this.state(ctx), input.restApiId, input.resourceId, input.httpMethod, input.patchOperations ?? []),
    );
  }

  override async deleteIntegration(input: DeleteIntegrationRequest, ctx: RequestContext): Promise<void> {
    deleteIntegration(this.state(ctx), input.restApiId, input.resourceId, input.httpMethod);
  }

  override async putIntegrationResponse(input: PutIntegrationResponseRequest, ctx: RequestContext): Promise<IntegrationResponse> {
    return putIntegrationResponse(this.state(ctx), input);
  }

  override async getIntegrationResponse(input: GetIntegrationResponseRequest, ctx: RequestContext): Promise<IntegrationResponse> {
    return structuredClone(integrationResponse(this.state(ctx), input.restApiId, input.resourceId, input.httpMethod, input.statusCode));
  }

  override async deleteIntegrationResponse(input: DeleteIntegrationResponseRequest, ctx: RequestContext): Promise<void> {
    const state = this.state(ctx);
    integrationResponse(state, input.restApiId, input.resourceId, input.httpMethod, input.statusCode);
    delete state.integration(input.restApiId, input.resourceId, input.httpMethod).integrationResponses[input.statusCode];
  }

  override async createDeployment(input: CreateDeploymentRequest, ctx: RequestContext): Promise<Deployment> {
    return deploymentView(createDeployment(this.state(ctx), input));
  }

  override async getDeployment(input: GetDeploymentRequest, ctx: RequestContext): Promise<Deployment> {
    return deploymentView(getDeployment(this.state(ctx).api(input.restApiId), input.deploymentId));
  }

  override async getDeployments(input: GetDeploymentsRequest, ctx: RequestContext): Promise<Deployments> {
    return getDeployments(this.state(ctx).api(input.restApiId), input.position, input.limit);
  }

  override async deleteDeployment(input: DeleteDeploymentRequest, ctx: RequestContext): Promise<void> {
    deleteDeployment(this.state(ctx).api(input.restApiId), input.deploymentId);
  }

  override async createStage(input: CreateStageRequest, ctx: RequestContext): Promise<Stage> {
    return stageView(createStage(this.state(ctx).api(input.restApiId), input));
  }

  override async getStage(input: GetStageRequest, ctx: RequestContext): Promise<Stage> {
    return stageView(getStage(this.state(ctx).api(input.restApiId), input.stageName));
  }

  override async getStages(input: GetStagesRequest, ctx: RequestContext): Promise<Stages> {
    const stages = [...this.state(ctx).api(input.restApiId).stages.values()];
    const chosen = input.deploymentId ? stages.filter((s) => s.deploymentId === input.deploymentId) : stages;
    return { item: chosen.map(stageView) };
  }

  override async updateStage(input: UpdateStageRequest, ctx: RequestContext): Promise<Stage> {
    return stageView(updateStage(this.state(ctx).api(input.restApiId), input.stageName, input.patchOperations ?? []));
  }

  override async deleteStage(input: DeleteStageRequest, ctx: RequestContext): Promise<void> {
    const api = this.state(ctx).api(input.restApiId);
    getStage(api, input.stageName);
    api.stages.delete(input.stageName);
  }

  override async getTags(input: GetTagsRequest, ctx: RequestContext): Promise<Tags> {
    return { tags: getTags(this.state(ctx), input.resourceArn) };
  }

  override async tagResource(input: TagResourceRequest, ctx: RequestContext): Promise<void> {
    tagResource(this.state(ctx), input.resourceArn, input.tags);
  }

  override async untagResource(input: UntagResourceRequest, ctx: RequestContext): Promise<void> {
    untagResource(this.state(ctx), input.resourceArn, input.tagKeys);
  }
}
