/**
 * Smithy AST → service IR. The IR is the runtime's ServiceSchema (src/runtime/schema.ts): the same data the
 * generated code hands to the runtime, so there is one description of a service, not two.
 * Fails loudly on shapes or traits it does not understand.
 */
import type {
  Binding,
  MemberSchema,
  OperationSchema,
  PathSegment,
  Protocol,
  ScalarType,
  ServiceSchema,
  ShapeSchema,
  TimestampFormat,
} from '../../src/runtime/schema.js';
import type { MemberAst, ShapeAst, SmithyAst } from '../model/ast.js';
import {
  assertKnownTraits,
  awsQueryErrorTrait,
  errorTrait,
  has,
  httpChecksumTrait,
  httpErrorTrait,
  httpTrait,
  serviceTrait,
  sigv4Name,
  str,
  T,
  xmlNamespaceTrait,
} from '../model/traits.js';

export interface ServiceIR extends ServiceSchema {
  /** TypeScript class prefix: `S3`, `DynamoDB`, `Lambda`, `APIGateway`. */
  className: string;
  /** Operation names sorted. */
  operationNames: string[];
  /** Error shape names sorted. */
  errorNames: string[];
}

const PRELUDE: Record<string, ScalarType> = {
  String: 'string',
  Blob: 'blob',
  Boolean: 'boolean',
  PrimitiveBoolean: 'boolean',
  Byte: 'byte',
  PrimitiveByte: 'byte',
  Short: 'short',
  PrimitiveShort: 'short',
  Integer: 'integer',
  PrimitiveInteger: 'integer',
  Long: 'long',
  PrimitiveLong: 'long',
  Float: 'float',
  PrimitiveFloat: 'float',
  Double: 'double',
  PrimitiveDouble: 'double',
  BigInteger: 'bigInteger',
  BigDecimal: 'bigDecimal',
  Timestamp: 'timestamp',
  Document: 'document',
};

const localName = (id: string): string => id.slice(id.indexOf('#') + 1);

function protocolOf(traits: ShapeAst['traits']): Protocol {
  if (has(traits, T.restXml)) return 'restXml';
  if (has(traits, T.restJson1)) return 'restJson1';
  if (has(traits, T.awsJson1_0)) return 'awsJson1_0';
  throw new Error('codegen: the service uses a protocol the generator does not support (restXml, restJson1, awsJson1_0)');
}

/** Parses `/{Bucket}/{Key+}?uploads&x-id=GetObject` into path segments and query literals. */
export function parseUri(uri: string): { segments: PathSegment[]; queryLiterals: Record<string, string> } {
  const [path = '', query] = uri.split('?', 2);
  const segments: PathSegment[] = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      const label = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(s);
      if (label?.[1]) return { label: label[1], greedy: label[2] === '+' };
      if (s.includes('{')) throw new Error(`codegen: URI segment ${s} of ${uri} mixes labels and literals`);
      return { literal: s };
    });
  const queryLiterals: Record<string, string> = {};
  for (const part of (query ?? '').split('&').filter(Boolean)) {
    const [key = '', value = ''] = part.split('=', 2);
    // x-id is a client hint (ARCHITECTURE.md §3): routing never requires it.
    if (key !== 'x-id') queryLiterals[key] = value;
  }
  return { segments, queryLiterals };
}

