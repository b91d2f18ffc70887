/**
 * A cache of functions compiled once per shape (the JSON reader and writer use it): keyed by shape registry, naming
 * mode (jsonName or not), body filter and, for timestamps, the member's format. A recursive shape (a map of values
 * that hold maps) reaches its own key again while it compiles and gets a forwarder to the finished function.
 */
import type { MemberSchema, ShapeRegistry, ShapeSchema } from './schema.js';
import { resolveShape } from './serde-util.js';

export type Compile<F> = (
  shapes: ShapeRegistry,
  shape: ShapeSchema,
  member: MemberSchema | undefined,
  useJsonName: boolean,
  bodyOnly: boolean,
) => F;

export type CompiledFor<F> = (
  shapes: ShapeRegistry,
  target: string,
  member: MemberSchema | undefined,
  useJsonName: boolean,
  bodyOnly?: boolean,
) => F;

export function shapeCompiler<F extends (value: unknown) => unknown>(compile: Compile<F>): CompiledFor<F> {
  const compiled = new WeakMap<ShapeRegistry, Map<string, F>[]>();
  return (shapes, target, member, useJsonName, bodyOnly = false) => {
    let caches = compiled.get(shapes);
    if (!caches) {
      caches = [new Map(), new Map(), new Map(), new Map()];
      compiled.set(shapes, caches);
    }
    const cache = caches[(useJsonName ? 1 : 0) + (bodyOnly ? 2 : 0)] as Map<string, F>;
    const key = member?.timestampFormat ? `${target}|${member.timestampFormat}` : target;
    const found = cache.get(key);
    if (found) return found;
    const shape = resolveShape(shapes, target);
    let impl: F | undefined;
    cache.set(key, ((v: unknown) => (impl as F)(v)) as F);
    impl = compile(shapes, shape, member, useJsonName, bodyOnly);
    cache.set(key, impl);
    return impl;
  };
}

/** The member to key a compiled function by: only a timestamp format on the member changes the result. */
export function withFormat(m: MemberSchema): MemberSchema | undefined {
  return m.timestampFormat ? m : undefined;
}
