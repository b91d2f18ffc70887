/**
 * Converts a botocore C2J model (`service-2.json`) into the Smithy JSON AST the official AWS models use,
 * so the generator reads one format whichever source a service model came from.
 * Unknown C2J keys and values throw (see c2j-keys.ts); documentation is always dropped.
 */
import type { ShapeAst, SmithyAst, Traits } from '../model/ast.js';
import type { JsonObject } from './c2j-json.js';
import { asObject, asString, asStringArray, checkKeys, fail, isObject, optString } from './c2j-json.js';
import { METADATA_IGNORED, METADATA_KEYS, TOP_IGNORED, TOP_KEYS } from './c2j-keys.js';
import { convertOperation, inputXmlRootTraits } from './c2j-operations.js';
import type { ConvertContext, Protocol } from './c2j-shapes.js';
import { convertList, convertMap, convertSimple, convertString, shapeId, withTraits } from './c2j-shapes.js';
import { convertStructure } from './c2j-structures.js';

export function c2jToSmithy(c2j: unknown, options: { serviceShapeId: string }): SmithyAst {
  const model = asObject(c2j, 'model');
  checkKeys(model, TOP_KEYS, TOP_IGNORED, 'model');
  if (asString(model.version, 'model key "version"') !== '2.0') fail('model', `unsupported C2J version ${String(model.version)}`);
  const [namespace, serviceName] = splitShapeId(options.serviceShapeId);
  const metadata = asObject(model.metadata, 'metadata');
  checkKeys(metadata, METADATA_KEYS, METADATA_IGNORED, 'metadata');
  const shapes = objectRecord(model.shapes, 'shapes');
  const operations = objectRecord(model.operations, 'operations');
  const protocol = protocolOf(metadata, serviceName);
  const ctx: ConvertContext = {
    namespace,
    protocol,
    xmlNamespaceUri: serviceXmlNamespace(metadata, protocol, shapes, operations),
    shapes,
    streamingTargets: streamingTargets(shapes),
  };

  const out: Record<string, ShapeAst> = {};
  for (const [name, raw] of Object.entries(shapes)) out[shapeId(ctx, name)] = convertShape(ctx, name, raw);
  addSyntheticStreamingShapes(ctx, out);
  addInputOutputTraits(ctx, out, shapes, operations);
  for (const [name, raw] of Object.entries(operations)) {
    addUnique(out, shapeId(ctx, name), convertOperation(ctx, name, raw));
    applyInputXmlRoot(ctx, out, name, raw);
  }
  const operationIds = Object.keys(operations).map((name) => shapeId(ctx, name));
  addUnique(out, options.serviceShapeId, serviceShape(ctx, metadata, operationIds));
  const sorted = Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((id) => [id, out[id] as ShapeAst]),
  );
  return { smithy: '2.0', shapes: sorted };
}

function splitShapeId(id: string): [string, string] {
  const match = /^([A-Za-z_][\w.]*)#([A-Za-z_]\w*)$/.exec(id);
  if (match === null) fail('options', `serviceShapeId "${id}" is not a Smithy shape id like "com.amazonaws.s3#AmazonS3"`);
  return [match[1] as string, match[2] as string];
}

/** C2J keeps operations and shapes apart; Smithy has one namespace, so a shared name must not overwrite. */
function addUnique(out: Record<string, ShapeAst>, id: string, shape: ShapeAst): void {
  if (Object.hasOwn(out, id)) fail(id, 'an operation or the service has the same name as a C2J shape');
  out[id] = shape;
}

function objectRecord(value: unknown, where: string): Record<string, JsonObject> {
  const o = asObject(value, where);
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, asObject(v, `${where} ${k}`)]));
}

function convertShape(ctx: ConvertContext, name: string, raw: JsonObject): ShapeAst {
  const type = asString(raw.type, `shape ${name} key "type"`);
  switch (type) {
    case 'structure':
      return convertStructure(ctx, name, raw);
    case 'list':
      return convertList(ctx, name, raw);
    case 'map':
      return convertMap(ctx, name, raw);
    case 'string':
      return convertString(name, raw);
    default:
      return convertSimple(ctx, name, raw);
  }
}

