/** Deployments: CreateDeployment freezes the resource tree; GetDeployment(s), DeleteDeployment. */
import {
  BadRequestException,
  type CreateDeploymentRequest,
  type Deployment,
  type Deployments,
  NotFoundException,
} from '../../../generated/apigateway/index.js';
import { newStage } from './stages.js';
import { type ApiGatewayState, newId, page, type StoredDeployment, type StoredResource, type StoredRestApi } from './state.js';

function freeze(api: StoredRestApi): StoredResource[] {
  return [...api.resources.values()].map((r) => ({ ...r, methods: new Map([...r.methods].map(([k, m]) => [k, structuredClone(m)])) }));
}

export function createDeployment(state: ApiGatewayState, input: CreateDeploymentRequest): StoredDeployment {
  const api = state.api(input.restApiId);
  const methods = [...api.resources.values()].flatMap((r) => [...r.methods.values()]);
  // AWS refuses to deploy an API without methods, or with a method that has no integration.
  if (methods.length === 0) throw new BadRequestException("The REST API doesn't contain any methods");
  if (methods.some((m) => !m.methodIntegration)) throw new BadRequestException('No integration defined for method');
  const deployment: StoredDeployment = {
    id: newId(6),
    createdDate: new Date(Math.floor(Date.now() / 1000) * 1000),
    snapshot: { resources: freeze(api), binaryMediaTypes: [...(api.api.binaryMediaTypes ?? [])] },
  };
  if (input.description !== undefined) deployment.description = input.description;
  api.deployments.set(deployment.id, deployment);
  if (input.stageName) {
    const existing = api.stages.get(input.stageName);
    if (existing) {
      existing.deploymentId = deployment.id;
      if (input.variables) existing.variables = { ...existing.variables, ...input.variables };
      existing.lastUpdatedDate = new Date();
    } else {
      const stage = newStage(input.stageName, deployment.id);
      if (input.stageDescription !== undefined) stage.description = input.stageDescription;
      if (input.variables && Object.keys(input.variables).length > 0) stage.variables = { ...input.variables };
      if (input.tracingEnabled !== undefined) stage.tracingEnabled = input.tracingEnabled;
      api.stages.set(input.stageName, stage);
    }
  }
  return deployment;
}

export function deploymentView(deployment: StoredDeployment): Deployment {
  const out: Deployment = { id: deployment.id, createdDate: deployment.createdDate };
  if (deployment.description !== undefined) out.description = deployment.description;
  return out;
}

export function getDeployment(api: StoredRestApi, deploymentId: string): StoredDeployment {
  const deployment = api.deployments.get(deploymentId);
  if (!deployment) throw new NotFoundException('Invalid Deployment identifier specified');
  return deployment;
}

export function getDeployments(api: StoredRestApi, position: string | undefined, limit: number | undefined): Deployments {
  const result = page([...api.deployments.values()], (d) => d.id, position, limit);
  const out: Deployments = { items: result.items.map(deploymentView) };
  if (result.position) out.position = result.position;
  return out;
}

export function deleteDeployment(api: StoredRestApi, deploymentId: string): void {
  getDeployment(api, deploymentId);
  // AWS-validated message (LocalStack snapshot test_apigateway_common "delete-deployment-error").
  if ([...api.stages.values()].some((s) => s.deploymentId === deploymentId)) {
    throw new BadRequestException('Active stages pointing to this deployment must be moved or deleted');
  }
  api.deployments.delete(deploymentId);
}
