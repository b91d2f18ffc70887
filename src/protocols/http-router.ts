/**
 * Generic HTTP-binding router for REST protocols (restJson1, restXml): picks the operation whose @http
 * trait matches the request best. https://smithy.io/2.0/spec/http-bindings.html#http-trait
 *
 * A route matches when its method equals the request's, its literal path segments match, its labels have
 * a value (a greedy label takes one or more segments), every query literal (`?uploads`, `?list-type=2`) is
 * present, and every required query member and required header member is present. Among matches the most
 * specific wins: more literal segments, then more query literals, then more required query/header members,
 * then fewer greedy labels. Ties that the model cannot break are settled by a protocol's preference list.
 */
import type { AwsRequest } from '../runtime/request.js';
import type { HttpRoute, OperationSchema, ServiceSchema } from '../runtime/schema.js';

export interface RouteMatch {
  operation: OperationSchema;
  /** Decoded label values. */
  labels: Record<string, string>;
}

interface Candidate {
  operation: OperationSchema;
  route: HttpRoute;
  score: number[];
}

const byMethod = new WeakMap<ServiceSchema, Map<string, Candidate[]>>();

function score(route: HttpRoute): number[] {
  const literals = route.segments.filter((s) => 'literal' in s).length;
  const greedy = route.segments.filter((s) => 'label' in s && s.greedy).length;
  return [
    literals,
    Object.keys(route.queryLiterals).length,
    route.requiredQuery.length + route.requiredHeaders.length,
    -greedy,
    route.segments.length,
  ];
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function candidates(schema: ServiceSchema): Map<string, Candidate[]> {
  let table = byMethod.get(schema);
  if (table) return table;
  table = new Map();
  for (const operation of Object.values(schema.operations)) {
    const route = operation.http;
    if (!route) continue;
    const list = table.get(route.method) ?? [];
    list.push({ operation, route, score: score(route) });
    table.set(route.method, list);
  }
  // Equally specific routes: the current operation before a deprecated one that shares its route
  // (S3 GetBucketLifecycle vs GetBucketLifecycleConfiguration), then by name for determinism.
  const rank = (c: Candidate) => (c.operation.deprecated ? 1 : 0);
  for (const list of table.values()) {
    list.sort((a, b) => compareScores(a.score, b.score) || rank(a) - rank(b) || a.operation.name.localeCompare(b.operation.name));
  }
  byMethod.set(schema, table);
  return table;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Matches raw (still encoded) path segments against a route; returns decoded labels or undefined. */
export function matchPath(route: HttpRoute, segments: readonly string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  let i = 0;
  for (let r = 0; r < route.segments.length; r++) {
    const seg = route.segments[r];
    if (!seg) return undefined;
    if ('literal' in seg) {
      if (segments[i] !== seg.literal) return undefined;
      i++;
    } else if (seg.greedy) {
      const rest = route.segments.length - r - 1;
      const take = segments.length - i - rest;
      if (take < 1) return undefined;
      const value = segments.slice(i, i + take).join('/');
      if (value === '') return undefined;
      labels[seg.label] = decode(value);
      i += take;
    } else {
      const value = segments[i];
      if (value === undefined || value === '') return undefined;
      labels[seg.label] = decode(value);
      i++;
    }
  }
  // A trailing slash after the last label or literal is tolerated (`/bucket/`); greedy labels keep it (`dir/`).
  return i === segments.length || (i === segments.length - 1 && segments[i] === '') ? labels : undefined;
}

/** Splits a raw path into segments, keeping empty ones (S3 keys may contain `//` or end in `/`). */
export function pathSegments(path: string): string[] {
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  return trimmed === '' ? [] : trimmed.split('/');
}

function queryMatches(route: HttpRoute, req: AwsRequest): boolean {
  const keys = new Map<string, string>();
  for (const [k, v] of req.query) if (!keys.has(k)) keys.set(k, v);
  for (const [k, v] of Object.entries(route.queryLiterals)) {
    if (!keys.has(k)) return false;
    if (v !== '' && keys.get(k) !== v) return false;
  }
  for (const k of route.requiredQuery) if (!keys.has(k)) return false;
  for (const h of route.requiredHeaders) if (req.headers[h] === undefined) return false;
  return true;
}

/**
 * All operations matching the request, best first. `segments` lets S3 route virtual-hosted requests
 * by prepending the bucket taken from the Host header.
 */
export function matchAll(schema: ServiceSchema, req: AwsRequest, segments = pathSegments(req.path)): RouteMatch[] {
  const list = candidates(schema).get(req.method.toUpperCase()) ?? [];
  const out: RouteMatch[] = [];
  for (const c of list) {
    if (!queryMatches(c.route, req)) continue;
    const labels = matchPath(c.route, segments);
    if (labels) out.push({ operation: c.operation, labels });
  }
  return out;
}

/** True when two matches are equally specific: the model alone cannot tell them apart. */
export function isTie(a: RouteMatch, b: RouteMatch): boolean {
  const ra = a.operation.http;
  const rb = b.operation.http;
  return ra !== undefined && rb !== undefined && compareScores(score(ra), score(rb)) === 0;
}

/** The operation names any request with this method could reach (for 405 answers). */
export function methodsFor(schema: ServiceSchema): string[] {
  return [...candidates(schema).keys()].sort();
}
