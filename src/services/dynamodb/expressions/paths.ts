/** Reading, writing and removing document paths (`a.b[2].c`) in items. */
import type { AttributeValue } from '../../../../generated/dynamodb/index.js';
import { validation } from '../validation/errors.js';
import { attr, type Item, setAttr } from '../values/attribute-value.js';
import type { PathNode } from './ast.js';

export function resolvePath(item: Item, path: PathNode): AttributeValue | undefined {
  let current: AttributeValue | undefined;
  for (let i = 0; i < path.elements.length; i++) {
    const el = path.elements[i];
    if (el === undefined) return undefined;
    if (i === 0) {
      current = el.kind === 'name' ? attr(item, el.name) : undefined;
    } else if (el.kind === 'name') {
      current = current?.M === undefined ? undefined : attr(current.M, el.name);
    } else {
      current = current?.L?.[el.index];
    }
    if (current === undefined) return undefined;
  }
  return current;
}

const INVALID_FOR_UPDATE = 'The document path provided in the update expression is invalid for update';

/** Sets a value at a path; the parent must already exist with the right type. A list index past the end appends. */
export function assignPath(item: Item, path: PathNode, value: AttributeValue): void {
  const els = path.elements;
  const first = els[0];
  if (first === undefined || first.kind !== 'name') throw validation(INVALID_FOR_UPDATE);
  if (els.length === 1) {
    setAttr(item, first.name, value);
    return;
  }
  const parent = resolvePath(item, { type: 'path', elements: els.slice(0, -1) });
  const last = els[els.length - 1];
  if (parent === undefined || last === undefined) throw validation(INVALID_FOR_UPDATE);
  if (last.kind === 'name') {
    if (parent.M === undefined) throw validation(INVALID_FOR_UPDATE);
    setAttr(parent.M, last.name, value);
  } else {
    if (parent.L === undefined) throw validation(INVALID_FOR_UPDATE);
    if (last.index >= parent.L.length) parent.L.push(value);
    else parent.L[last.index] = value;
  }
}

/** Removes a path if present (missing paths are a no-op; a wrong parent type is an error, as in DynamoDB). */
export function removePath(item: Item, path: PathNode): void {
  const els = path.elements;
  const first = els[0];
  if (first === undefined || first.kind !== 'name') return;
  if (els.length === 1) {
    delete item[first.name];
    return;
  }
  const parent = resolvePath(item, { type: 'path', elements: els.slice(0, -1) });
  const last = els[els.length - 1];
  if (parent === undefined || last === undefined) return;
  if (last.kind === 'name') {
    if (parent.M === undefined) throw validation(INVALID_FOR_UPDATE);
    delete parent.M[last.name];
  } else {
    if (parent.L === undefined) throw validation(INVALID_FOR_UPDATE);
    if (last.index < parent.L.length) parent.L.splice(last.index, 1);
  }
}

/** True when one path is a prefix of (or equal to) the other. */
export function pathsOverlap(a: PathNode, b: PathNode): boolean {
  const n = Math.min(a.elements.length, b.elements.length);
  for (let i = 0; i < n; i++) {
    const x = a.elements[i];
    const y = b.elements[i];
    if (x === undefined || y === undefined || x.kind !== y.kind) return false;
    if (x.kind === 'name' ? x.name !== (y as { name: string }).name : x.index !== (y as { index: number }).index) return false;
  }
  return true;
}
