/** What each service folder exports to the server: its generated schema and table, a handler instance, a reset. */
import type { AwsServiceError } from '../runtime/errors.js';
import type { OperationTable } from '../runtime/operation.js';
import type { AwsRequest, AwsResponse, RequestContext } from '../runtime/request.js';
import type { ServiceSchema } from '../runtime/schema.js';

export interface ServiceModule<S = unknown> {
  schema: ServiceSchema;
  table: OperationTable<S>;
  instance: S;
  /** Empties all state (POST /_standin/reset). */
  reset(): void;
  /** Operation names the handwritten class overrides. */
  implemented(): string[];
  /** Bytes a service serves on an internal path by token (Lambda's GetFunction Code.Location). */
  download?(token: string): Uint8Array | undefined;
  /** Turns a parse failure into the service's own error, when it answers differently from the protocol's default. */
  mapParseError?(error: unknown): AwsServiceError | undefined;
  /** Requests a service answers before routing, or undefined to route as usual (S3: CORS preflight, POST uploads, SigV4). */
  intercept?(req: AwsRequest, ctx: RequestContext): Promise<AwsResponse | undefined>;
  /** Last touches on every response, errors included (S3: Access-Control-* headers). */
  decorate?(req: AwsRequest, res: AwsResponse): void;
}

/** Names of the methods a handwritten subclass overrides, mapped back to operation names. */
export function implementedOperations(instance: object, base: { prototype: object }, operations: readonly string[]): string[] {
  const own = new Set<string>();
  for (let proto = Object.getPrototypeOf(instance); proto && proto !== base.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) own.add(name);
  }
  return operations.filter((op) => own.has(op.charAt(0).toLowerCase() + op.slice(1)));
}

/** What a generated service folder provides to build a module from. */
export interface GeneratedService<S> {
  serviceSchema: ServiceSchema;
  operationTable: OperationTable<S>;
  operationNames: readonly string[];
}

/** Wraps a handwritten service instance (which knows how to reset itself) as a ServiceModule. */
export function serviceModule<S extends object>(
  generated: GeneratedService<S>,
  base: { prototype: object },
  instance: S & {
    reset(): void;
    download?(token: string): Uint8Array | undefined;
    mapParseError?(error: unknown): AwsServiceError | undefined;
  },
): ServiceModule<S> {
  const module: ServiceModule<S> = {
    schema: generated.serviceSchema,
    table: generated.operationTable,
    instance,
    reset: () => instance.reset(),
    implemented: () => implementedOperations(instance, base, generated.operationNames),
  };
  if (instance.download) module.download = (token) => instance.download?.(token);
  if (instance.mapParseError) module.mapParseError = (error) => instance.mapParseError?.(error);
  return module;
}
