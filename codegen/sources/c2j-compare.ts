/**
 * Compares two Smithy models on what a server generator needs: the operation set and HTTP bindings, and the
 * wire shape of everything reachable from inputs, outputs and errors (member names, target types, enum values,
 * streaming, error status, binding/XML/JSON member traits, restXml body root names). Docs, examples, endpoint
 * rules, pagination, waiters, defaults and constraints are ignored. Shapes are matched through the operations,
 * by name after the `#`.
 *
 * Lines starting `only-in-a:` / `only-in-b:` are things one model lacks (operations, members, enum values,
 * errors): expected between releases. Every other line is the same thing expressed differently.
 * Binding traits are compared only where the protocol and position make them mean something (awsJson has none;
 * httpQuery on an output, or jsonName on a label, is ignored), and inherited values are compared as effective
 * values (timestampFormat/xmlNamespace from the target, httpError from the client/server default).
 */
import type { MemberAst, ShapeAst, ShapeId, SmithyAst } from '../model/ast.js';

/** HTTP bindings a server honours, by where the structure is used; nested structures have none. */
const BINDINGS: Readonly<Record<Role, readonly string[]>> = {
  input: ['httpLabel', 'httpQuery', 'httpQueryParams', 'httpHeader', 'httpPrefixHeaders', 'httpPayload'],
  output: ['httpHeader', 'httpPrefixHeaders', 'httpPayload', 'httpResponseCode'],
  error: ['httpHeader', 'httpPrefixHeaders', 'httpPayload'],
  nested: [],
};

/** Traits naming or shaping a member in the body; meaningless on a member bound to a label, query or header. */
const BODY_TRAITS = ['xmlName', 'xmlFlattened', 'xmlAttribute', 'xmlNamespace', 'jsonName'] as const;

const OTHER_MEMBER_TRAITS = ['required', 'timestampFormat', 'idempotencyToken', 'eventPayload', 'eventHeader'] as const;

/** Traits whose value on the target shape applies when the member does not set its own. */
const INHERITED_FROM_TARGET: ReadonlySet<string> = new Set(['timestampFormat', 'xmlNamespace']);

/** Protocols with HTTP binding traits; awsJson ignores them (all members travel in the JSON body). */
const HTTP_BINDING_PROTOCOLS = ['aws.protocols#restXml', 'aws.protocols#restJson1'];

type Role = 'input' | 'output' | 'error' | 'nested';

/** Prelude shapes the official models target without defining them. */
const PRELUDE: Readonly<Record<string, ShapeAst['type']>> = {
  String: 'string',
  Blob: 'blob',
  Boolean: 'boolean',
  PrimitiveBoolean: 'boolean',
  Byte: 'byte',
  Short: 'short',
  Integer: 'integer',
  PrimitiveInteger: 'integer',
  Long: 'long',
  PrimitiveLong: 'long',
  Float: 'float',
  Double: 'double',
  PrimitiveDouble: 'double',
  BigInteger: 'bigInteger',
  BigDecimal: 'bigDecimal',
  Timestamp: 'timestamp',
  Document: 'document',
  Unit: 'structure',
};

export function compareModels(a: SmithyAst, b: SmithyAst): string[] {
  const diffs: string[] = [];
  const opsA = operationsOf(a);
  const opsB = operationsOf(b);
  for (const name of [...opsA.keys()].sort()) if (!opsB.has(name)) diffs.push(`only-in-a: operation ${name}`);
  for (const name of [...opsB.keys()].sort()) if (!opsA.has(name)) diffs.push(`only-in-b: operation ${name}`);
  const walker = new Walker(a, b, diffs);
  for (const name of [...opsA.keys()].sort()) {
    const idA = opsA.get(name);
    const idB = opsB.get(name);
    if (idA !== undefined && idB !== undefined) walker.operation(name, idA, idB);
  }
  // A structure used both top-level and nested is walked once per role; report each difference once.
  return [...new Set(diffs)];
}