class Builder {
  readonly shapes: Record<string, ShapeSchema> = {};
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly ast: SmithyAst,
    /** Operation inputs, outputs and errors: the structures whose members carry HTTP bindings. */
    private readonly topLevel: ReadonlySet<string>,
  ) {}

  shape(id: string): ShapeAst {
    const shape = this.ast.shapes[id];
    if (!shape) throw new Error(`codegen: shape ${id} is referenced but not defined`);
    return shape;
  }

  /** Registers a shape (and everything it reaches) and returns its registry name. */
  ref(id: string): string {
    // Prelude shapes keep their absolute id as registry name: models may define their own `String`.
    const name = id.startsWith('smithy.api#') ? id : localName(id);
    const seen = this.ids.get(name);
    if (seen !== undefined) {
      if (seen !== id) throw new Error(`codegen: shapes ${seen} and ${id} share the name ${name}`);
      return name;
    }
    this.ids.set(name, id);
    if (id.startsWith('smithy.api#')) {
      const type = PRELUDE[localName(id)];
      if (!type) throw new Error(`codegen: prelude shape ${id} is not supported`);
      this.shapes[name] = { type, name };
      return name;
    }
    this.shapes[name] = this.convert(id, name, this.shape(id));
    return name;
  }

  member(owner: string, name: string, ast: MemberAst, topLevel: boolean): MemberSchema {
    const where = `${owner}$${name}`;
    const t = ast.traits;
    assertKnownTraits(where, t);
    const m: MemberSchema = { name, target: this.ref(ast.target) };
    if (has(t, T.required)) m.required = true;
    const binding = topLevel ? bindingOf(where, t) : undefined;
    if (binding) m.binding = binding;
    const xmlName = str(t, T.xmlName);
    if (xmlName) m.xmlName = xmlName;
    if (has(t, T.xmlAttribute)) m.xmlAttribute = true;
    if (has(t, T.xmlFlattened)) m.xmlFlattened = true;
    const ns = xmlNamespaceTrait(t);
    if (ns) m.xmlNamespace = ns.prefix ? { uri: ns.uri, prefix: ns.prefix } : { uri: ns.uri };
    const jsonName = str(t, T.jsonName);
    if (jsonName) m.jsonName = jsonName;
    const ts = str(t, T.timestampFormat) as TimestampFormat | undefined;
    if (ts) m.timestampFormat = ts;
    if (has(t, T.idempotencyToken)) m.idempotencyToken = true;
    return m;
  }

  convert(id: string, name: string, s: ShapeAst): ShapeSchema {
    assertKnownTraits(id, s.traits);
    const t = s.traits;
    switch (s.type) {
      case 'structure':
      case 'union': {
        const isTopLevel = this.topLevel.has(id) || has(t, T.error);
        const members = Object.entries(s.members ?? {}).map(([mn, m]) => this.member(name, mn, m, isTopLevel));
        const out: ShapeSchema = { type: s.type, name, members };
        const xmlName = str(t, T.xmlName);
        if (xmlName) out.xmlName = xmlName;
        const ns = xmlNamespaceTrait(t);
        if (ns) out.xmlNamespace = ns.prefix ? { uri: ns.uri, prefix: ns.prefix } : { uri: ns.uri };
        if (s.type === 'union' && has(t, T.streaming)) out.streaming = true;
        const fault = errorTrait(t);
        if (fault) {
          const query = awsQueryErrorTrait(t);
          out.error = { fault, httpStatus: httpErrorTrait(t) ?? (fault === 'client' ? 400 : 500) };
          if (query && query.code !== name) out.error.code = query.code;
          const typeId = str(t, T.wireErrorType);
          if (typeId) out.error.typeId = typeId;
        }
        return out;
      }
      case 'list':
      case 'set': {
        if (!s.member) throw new Error(`codegen: list ${id} has no member`);
        const out: ShapeSchema = { type: 'list', name, member: this.member(name, 'member', s.member, false) };
        if (has(t, T.sparse)) out.sparse = true;
        return out;
      }
      case 'map': {
        if (!s.key || !s.value) throw new Error(`codegen: map ${id} lacks key or value`);
        const out: ShapeSchema = {
          type: 'map',
          name,
          key: this.member(name, 'key', s.key, false),
          value: this.member(name, 'value', s.value, false),
        };
        if (has(t, T.sparse)) out.sparse = true;
        return out;
      }
      case 'enum':
        return {
          type: 'enum',
          name,
          values: Object.entries(s.members ?? {}).map(([mn, m]) => str(m.traits, T.enumValue) ?? mn),
        };
      case 'intEnum':
        return {
          type: 'intEnum',
          name,
          values: Object.values(s.members ?? {}).map((m) => Number(m.traits?.[T.enumValue])),
        };
      case 'string':
      case 'blob':
      case 'boolean':
      case 'byte':
      case 'short':
      case 'integer':
      case 'long':
      case 'float':
      case 'double':
      case 'bigInteger':
      case 'bigDecimal':
      case 'timestamp':
      case 'document': {
        const out: ShapeSchema = { type: s.type, name };
        if (has(t, T.streaming)) out.streaming = true;
        const ts = str(t, T.timestampFormat) as TimestampFormat | undefined;
        if (ts) out.timestampFormat = ts;
        const mediaType = str(t, T.mediaType);
        if (mediaType) out.mediaType = mediaType;
        return out;
      }
      default:
        throw new Error(`codegen: shape ${id} has type ${s.type}, which the generator does not handle`);
    }
  }
}

function contextFlags(traits: ShapeAst['traits']): string[] {
  const params = (traits?.[T.staticContextParams] ?? {}) as Record<string, { value?: unknown }>;
  return Object.entries(params)
    .filter(([, p]) => p.value === true)
    .map(([name]) => name)
    .sort();
}

function bindingOf(where: string, t: MemberAst['traits']): Binding | undefined {
  const found: Binding[] = [];
  if (has(t, T.httpLabel)) found.push({ in: 'label', greedy: false });
  const query = str(t, T.httpQuery);
  if (query !== undefined) found.push({ in: 'query', name: query });
  if (has(t, T.httpQueryParams)) found.push({ in: 'queryParams' });
  const header = str(t, T.httpHeader);
  if (header !== undefined) found.push({ in: 'header', name: header });
  const prefix = str(t, T.httpPrefixHeaders);
  if (prefix !== undefined) found.push({ in: 'prefixHeaders', prefix });
  if (has(t, T.httpPayload)) found.push({ in: 'payload' });
  if (has(t, T.httpResponseCode)) found.push({ in: 'responseCode' });
  if (found.length > 1) throw new Error(`codegen: member ${where} has more than one HTTP binding`);
  return found[0];
}

