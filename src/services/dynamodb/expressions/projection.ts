/** ProjectionExpression: copies only the named paths, nesting maps and compacting list elements as DynamoDB does. */
import type { AttributeValue } from '../../../../generated/dynamodb/index.js';
import { validation } from '../validation/errors.js';
import { attr, cloneValue, type Item, setAttr } from '../values/attribute-value.js';
import { formatPath, type PathNode } from './ast.js';
import { pathsOverlap, resolvePath } from './paths.js';

export function checkProjectionPaths(paths: PathNode[], label = 'ProjectionExpression'): void {
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const a = paths[i] as PathNode;
      const b = paths[j] as PathNode;
      if (pathsOverlap(a, b)) {
        throw validation(
          `Invalid ${label}: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${formatPath(a)}, path two: ${formatPath(b)}`,
        );
      }
    }
  }
}

/** A new item holding just these paths; list elements keep their relative order. */
export function project(item: Item, paths: PathNode[]): Item {
  const out: Item = {};
  // Lists are rebuilt from the indexes asked for, in index order, so collect indexes per list first.
  const lists = new Map<AttributeValue, Map<number, AttributeValue>>();
  for (const path of paths) {
    const value = resolvePath(item, path);
    if (value === undefined) continue;
    let source: AttributeValue = { M: item };
    let target: AttributeValue = { M: out };
    const els = path.elements;
    for (let i = 0; i < els.length; i++) {
      const el = els[i];
      if (el === undefined) break;
      const isLast = i === els.length - 1;
      if (el.kind === 'name') {
        const next = attr(source.M as Item, el.name) as AttributeValue;
        const map = target.M as Item;
        if (isLast) setAttr(map, el.name, cloneValue(next));
        else if (attr(map, el.name) === undefined) setAttr(map, el.name, next.M !== undefined ? { M: {} } : { L: [] });
        source = next;
        target = attr(map, el.name) as AttributeValue;
      } else {
        const next = source.L?.[el.index] as AttributeValue;
        let slots = lists.get(target);
        if (!slots) {
          slots = new Map();
          lists.set(target, slots);
        }
        if (isLast) slots.set(el.index, cloneValue(next));
        else if (!slots.has(el.index)) slots.set(el.index, next.M !== undefined ? { M: {} } : { L: [] });
        source = next;
        target = slots.get(el.index) as AttributeValue;
      }
    }
  }
  for (const [list, slots] of lists) {
    list.L = [...slots.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }
  return out;
}