function shapeName(id: ShapeId): string {
  return id.slice(id.indexOf('#') + 1);
}

function show(value: unknown): string {
  return value === undefined ? '-' : JSON.stringify(value);
}

function services(model: SmithyAst): [ShapeId, ShapeAst][] {
  return Object.entries(model.shapes).filter(([, shape]) => shape.type === 'service');
}

/** Operations bound to the service (directly or through resources), by name. */
function operationsOf(model: SmithyAst): Map<string, ShapeId> {
  const ops = new Map<string, ShapeId>();
  const seen = new Set<ShapeId>();
  const visit = (id: ShapeId): void => {
    const shape = model.shapes[id];
    if (shape === undefined || seen.has(id)) return;
    seen.add(id);
    if (shape.type === 'operation') ops.set(shapeName(id), id);
    const refs = [
      ...(shape.operations ?? []),
      ...(shape.resources ?? []),
      ...(shape.collectionOperations ?? []),
      ...[shape.create, shape.put, shape.read, shape.update, shape.delete, shape.list].filter((r) => r !== undefined),
    ];
    for (const ref of refs) visit(ref.target);
  };
  for (const [id] of services(model)) visit(id);
  return ops;
}

function usesProtocol(model: SmithyAst, protocols: readonly string[]): boolean {
  return services(model).some(([, shape]) => protocols.some((p) => shape.traits?.[p] !== undefined));
}

/** `?x-id=GetObject` only disambiguates S3 routes for clients; older models lack it. */
function normalizeHttp(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const http = value as Record<string, unknown>;
  const uri = typeof http.uri === 'string' ? http.uri.replace(/[?&]x-id=[^&]*$/, '') : http.uri;
  return { method: http.method, uri, code: http.code ?? 200 };
}

/** The status an error is sent with: its httpError, else the protocol default for its fault side. */
function errorStatus(shape: ShapeAst): unknown {
  const error = shape.traits?.['smithy.api#error'];
  if (error === undefined) return undefined;
  return shape.traits?.['smithy.api#httpError'] ?? (error === 'server' ? 500 : 400);
}

class Walker {
  private readonly visited = new Set<string>();
  private readonly bindingsA: boolean;
  private readonly bindingsB: boolean;
  private readonly xmlA: boolean;
  private readonly xmlB: boolean;

  constructor(
    private readonly a: SmithyAst,
    private readonly b: SmithyAst,
    private readonly diffs: string[],
  ) {
    this.bindingsA = usesProtocol(a, HTTP_BINDING_PROTOCOLS);
    this.bindingsB = usesProtocol(b, HTTP_BINDING_PROTOCOLS);
    this.xmlA = usesProtocol(a, ['aws.protocols#restXml']);
    this.xmlB = usesProtocol(b, ['aws.protocols#restXml']);
  }

  operation(name: string, idA: ShapeId, idB: ShapeId): void {
    const opA = this.a.shapes[idA] as ShapeAst;
    const opB = this.b.shapes[idB] as ShapeAst;
    const httpA = this.bindingsA ? normalizeHttp(opA.traits?.['smithy.api#http']) : undefined;
    const httpB = this.bindingsB ? normalizeHttp(opB.traits?.['smithy.api#http']) : undefined;
    if (show(httpA) !== show(httpB)) this.diffs.push(`${name}: http a=${show(httpA)} b=${show(httpB)}`);
    for (const role of ['input', 'output'] as const) {
      const targetA = opA[role]?.target ?? 'smithy.api#Unit';
      const targetB = opB[role]?.target ?? 'smithy.api#Unit';
      if (shapeName(targetA) !== shapeName(targetB)) {
        this.diffs.push(`${name}: ${role} a=${shapeName(targetA)} b=${shapeName(targetB)}`);
      }
      this.shapes(targetA, targetB, role);
    }
    const errorsA = new Map((opA.errors ?? []).map((e) => [shapeName(e.target), e.target]));
    const errorsB = new Map((opB.errors ?? []).map((e) => [shapeName(e.target), e.target]));
    for (const [error, idErrA] of errorsA) {
      const idErrB = errorsB.get(error);
      if (idErrB === undefined) this.diffs.push(`only-in-a: error ${name} -> ${error}`);
      else this.shapes(idErrA, idErrB, 'error');
    }
    for (const error of errorsB.keys()) if (!errorsA.has(error)) this.diffs.push(`only-in-b: error ${name} -> ${error}`);
  }

