/** Finds the schema of a thrown error and turns its extra members into wire values, shared by the protocols. */
import type { AwsServiceError } from '../runtime/errors.js';
import type { ServiceSchema, StructureSchema } from '../runtime/schema.js';

const byCode = new WeakMap<ServiceSchema, Map<string, StructureSchema>>();

/** The error shape for a wire code (shape name, or the awsQueryError code when it differs). */
export function errorSchema(schema: ServiceSchema, code: string): StructureSchema | undefined {
  let map = byCode.get(schema);
  if (!map) {
    map = new Map();
    for (const shape of Object.values(schema.shapes)) {
      if ((shape.type === 'structure' || shape.type === 'union') && shape.error) {
        map.set(shape.error.code ?? shape.name, shape);
      }
    }
    byCode.set(schema, map);
  }
  return map.get(code);
}

/** Name of the member that carries the message in this error shape: `Message` or `message` (default). */
export function messageMember(shape: StructureSchema | undefined): string {
  return shape?.members.find((m) => m.name === 'Message') ? 'Message' : 'message';
}

export function errorCode(error: AwsServiceError): string {
  return error.code;
}
