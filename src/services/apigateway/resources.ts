/** Resources: the path tree of a REST API (CreateResource, GetResource(s), UpdateResource, DeleteResource). */
import {
  BadRequestException,
  ConflictException,
  type Method,
  type PatchOperation,
  type Resource,
  type Resources,
} from '../../../generated/apigateway/index.js';
import { methodView } from './methods.js';
import { type ApiGatewayState, newId, page, type StoredResource, type StoredRestApi } from './state.js';

const isVariable = (part: string | undefined): boolean => /^\{.+\}$/.test(part ?? '');
const isGreedy = (part: string | undefined): boolean => /^\{.+\+\}$/.test(part ?? '');

export function createResource(state: ApiGatewayState, restApiId: string, parentId: string, pathPart: string): StoredResource {
  const { api, resource: parent } = state.resource(restApiId, parentId);
  // Messages as AWS answers them (LocalStack snapshot test_apigateway_api, test_create_proxy_resource_validation).
  if (isGreedy(parent.pathPart)) {
    throw new BadRequestException(`Cannot create a child of a resource with a greedy path variable: ${parent.pathPart}`);
  }
  const siblings = [...api.resources.values()].filter((r) => r.parentId === parentId);
  if (siblings.some((s) => s.pathPart === pathPart)) {
    throw new ConflictException(`Another resource with the same parent already has this name: ${pathPart}`);
  }
  if (isVariable(pathPart)) {
    const variable = siblings.find((s) => isVariable(s.pathPart));
    if (variable) {
      throw new BadRequestException(
        `A sibling (${variable.pathPart}) of this resource already has a variable path part -- only one is allowed`,
      );
    }
  }
  const resource: StoredResource = {
    id: newId(6),
    parentId,
    pathPart,
    path: parent.path === '/' ? `/${pathPart}` : `${parent.path}/${pathPart}`,
    methods: new Map(),
  };
  api.resources.set(resource.id, resource);
  return resource;
}

/** Without `embed=methods` AWS lists each method as an empty object (AWS CLI reference, get-resources example). */
export function resourceView(resource: StoredResource, embedMethods: boolean): Resource {
  const out: Resource = { id: resource.id, path: resource.path };
  if (resource.parentId !== undefined) out.parentId = resource.parentId;
  if (resource.pathPart !== undefined) out.pathPart = resource.pathPart;
  if (resource.methods.size > 0) {
    const methods: Record<string, Method> = {};
    for (const [name, method] of resource.methods) methods[name] = embedMethods ? methodView(method) : {};
    out.resourceMethods = methods;
  }
  return out;
}

export function getResources(
  api: StoredRestApi,
  position: string | undefined,
  limit: number | undefined,
  embed: string[] | undefined,
): Resources {
  const embedMethods = embed?.includes('methods') ?? false;
  const result = page([...api.resources.values()], (r) => r.id, position, limit);
  const out: Resources = { items: result.items.map((r) => resourceView(r, embedMethods)) };
  if (result.position) out.position = result.position;
  return out;
}

export function deleteResource(state: ApiGatewayState, restApiId: string, resourceId: string): void {
  const { api } = state.resource(restApiId, resourceId);
  if (resourceId === api.api.rootResourceId) throw new BadRequestException('Cannot delete root resource');
  // Deleting a resource deletes its whole subtree.
  const doomed = new Set([resourceId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of api.resources.values()) {
      if (r.parentId && doomed.has(r.parentId) && !doomed.has(r.id)) {
        doomed.add(r.id);
        grew = true;
      }
    }
  }
  for (const id of doomed) api.resources.delete(id);
}

/**
 * UpdateResource: `replace` of `/pathPart` or `/parentId`, with AWS's messages (LocalStack AWS-validated snapshot
 * test_update_resource_behaviour, test_update_resource_on_root). Paths of the moved subtree are recomputed.
 */
export function updateResource(
  state: ApiGatewayState,
  restApiId: string,
  resourceId: string,
  operations: PatchOperation[],
): StoredResource {
  const { api, resource } = state.resource(restApiId, resourceId);
  let { parentId, pathPart } = resource;
  for (const { op, path = '', value = '' } of operations) {
    if (path !== '/pathPart' && path !== '/parentId') {
      throw new BadRequestException(`Invalid patch path  '${path}' specified for op '${op}'. Must be one of: [/parentId, /pathPart]`);
    }
    if (op !== 'replace')
      throw new BadRequestException(`Invalid patch path  '${path}' specified for op '${op}'. Please choose supported operations`);
    if (resourceId === api.api.rootResourceId) throw new BadRequestException(`Root resource cannot update its ${path.slice(1)}.`);
    if (path === '/pathPart') pathPart = value;
    else {
      state.resource(restApiId, value);
      for (let at: string | undefined = value; at; at = api.resources.get(at)?.parentId) {
        if (at === resourceId) throw new BadRequestException('Resources cannot be cyclical.');
      }
      parentId = value;
    }
  }
  const clash = [...api.resources.values()].some((r) => r.id !== resourceId && r.parentId === parentId && r.pathPart === pathPart);
  if (clash) throw new ConflictException(`Another resource with the same parent already has this name: ${pathPart}`);
  if (parentId !== undefined) resource.parentId = parentId;
  if (pathPart !== undefined) resource.pathPart = pathPart;
  const rebuild = (r: StoredResource): void => {
    const parent = r.parentId ? api.resources.get(r.parentId) : undefined;
    r.path = parent ? (parent.path === '/' ? `/${r.pathPart}` : `${parent.path}/${r.pathPart}`) : '/';
    for (const child of api.resources.values()) if (child.parentId === r.id) rebuild(child);
  };
  rebuild(resource);
  return resource;
}