function protocolOf(metadata: JsonObject, serviceName: string): Protocol {
  const protocol = asString(metadata.protocol, 'metadata key "protocol"');
  const protocols = metadata.protocols === undefined ? [protocol] : asStringArray(metadata.protocols, 'metadata key "protocols"');
  // The stand-in serves one wire protocol per service; a second one would need its own protocol trait.
  if (protocols.length !== 1 || protocols[0] !== protocol) {
    fail('metadata', `key "protocols" ${JSON.stringify(protocols)} is not just "${protocol}"`);
  }
  const targetPrefix = optString(metadata, 'targetPrefix', 'metadata');
  if (protocol === 'json') {
    // Smithy derives X-Amz-Target from the service shape name, so it must be C2J's targetPrefix.
    if (targetPrefix !== serviceName)
      fail('metadata', `key "targetPrefix" "${targetPrefix}" is not the service shape name "${serviceName}"`);
    const jsonVersion = asString(metadata.jsonVersion, 'metadata key "jsonVersion"');
    if (jsonVersion === '1.0') return 'awsJson1_0';
    if (jsonVersion === '1.1') return 'awsJson1_1';
    return fail('metadata', `unsupported jsonVersion "${jsonVersion}"`);
  }
  if (targetPrefix !== undefined) fail('metadata', `key "targetPrefix" on a ${protocol} service`);
  if (protocol === 'rest-xml') return 'restXml';
  if (protocol === 'rest-json') return 'restJson1';
  return fail('metadata', `unsupported protocol "${protocol}"`);
}

/**
 * metadata.xmlNamespace when given. Otherwise, for restXml, botocore writes the document namespace only where a
 * client needs it (request payload roots); Smithy declares it once on the service, which also covers responses.
 * So a single prefix-less namespace used by all of them is the service's.
 */
function serviceXmlNamespace(
  metadata: JsonObject,
  protocol: Protocol,
  shapes: Readonly<Record<string, JsonObject>>,
  operations: Readonly<Record<string, JsonObject>>,
): string | undefined {
  const declared = optString(metadata, 'xmlNamespace', 'metadata');
  if (declared !== undefined || protocol !== 'restXml') return declared;
  const uris = new Set<string>();
  const collect = (ns: unknown): void => {
    if (isObject(ns) && ns.prefix === undefined && typeof ns.uri === 'string') uris.add(ns.uri);
  };
  for (const op of Object.values(operations)) if (isObject(op.input)) collect(op.input.xmlNamespace);
  for (const shape of Object.values(shapes)) {
    if (isObject(shape.members)) for (const member of Object.values(shape.members)) if (isObject(member)) collect(member.xmlNamespace);
  }
  return uris.size === 1 ? [...uris][0] : undefined;
}

/** Every shape reference outside operations: structure members, list members, map keys and values. */
function memberReferences(shape: JsonObject): { target: unknown; streaming: boolean }[] {
  const refs: { target: unknown; streaming: boolean }[] = [];
  const add = (m: unknown): void => {
    if (isObject(m)) refs.push({ target: m.shape, streaming: m.streaming === true });
  };
  if (isObject(shape.members)) Object.values(shape.members).forEach(add);
  [shape.member, shape.key, shape.value].forEach(add);
  return refs;
}

/**
 * Smithy has streaming shapes, C2J has streaming members (S3's Body). A blob used only by streaming members
 * becomes streaming itself; one also used without streaming (S3 RecordsEvent.Payload → Body) gets a
 * streaming twin named `Streaming<Name>`.
 */
function streamingTargets(shapes: Readonly<Record<string, JsonObject>>): Map<string, string> {
  const streaming = new Set<string>();
  const plain = new Set<string>();
  for (const shape of Object.values(shapes)) {
    for (const ref of memberReferences(shape)) {
      if (typeof ref.target === 'string') (ref.streaming ? streaming : plain).add(ref.target);
    }
  }
  const result = new Map<string, string>();
  for (const name of streaming) {
    const twin = plain.has(name) ? `Streaming${name}` : name;
    if (twin !== name && Object.hasOwn(shapes, twin)) fail(`shape ${name}`, `streaming twin name "${twin}" is taken`);
    result.set(name, twin);
  }
  return result;
}

function addSyntheticStreamingShapes(ctx: ConvertContext, out: Record<string, ShapeAst>): void {
  for (const [name, twin] of ctx.streamingTargets) {
    if (twin === name) continue;
    const original = out[shapeId(ctx, name)] ?? fail(`shape ${name}`, 'missing');
    out[shapeId(ctx, twin)] = withTraits({ type: original.type }, { ...original.traits, 'smithy.api#streaming': {} });
  }
}

/**
 * Smithy's input/output traits promise the structure is used by exactly one operation in that role and
 * nowhere else, so they are only added where that holds (API Gateway shares outputs like RestApi widely).
 */
