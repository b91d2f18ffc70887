/** The syntax tree shared by condition, filter, key-condition, projection and update expressions. */
import type { AttributeValue } from '../../../../generated/dynamodb/index.js';

/** One step of a document path: an attribute or map key, or a list index. */
export type PathElement = { kind: 'name'; name: string } | { kind: 'index'; index: number };

export interface PathNode {
  type: 'path';
  elements: PathElement[];
}

export interface ValueNode {
  type: 'value';
  /** The placeholder as written, e.g. `:v`. */
  ref: string;
  value: AttributeValue;
}

export interface CallNode {
  type: 'call';
  name: string;
  args: Operand[];
}

export interface ArithmeticNode {
  type: 'arith';
  op: '+' | '-';
  left: Operand;
  right: Operand;
}

export type Operand = PathNode | ValueNode | CallNode | ArithmeticNode;

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { type: 'compare'; op: Comparator; left: Operand; right: Operand }
  | { type: 'between'; operand: Operand; low: Operand; high: Operand }
  | { type: 'in'; operand: Operand; list: Operand[] }
  | { type: 'call'; name: string; args: Operand[] }
  | { type: 'and' | 'or'; left: Condition; right: Condition }
  | { type: 'not'; operand: Condition };

export type UpdateAction =
  | { action: 'SET'; path: PathNode; value: Operand }
  | { action: 'REMOVE'; path: PathNode }
  | { action: 'ADD'; path: PathNode; value: ValueNode }
  | { action: 'DELETE'; path: PathNode; value: ValueNode };

export interface UpdateExpression {
  actions: UpdateAction[];
}

/** `a.b[1]` → `[a, b, [1]]`, the form DynamoDB's overlap messages print paths in. */
export function formatPath(path: PathNode): string {
  return `[${path.elements.map((e) => (e.kind === 'name' ? e.name : `[${e.index}]`)).join(', ')}]`;
}
