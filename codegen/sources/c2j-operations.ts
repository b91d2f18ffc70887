/**
 * Converts C2J operations: HTTP binding (with label renaming), input/output/errors and operation traits.
 */
import type { ShapeAst, Traits } from '../model/ast.js';
import type { JsonObject } from './c2j-json.js';
import { asObject, asString, asStringArray, checkKeys, fail, flag, isObject, optNumber, optString } from './c2j-json.js';
import {
  HTTP_CHECKSUM_KEYS,
  HTTP_KEYS,
  OPERATION_IGNORED,
  OPERATION_INPUT_KEYS,
  OPERATION_KEYS,
  OPERATION_OUTPUT_KEYS,
} from './c2j-keys.js';
import type { ConvertContext } from './c2j-shapes.js';
import { shapeId, withTraits, xmlNamespaceTrait } from './c2j-shapes.js';

const UNIT = 'smithy.api#Unit';

export function convertOperation(ctx: ConvertContext, name: string, raw: JsonObject): ShapeAst {
  const where = `operation ${name}`;
  checkKeys(raw, OPERATION_KEYS, OPERATION_IGNORED, where);
  if (raw.name !== name) fail(where, `key "name" ${JSON.stringify(raw.name)} differs from the operation key`);
  const input = ioShape(ctx, raw.input, OPERATION_INPUT_KEYS, `${where} input`);
  const output = ioShape(ctx, raw.output, OPERATION_OUTPUT_KEYS, `${where} output`);
  const errors = raw.errors === undefined ? [] : errorTargets(ctx, raw.errors, `${where} key "errors"`);
  const inputShape = input === undefined ? undefined : ctx.shapes[input];
  const traits: Traits = {
    ...httpTraits(ctx, raw, inputShape, where),
    ...authTraits(raw, where),
    ...checksumTraits(raw, inputShape, where),
    ...staticContextTraits(raw, where),
  };
  if (raw.endpoint !== undefined) traits['smithy.api#endpoint'] = endpointTrait(raw.endpoint, inputShape, where);
  if (flag(raw, 'deprecated', where)) traits['smithy.api#deprecated'] = {};
  if (flag(raw, 'readonly', where)) traits['smithy.api#readonly'] = {};
  if (flag(raw, 'idempotent', where)) traits['smithy.api#idempotent'] = {};
  const shape: ShapeAst = {
    type: 'operation',
    input: { target: input === undefined ? UNIT : shapeId(ctx, input) },
    output: { target: output === undefined ? UNIT : shapeId(ctx, output) },
  };
  if (errors.length > 0) shape.errors = errors.map((target) => ({ target }));
  return withTraits(shape, traits);
}

function ioShape(ctx: ConvertContext, value: unknown, keys: readonly string[], where: string): string | undefined {
  if (value === undefined) return undefined;
  const io = asObject(value, where);
  checkKeys(io, keys, {}, where);
  const name = asString(io.shape, `${where} key "shape"`);
  if (ctx.shapes[name]?.type !== 'structure') fail(where, `"${name}" is not a structure`);
  return name;
}

function errorTargets(ctx: ConvertContext, value: unknown, where: string): string[] {
  if (!Array.isArray(value)) fail(where, 'expected an array');
  return value.map((item, i) => {
    const error = asObject(item, `${where}[${i}]`);
    checkKeys(error, ['shape'], {}, `${where}[${i}]`);
    const name = asString(error.shape, `${where}[${i}] key "shape"`);
    if (ctx.shapes[name]?.exception !== true) fail(`${where}[${i}]`, `"${name}" is not an exception shape`);
    return shapeId(ctx, name);
  });
}

function httpTraits(ctx: ConvertContext, raw: JsonObject, input: JsonObject | undefined, where: string): Traits {
  const http = asObject(raw.http, `${where} key "http"`);
  checkKeys(http, HTTP_KEYS, {}, `${where} http`);
  const method = asString(http.method, `${where} http key "method"`);
  const requestUri = asString(http.requestUri, `${where} http key "requestUri"`);
  const code = optNumber(http, 'responseCode', `${where} http`);
  if (ctx.protocol === 'awsJson1_0' || ctx.protocol === 'awsJson1_1') {
    // awsJson operations are all POST / with X-Amz-Target; Smithy models them without an http trait.
    if (method !== 'POST' || requestUri !== '/' || (code !== undefined && code !== 200)) {
      fail(`${where} http`, `${method} ${requestUri} ${code ?? ''} is not the awsJson POST /`);
    }
    return {};
  }
  // Smithy's default response code is 200; the official models always spell it out.
  return { 'smithy.api#http': { method, uri: rewriteLabels(requestUri, input, where), code: code ?? 200 } };
}

/**
 * C2J labels use the member's locationName (API Gateway: member restApiId, label {restapi_id});
 * Smithy labels use member names. Literal query parts (S3 `?acl`) stay as they are.
 */
export function rewriteLabels(requestUri: string, input: JsonObject | undefined, where: string): string {
  const q = requestUri.indexOf('?');
  const path = q < 0 ? requestUri : requestUri.slice(0, q);
  const query = q < 0 ? '' : requestUri.slice(q);
  if (query.includes('{')) fail(where, `label in the query string of "${requestUri}"`);
  const labels = uriMembers(input, where);
  const used = new Set<string>();
  const rewritten = path.replace(/\{([^}]*)\}/g, (_match, inner: string) => {
    const greedy = inner.endsWith('+');
    const label = greedy ? inner.slice(0, -1) : inner;
    const member = labels.get(label) ?? fail(where, `URI label {${inner}} matches no input member with location "uri"`);
    used.add(member);
    return `{${member}${greedy ? '+' : ''}}`;
  });
  for (const member of labels.values()) {
    if (!used.has(member)) fail(where, `input member ${member} has location "uri" but is not in "${requestUri}"`);
  }
  return rewritten + query;
}