  private shape(model: SmithyAst, id: ShapeId): ShapeAst | undefined {
    const prelude = id.startsWith('smithy.api#') ? PRELUDE[shapeName(id)] : undefined;
    return model.shapes[id] ?? (prelude === undefined ? undefined : { type: prelude, members: {} });
  }

  private shapes(idA: ShapeId, idB: ShapeId, role: Role): void {
    const key = `${idA}|${idB}|${role}`;
    if (this.visited.has(key)) return;
    this.visited.add(key);
    const label = shapeName(idA) === shapeName(idB) ? shapeName(idA) : `${shapeName(idA)}/${shapeName(idB)}`;
    const sA = this.shape(this.a, idA);
    const sB = this.shape(this.b, idB);
    if (sA === undefined || sB === undefined) {
      this.diffs.push(`${label}: shape missing a=${sA?.type ?? '-'} b=${sB?.type ?? '-'}`);
      return;
    }
    if (wireType(sA) !== wireType(sB)) {
      this.diffs.push(`${label}: type a=${sA.type} b=${sB.type}`);
      return;
    }
    this.enumValues(label, sA, sB);
    this.shapeTrait(label, 'streaming', sA.traits?.['smithy.api#streaming'], sB.traits?.['smithy.api#streaming']);
    this.shapeTrait(label, 'error', sA.traits?.['smithy.api#error'], sB.traits?.['smithy.api#error']);
    this.shapeTrait(label, 'httpError', errorStatus(sA), errorStatus(sB));
    if (role !== 'nested' && this.xmlA && this.xmlB) {
      this.shapeTrait(label, 'xml root', this.xmlRoot(this.a, idA, sA), this.xmlRoot(this.b, idB, sB));
    }
    if (sA.type === 'structure' || sA.type === 'union') this.members(label, sA, sB, role);
    for (const part of ['member', 'key', 'value'] as const) {
      const mA = sA[part];
      const mB = sB[part];
      if (mA !== undefined && mB !== undefined) this.member(`${label}.${part}`, mA, mB, 'nested');
    }
  }

  /**
   * The element name of a restXml request/response body: the payload member's xmlName, else its target's
   * xmlName or name; without a payload member, the structure's own xmlName or name (S3 ListBucketResult).
   */
  private xmlRoot(model: SmithyAst, id: ShapeId, shape: ShapeAst): unknown {
    const payload = Object.values(shape.members ?? {}).find((m) => m.traits?.['smithy.api#httpPayload'] !== undefined);
    if (payload === undefined) return shape.traits?.['smithy.api#xmlName'] ?? shapeName(id);
    const target = model.shapes[payload.target];
    if (target?.type !== 'structure' && target?.type !== 'union') return undefined;
    return payload.traits?.['smithy.api#xmlName'] ?? target.traits?.['smithy.api#xmlName'] ?? shapeName(payload.target);
  }

  private shapeTrait(label: string, trait: string, valueA: unknown, valueB: unknown): void {
    if (show(valueA) !== show(valueB)) this.diffs.push(`${label}: ${trait} a=${show(valueA)} b=${show(valueB)}`);
  }

