/**
 * Builds the smallest valid input for an operation from the model (required members only), so the
 * conformance tests can drive every operation through the real SDK without a hand-written list.
 */
import type { ShapeRegistry, ShapeSchema } from '../../src/runtime/schema.js';

function scalar(shape: ShapeSchema, member: string): unknown {
  switch (shape.type) {
    case 'string':
      if (/bucket$/i.test(member)) return 'standin-conformance';
      return 'x';
    case 'enum':
      return shape.values[0] ?? 'x';
    case 'intEnum':
      return shape.values[0] ?? 1;
    case 'blob':
      return shape.streaming ? 'x' : new Uint8Array([120]);
    case 'boolean':
      return true;
    case 'timestamp':
      return new Date('2026-01-01T00:00:00Z');
    case 'document':
      return {};
    case 'bigInteger':
    case 'bigDecimal':
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return 1;
    default:
      return undefined;
  }
}

export function minimalValue(shapes: ShapeRegistry, name: string, member = '', depth = 0): unknown {
  const shape = shapes[name];
  if (!shape) throw new Error(`unknown shape ${name}`);
  if (depth > 8) return undefined;
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const m of shape.members) {
        if (m.required) out[m.name] = minimalValue(shapes, m.target, m.name, depth + 1);
      }
      return out;
    }
    case 'union': {
      const first = shape.members[0];
      return first ? { [first.name]: minimalValue(shapes, first.target, first.name, depth + 1) } : {};
    }
    case 'list': {
      // Required lists get one element: an empty list bound to the query string is not sent at all.
      const item = minimalValue(shapes, shape.member.target, member, depth + 1);
      return item === undefined ? [] : [item];
    }
    case 'map':
      return {};
    default:
      return scalar(shape, member);
  }
}