/** Label name (locationName, defaulting to the member name) → member name. */
function uriMembers(input: JsonObject | undefined, where: string): Map<string, string> {
  const labels = new Map<string, string>();
  if (input === undefined || !isObject(input.members)) return labels;
  for (const [member, raw] of Object.entries(input.members)) {
    if (!isObject(raw) || raw.location !== 'uri') continue;
    const label = optString(raw, 'locationName', `${where} input member ${member}`) ?? member;
    if (labels.has(label)) fail(where, `two input members use URI label {${label}}`);
    labels.set(label, member);
  }
  return labels;
}

function authTraits(raw: JsonObject, where: string): Traits {
  const traits: Traits = {};
  const authtype = optString(raw, 'authtype', where);
  if (authtype === 'none') traits['smithy.api#auth'] = [];
  else if (authtype === 'v4-unsigned-body') traits['aws.auth#unsignedPayload'] = {};
  else if (authtype !== undefined && authtype !== 'v4') fail(where, `unsupported authtype "${authtype}"`);
  if (flag(raw, 'unsignedPayload', where)) traits['aws.auth#unsignedPayload'] = {};
  if (raw.auth !== undefined) {
    const schemes = asStringArray(raw.auth, `${where} key "auth"`);
    for (const scheme of schemes) {
      if (scheme !== 'aws.auth#sigv4' && scheme !== 'smithy.api#noAuth') fail(where, `unsupported auth scheme "${scheme}"`);
    }
    // Smithy spells "no authentication" as an empty auth list rather than naming noAuth.
    traits['smithy.api#auth'] = schemes.filter((scheme) => scheme !== 'smithy.api#noAuth');
  }
  return traits;
}

/**
 * Endpoint rule-set inputs fixed per operation. Kept because they tell requests apart on the wire that HTTP
 * bindings cannot: S3 ListDirectoryBuckets (UseS3ExpressControlEndpoint) is signed for `s3express`.
 */
function staticContextTraits(raw: JsonObject, where: string): Traits {
  if (raw.staticContextParams === undefined) return {};
  return { 'smithy.rules#staticContextParams': asObject(raw.staticContextParams, `${where} staticContextParams`) };
}

function checksumTraits(raw: JsonObject, input: JsonObject | undefined, where: string): Traits {
  const traits: Traits = {};
  if (flag(raw, 'httpChecksumRequired', where)) traits['smithy.api#httpChecksumRequired'] = {};
  if (raw.httpChecksum === undefined) return traits;
  const at = `${where} httpChecksum`;
  const o = asObject(raw.httpChecksum, at);
  checkKeys(o, HTTP_CHECKSUM_KEYS, {}, at);
  const checksum: Traits = {};
  for (const key of ['requestAlgorithmMember', 'requestValidationModeMember']) {
    const member = optString(o, key, at);
    if (member === undefined) continue;
    if (!isObject(input?.members) || !Object.hasOwn(input.members, member)) fail(at, `key "${key}" names unknown input member "${member}"`);
    checksum[key] = member;
  }
  // false is the Smithy default and the official models leave it out.
  if (flag(o, 'requestChecksumRequired', at)) checksum.requestChecksumRequired = true;
  if (o.responseAlgorithms !== undefined)
    checksum.responseAlgorithms = asStringArray(o.responseAlgorithms, `${at} key "responseAlgorithms"`);
  traits['aws.protocols#httpChecksum'] = Object.fromEntries(
    ['requestAlgorithmMember', 'requestChecksumRequired', 'requestValidationModeMember', 'responseAlgorithms']
      .filter((key) => checksum[key] !== undefined)
      .map((key) => [key, checksum[key]]),
  );
  return traits;
}

/** Host prefix labels name input members marked hostLabel (the same in C2J and Smithy). */
function endpointTrait(value: unknown, input: JsonObject | undefined, where: string): { hostPrefix: string } {
  const at = `${where} endpoint`;
  const endpoint = asObject(value, at);
  checkKeys(endpoint, ['hostPrefix'], {}, at);
  const hostPrefix = asString(endpoint.hostPrefix, `${at} key "hostPrefix"`);
  for (const [, label] of hostPrefix.matchAll(/\{([^}]*)\}/g)) {
    const member = isObject(input?.members) ? input.members[label as string] : undefined;
    if (!isObject(member) || member.hostLabel !== true) fail(at, `host label {${label}} is not an input member with hostLabel`);
  }
  return { hostPrefix };
}

/**
 * The XML root element named on the C2J operation input (`locationName`, `xmlNamespace`), as traits for
 * wherever Smithy puts the root: the payload member or the input structure (see applyInputXmlRoot).
 * Names equal to Smithy's default (the member/shape name) and the service namespace are implied, not repeated.
 */
export function inputXmlRootTraits(ctx: ConvertContext, opName: string, input: JsonObject, rootName: string): Traits {
  const where = `operation ${opName} input`;
  const traits: Traits = {};
  const locationName = optString(input, 'locationName', where);
  if (locationName !== undefined && locationName !== rootName) traits['smithy.api#xmlName'] = locationName;
  const namespace = xmlNamespaceTrait(ctx, input.xmlNamespace, `${where} key "xmlNamespace"`);
  if (namespace !== undefined) traits['smithy.api#xmlNamespace'] = namespace;
  return traits;
}