export function buildService(key: string, className: string, ast: SmithyAst, serviceShapeId: string, origin: string): ServiceIR {
  const service = ast.shapes[serviceShapeId];
  if (!service) throw new Error(`codegen: the model has no service shape ${serviceShapeId}`);
  const topLevel = new Set<string>();
  for (const o of service.operations ?? []) {
    const op = ast.shapes[o.target];
    for (const ref of [op?.input, op?.output, ...(op?.errors ?? [])]) if (ref) topLevel.add(ref.target);
  }
  const b = new Builder(ast, topLevel);
  if (service.type !== 'service') throw new Error(`codegen: ${serviceShapeId} is not a service shape`);
  assertKnownTraits(serviceShapeId, service.traits);
  const protocol = protocolOf(service.traits);
  const namespace = serviceShapeId.slice(0, serviceShapeId.indexOf('#'));
  const opIds = (service.operations ?? []).map((o) => o.target);
  if (service.resources?.length) throw new Error(`codegen: ${serviceShapeId} binds resources; the generator expects operations only`);
  const operations: Record<string, OperationSchema> = {};
  const errorNames = new Set<string>();
  for (const opId of opIds.sort()) {
    const op = b.shape(opId);
    if (op.type !== 'operation') throw new Error(`codegen: ${opId} is not an operation`);
    assertKnownTraits(opId, op.traits);
    const name = localName(opId);
    const schema: OperationSchema = { name, errors: [] };
    if (op.input && op.input.target !== 'smithy.api#Unit') schema.input = b.ref(op.input.target);
    if (op.output && op.output.target !== 'smithy.api#Unit') schema.output = b.ref(op.output.target);
    schema.errors = (op.errors ?? []).map((e) => b.ref(e.target)).sort();
    for (const e of schema.errors) errorNames.add(e);
    const http = httpTrait(op.traits);
    if (protocol !== 'awsJson1_0') {
      if (!http) throw new Error(`codegen: ${opId} has no @http trait but the protocol is ${protocol}`);
      const { segments, queryLiterals } = parseUri(http.uri);
      const input = schema.input ? b.shapes[schema.input] : undefined;
      const members = input && 'members' in input ? input.members : [];
      schema.http = {
        method: http.method,
        uri: http.uri,
        code: http.code ?? 200,
        segments,
        queryLiterals,
        requiredQuery: members.flatMap((m) => (m.required && m.binding?.in === 'query' ? [m.binding.name] : [])).sort(),
        requiredHeaders: members.flatMap((m) => (m.required && m.binding?.in === 'header' ? [m.binding.name.toLowerCase()] : [])).sort(),
      };
      for (const s of segments) {
        if ('label' in s) {
          const m = members.find((x) => x.name === s.label);
          if (m?.binding?.in !== 'label') throw new Error(`codegen: ${opId} URI label {${s.label}} has no @httpLabel member`);
          m.binding = { in: 'label', greedy: s.greedy };
        }
      }
    }
    if (has(op.traits, T.httpChecksumRequired)) schema.checksumRequired = true;
    if (has(op.traits, T.s3UnwrappedXmlOutput)) schema.unwrappedXmlOutput = true;
    if (has(op.traits, T.deprecated)) schema.deprecated = true;
    const flags = contextFlags(op.traits);
    if (flags.length) schema.contextFlags = flags;
    const checksum = httpChecksumTrait(op.traits);
    if (checksum) schema.httpChecksum = checksum;
    operations[name] = schema;
  }
  // Unmodeled-but-real errors added by models/patches are error shapes bound to no operation: include them.
  for (const [id, shape] of Object.entries(ast.shapes)) {
    if (id.startsWith(`${namespace}#`) && shape.type === 'structure' && errorTrait(shape.traits)) {
      errorNames.add(b.ref(id));
    }
  }
  const svc = serviceTrait(service.traits);
  if (!svc) throw new Error(`codegen: ${serviceShapeId} lacks aws.api#service`);
  const ns = xmlNamespaceTrait(service.traits);
  const ir: ServiceIR = {
    key,
    className,
    sdkId: svc.sdkId,
    shapeId: serviceShapeId,
    namespace,
    version: service.version ?? '',
    protocol,
    signingName: sigv4Name(service.traits) ?? svc.endpointPrefix ?? key,
    modelOrigin: origin,
    operations,
    shapes: Object.fromEntries(Object.entries(b.shapes).sort(([a], [z]) => (a < z ? -1 : a > z ? 1 : 0))),
    operationNames: Object.keys(operations).sort(),
    errorNames: [...errorNames].sort(),
  };
  if (protocol === 'awsJson1_0') ir.targetPrefix = localName(serviceShapeId);
  if (ns) ir.xmlNamespace = ns.uri;
  const errorNamespace = str(service.traits, T.wireErrorNamespace);
  if (errorNamespace) ir.errorNamespace = errorNamespace;
  return ir;
}