  private enumValues(label: string, sA: ShapeAst, sB: ShapeAst): void {
    const vA = enumValuesOf(sA);
    const vB = enumValuesOf(sB);
    const onlyA = [...vA].filter((v) => !vB.has(v));
    const onlyB = [...vB].filter((v) => !vA.has(v));
    if (onlyA.length > 0) this.diffs.push(`only-in-a: enum values ${label}: ${onlyA.join(', ')}`);
    if (onlyB.length > 0) this.diffs.push(`only-in-b: enum values ${label}: ${onlyB.join(', ')}`);
  }

  private members(label: string, sA: ShapeAst, sB: ShapeAst, role: Role): void {
    const membersA = sA.members ?? {};
    const membersB = sB.members ?? {};
    for (const [name, mA] of Object.entries(membersA)) {
      const mB = membersB[name];
      if (mB === undefined) this.diffs.push(`only-in-a: member ${label}.${name}`);
      else this.member(`${label}.${name}`, mA, mB, role);
    }
    for (const name of Object.keys(membersB)) {
      if (!Object.hasOwn(membersA, name)) this.diffs.push(`only-in-b: member ${label}.${name}`);
    }
  }

  /** `role` is where the member's structure is used: top-level members carry HTTP bindings. */
  private member(label: string, mA: MemberAst, mB: MemberAst, role: Role): void {
    const bindings = BINDINGS[role];
    const boundA = this.bindingsA ? bindings.filter((t) => t !== 'httpPayload' && mA.traits?.[`smithy.api#${t}`] !== undefined) : [];
    const boundB = this.bindingsB ? bindings.filter((t) => t !== 'httpPayload' && mB.traits?.[`smithy.api#${t}`] !== undefined) : [];
    const inBody = boundA.length === 0 && boundB.length === 0;
    const traits = [...bindings, ...(inBody ? BODY_TRAITS : []), ...OTHER_MEMBER_TRAITS];
    for (const trait of traits) {
      const isBinding = bindings.includes(trait);
      const tA = isBinding && !this.bindingsA ? '-' : show(this.memberTrait(this.a, mA, trait));
      const tB = isBinding && !this.bindingsB ? '-' : show(this.memberTrait(this.b, mB, trait));
      if (tA !== tB) this.diffs.push(`${label}: ${trait} a=${tA} b=${tB}`);
    }
    const tA = this.shape(this.a, mA.target);
    const tB = this.shape(this.b, mB.target);
    if (tA !== undefined && tB !== undefined && wireType(tA) !== wireType(tB)) {
      this.diffs.push(`${label}: target ${shapeName(mA.target)} type a=${tA.type} b=${tB.type}`);
      return;
    }
    this.shapes(mA.target, mB.target, 'nested');
  }

  private memberTrait(model: SmithyAst, member: MemberAst, trait: string): unknown {
    const id = `smithy.api#${trait}`;
    const own = member.traits?.[id];
    if (own !== undefined || !INHERITED_FROM_TARGET.has(trait)) return own;
    return model.shapes[member.target]?.traits?.[id];
  }
}

/** Enum vs string (and intEnum vs integer) is the same on the wire; only the values can differ. */
function wireType(shape: ShapeAst): string {
  if (shape.type === 'enum') return 'string';
  if (shape.type === 'intEnum') return 'integer';
  if (shape.type === 'set') return 'list';
  return shape.type;
}

function enumValuesOf(shape: ShapeAst): Set<string> {
  const values = new Set<string>();
  if (shape.type === 'enum' || shape.type === 'intEnum') {
    for (const member of Object.values(shape.members ?? {})) values.add(plain(member.traits?.['smithy.api#enumValue']));
  }
  // Smithy 1.0 style string enums, still valid in 2.0 models.
  const legacy = shape.traits?.['smithy.api#enum'];
  if (Array.isArray(legacy)) for (const def of legacy) values.add(plain((def as { value?: unknown }).value));
  return values;
}

function plain(value: unknown): string {
  return typeof value === 'string' ? value : show(value);
}