function addInputOutputTraits(
  ctx: ConvertContext,
  out: Record<string, ShapeAst>,
  shapes: Readonly<Record<string, JsonObject>>,
  operations: Readonly<Record<string, JsonObject>>,
): void {
  const uses = new Map<string, string[]>();
  const use = (target: unknown, role: string): void => {
    if (typeof target === 'string') uses.set(target, [...(uses.get(target) ?? []), role]);
  };
  for (const shape of Object.values(shapes)) for (const ref of memberReferences(shape)) use(ref.target, 'member');
  for (const op of Object.values(operations)) {
    if (isObject(op.input)) use(op.input.shape, 'input');
    if (isObject(op.output)) use(op.output.shape, 'output');
    if (Array.isArray(op.errors)) for (const e of op.errors) if (isObject(e)) use(e.shape, 'error');
  }
  for (const [name, roles] of uses) {
    const role = roles[0];
    if (roles.length !== 1 || (role !== 'input' && role !== 'output')) continue;
    const shape = out[shapeId(ctx, name)];
    if (shape?.type === 'structure') Object.assign(shape, withTraits({ ...shape }, { ...shape.traits, [`smithy.api#${role}`]: {} }));
  }
}

/**
 * C2J can name the XML root element of an operation's request body on the operation (S3 SelectObjectContent).
 * Smithy says it on the payload member when there is one, otherwise on the input structure.
 */
function applyInputXmlRoot(ctx: ConvertContext, out: Record<string, ShapeAst>, opName: string, op: JsonObject): void {
  if (!isObject(op.input)) return;
  const inputName = asString(op.input.shape, `operation ${opName} input key "shape"`);
  const structure = out[shapeId(ctx, inputName)] ?? fail(`operation ${opName}`, `unknown input "${inputName}"`);
  const payload = optString(ctx.shapes[inputName] ?? {}, 'payload', `shape ${inputName}`);
  const member = payload === undefined ? undefined : structure.members?.[payload];
  const node = member ?? structure;
  // Smithy's default root element name is the payload member's target shape name, else the input shape name.
  const rootName = member === undefined ? inputName : (member.target.split('#')[1] ?? '');
  const extra = inputXmlRootTraits(ctx, opName, op.input, rootName);
  for (const [key, value] of Object.entries(extra)) {
    const existing = node.traits?.[key];
    if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(value)) {
      fail(`operation ${opName}`, `input ${key} ${JSON.stringify(value)} conflicts with ${JSON.stringify(existing)}`);
    }
  }
  Object.assign(node, withTraits({ ...node }, { ...node.traits, ...extra }));
}

function serviceShape(ctx: ConvertContext, metadata: JsonObject, operationIds: string[]): ShapeAst {
  const endpointPrefix = asString(metadata.endpointPrefix, 'metadata key "endpointPrefix"');
  // The signing name is also the IAM/ARN service prefix for these services (s3, dynamodb, lambda, apigateway).
  const signingName = optString(metadata, 'signingName', 'metadata') ?? endpointPrefix;
  checkSigV4(metadata);
  const traits: Traits = {
    'aws.api#service': {
      sdkId: asString(metadata.serviceId, 'metadata key "serviceId"'),
      arnNamespace: signingName,
      endpointPrefix,
    },
    'aws.auth#sigv4': { name: signingName },
    [`aws.protocols#${ctx.protocol}`]: {},
  };
  const title = optString(metadata, 'serviceFullName', 'metadata');
  if (title !== undefined) traits['smithy.api#title'] = title;
  if (ctx.xmlNamespaceUri !== undefined) traits['smithy.api#xmlNamespace'] = { uri: ctx.xmlNamespaceUri };
  // Query-compatible JSON services report errors the awsQuery way too (x-amzn-query-error header).
  if (metadata.awsQueryCompatible !== undefined) {
    asObject(metadata.awsQueryCompatible, 'metadata key "awsQueryCompatible"');
    traits['aws.protocols#awsQueryCompatible'] = {};
  }
  return withTraits(
    {
      type: 'service',
      version: asString(metadata.apiVersion, 'metadata key "apiVersion"'),
      operations: [...operationIds].sort().map((target) => ({ target })),
    },
    traits,
  );
}

/** Only SigV4 is served. S3's legacy `signatureVersion: "s3"` is fine when `auth` lists SigV4. */
function checkSigV4(metadata: JsonObject): void {
  const auth = metadata.auth === undefined ? [] : asStringArray(metadata.auth, 'metadata key "auth"');
  const signatureVersion = optString(metadata, 'signatureVersion', 'metadata');
  if (auth.length > 0 && auth.every((scheme) => scheme === 'aws.auth#sigv4')) return;
  if (auth.length === 0 && (signatureVersion === 'v4' || signatureVersion === 's3v4')) return;
  fail('metadata', `unsupported auth ${JSON.stringify(auth)} / signatureVersion ${JSON.stringify(signatureVersion)}`);
}
