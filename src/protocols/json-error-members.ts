/** Extra members of a JSON-protocol error, serialised by the error shape's schema. */
import { writeJsonBody } from '../runtime/bindings.js';
import { newResponse } from '../runtime/request.js';
import type { ServiceSchema, StructureSchema } from '../runtime/schema.js';

const ENVELOPE = new Set(['message', 'Message', 'Code', 'code', '__type']);

export function jsonErrorMembers(
  schema: ServiceSchema,
  shape: StructureSchema | undefined,
  members: Record<string, unknown>,
  useJsonName: boolean,
): Record<string, unknown> {
  const extra = Object.fromEntries(Object.entries(members).filter(([k, v]) => !ENVELOPE.has(k) && v !== undefined));
  if (Object.keys(extra).length === 0) return {};
  if (!shape) return extra;
  const res = newResponse(200);
  writeJsonBody(res, schema.shapes, shape.name, extra, useJsonName);
  return JSON.parse(String(res.body)) as Record<string, unknown>;
}
