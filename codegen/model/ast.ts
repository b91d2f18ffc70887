/**
 * The Smithy JSON AST as the official AWS models publish it (https://smithy.io/2.0/spec/json-ast.html).
 * Only what the generator reads is typed; everything else passes through untouched.
 */

export type ShapeId = string;
export type Traits = Record<string, unknown>;

export interface MemberAst {
  target: ShapeId;
  traits?: Traits;
}

export type ShapeType =
  | 'service'
  | 'operation'
  | 'resource'
  | 'structure'
  | 'union'
  | 'list'
  | 'set'
  | 'map'
  | 'enum'
  | 'intEnum'
  | 'string'
  | 'blob'
  | 'boolean'
  | 'byte'
  | 'short'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'bigInteger'
  | 'bigDecimal'
  | 'timestamp'
  | 'document';

export interface ShapeAst {
  type: ShapeType;
  traits?: Traits;
  /** structure, union, enum, intEnum */
  members?: Record<string, MemberAst>;
  /** list, set */
  member?: MemberAst;
  /** map */
  key?: MemberAst;
  value?: MemberAst;
  /** operation */
  input?: { target: ShapeId };
  output?: { target: ShapeId };
  errors?: { target: ShapeId }[];
  /** service */
  version?: string;
  operations?: { target: ShapeId }[];
  resources?: { target: ShapeId }[];
  /** resource */
  create?: { target: ShapeId };
  put?: { target: ShapeId };
  read?: { target: ShapeId };
  update?: { target: ShapeId };
  delete?: { target: ShapeId };
  list?: { target: ShapeId };
  collectionOperations?: { target: ShapeId }[];
}

export interface SmithyAst {
  smithy: string;
  metadata?: Record<string, unknown>;
  shapes: Record<ShapeId, ShapeAst>;
}
