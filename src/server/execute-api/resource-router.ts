/**
 * API Gateway's resource matching over a deployment's frozen tree: at each level an exact path part wins over
 * `{param}`, which wins over `{proxy+}`; only resources with the request's method (or ANY) are candidates.
 * Path segments stay percent-encoded; a trailing slash is ignored for matching (LocalStack AWS-validated
 * snapshot: `/proxy-value/` gives `proxy: "proxy-value"`), double slashes are kept inside `{proxy+}`.
 */
import type { StoredMethod, StoredResource } from '../../services/apigateway/state.js';

export interface RouteMatch {
  resource: StoredResource;
  method: StoredMethod;
  pathParameters: Record<string, string>;
}

interface Node {
  resource: StoredResource;
  exact: Map<string, Node>;
  param?: { name: string; node: Node };
  greedy?: { name: string; node: Node };
}

/** Builds the lookup tree once per deployment (cached by the caller). */
export function buildTree(resources: readonly StoredResource[]): Node | undefined {
  const nodes = new Map<string, Node>();
  for (const resource of resources) nodes.set(resource.id, { resource, exact: new Map() });
  let root: Node | undefined;
  for (const node of nodes.values()) {
    const { parentId, pathPart } = node.resource;
    const parent = parentId ? nodes.get(parentId) : undefined;
    if (!parent || pathPart === undefined) {
      if (node.resource.path === '/') root = node;
      continue;
    }
    const variable = /^\{(.+?)(\+?)\}$/.exec(pathPart);
    if (!variable) parent.exact.set(pathPart, node);
    else if (variable[2] === '+') parent.greedy = { name: variable[1] ?? 'proxy', node };
    else parent.param = { name: variable[1] ?? '', node };
  }
  return root;
}

function methodOf(resource: StoredResource, httpMethod: string): StoredMethod | undefined {
  return resource.methods.get(httpMethod) ?? resource.methods.get('ANY');
}

function walk(node: Node, segments: string[], index: number, httpMethod: string, params: Record<string, string>): RouteMatch | undefined {
  if (index === segments.length) {
    const method = methodOf(node.resource, httpMethod);
    return method ? { resource: node.resource, method, pathParameters: { ...params } } : undefined;
  }
  const segment = segments[index] ?? '';
  const exact = node.exact.get(segment);
  if (exact) {
    const found = walk(exact, segments, index + 1, httpMethod, params);
    if (found) return found;
  }
  if (node.param && segment !== '') {
    const found = walk(node.param.node, segments, index + 1, httpMethod, { ...params, [node.param.name]: segment });
    if (found) return found;
  }
  if (node.greedy) {
    const method = methodOf(node.greedy.node.resource, httpMethod);
    const rest = segments.slice(index).join('/');
    if (method && rest !== '')
      return { resource: node.greedy.node.resource, method, pathParameters: { ...params, [node.greedy.name]: rest } };
  }
  return undefined;
}

/** `path` is the request path after the stage, starting with '/'. */
export function matchRoute(root: Node | undefined, path: string, httpMethod: string): RouteMatch | undefined {
  if (!root) return undefined;
  const trimmed = path.replace(/^\//, '').replace(/\/$/, '');
  const segments = trimmed === '' ? [] : trimmed.split('/');
  return walk(root, segments, 0, httpMethod.toUpperCase(), {});
}

export type { Node as RouteTree };
