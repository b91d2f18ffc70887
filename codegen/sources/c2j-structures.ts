/**
 * Converts C2J structures (plain, union, document, error, event stream) and their members.
 */
import type { MemberAst, ShapeAst, Traits } from '../model/ast.js';
import type { JsonObject } from './c2j-json.js';
import { asObject, asStringArray, checkKeys, fail, flag, optNumber, optString } from './c2j-json.js';
import { MEMBER_IGNORED, MEMBER_KEYS, SHAPE_COMMON_KEYS, SHAPE_IGNORED, STRUCTURE_KEYS } from './c2j-keys.js';
import type { ConvertContext } from './c2j-shapes.js';
import { commonTraits, shapeId, targetOf, timestampFormat, withTraits, xmlNamespaceTrait } from './c2j-shapes.js';

interface MemberInput {
  owner: string;
  name: string;
  raw: JsonObject;
  required: boolean;
  payload: boolean;
}

export function convertStructure(ctx: ConvertContext, name: string, raw: JsonObject): ShapeAst {
  const where = `shape ${name}`;
  checkKeys(raw, [...SHAPE_COMMON_KEYS, ...STRUCTURE_KEYS], SHAPE_IGNORED, where);
  const membersRaw = asObject(raw.members ?? {}, `${where} key "members"`);
  if (flag(raw, 'document', where)) {
    if (Object.keys(membersRaw).length > 0) fail(where, 'a document shape cannot have members');
    return withTraits({ type: 'document' }, commonTraits(name, raw, 'document'));
  }
  const required = new Set(raw.required === undefined ? [] : asStringArray(raw.required, `${where} key "required"`));
  for (const member of required) {
    if (!Object.hasOwn(membersRaw, member)) fail(where, `key "required" names unknown member "${member}"`);
  }
  const payload = optString(raw, 'payload', where);
  if (payload !== undefined && !Object.hasOwn(membersRaw, payload)) {
    fail(where, `key "payload" names unknown member "${payload}"`);
  }
  const eventStream = flag(raw, 'eventstream', where);
  const isUnion = flag(raw, 'union', where) || eventStream;
  if (isUnion && required.size > 0) fail(where, 'a union cannot have required members');
  // `event: true` needs no trait: in Smithy a structure is an event by being a member of a streaming union.
  flag(raw, 'event', where);

  const members: Record<string, MemberAst> = {};
  for (const [memberName, memberRaw] of Object.entries(membersRaw)) {
    members[memberName] = convertMember(ctx, {
      owner: name,
      name: memberName,
      raw: asObject(memberRaw, `${where} member ${memberName}`),
      required: required.has(memberName),
      payload: payload === memberName,
    });
  }
  const traits: Traits = {
    ...commonTraits(name, raw, 'structure'),
    ...errorTraits(name, raw),
    ...xmlShapeTraits(ctx, name, raw),
  };
  if (eventStream) traits['smithy.api#streaming'] = {};
  return withTraits({ type: isUnion ? 'union' : 'structure', members }, traits);
}

function errorTraits(name: string, raw: JsonObject): Traits {
  const where = `shape ${name}`;
  const fault = flag(raw, 'fault', where);
  if (!flag(raw, 'exception', where)) {
    if (fault || raw.error !== undefined || raw.retryable !== undefined) {
      fail(where, 'key "fault", "error" or "retryable" without "exception"');
    }
    return {};
  }
  const traits: Traits = { 'smithy.api#error': fault ? 'server' : 'client' };
  if (raw.error !== undefined) {
    const error = asObject(raw.error, `${where} key "error"`);
    checkKeys(error, ['code', 'httpStatusCode', 'senderFault'], {}, `${where} error`);
    if (fault && flag(error, 'senderFault', `${where} error`)) fail(where, 'both "fault" and "error.senderFault"');
    // Without httpStatusCode the Smithy models carry no httpError either; the protocol default applies.
    const status = optNumber(error, 'httpStatusCode', `${where} error`);
    if (status !== undefined) traits['smithy.api#httpError'] = status;
    const code = optString(error, 'code', `${where} error`);
    // A wire error code that differs from the shape name must survive, or the server would send the wrong code.
    if (code !== undefined && code !== name) {
      traits['aws.protocols#awsQueryError'] = { code, httpResponseCode: status ?? (fault ? 500 : 400) };
    }
  }
  if (raw.retryable !== undefined) {
    const retryable = asObject(raw.retryable, `${where} key "retryable"`);
    checkKeys(retryable, ['throttling'], {}, `${where} retryable`);
    traits['smithy.api#retryable'] = flag(retryable, 'throttling', `${where} retryable`) ? { throttling: true } : {};
  }
  return traits;
}

function xmlShapeTraits(ctx: ConvertContext, name: string, raw: JsonObject): Traits {
  const where = `shape ${name}`;
  const traits: Traits = {};
  const locationName = optString(raw, 'locationName', where);
  if (locationName !== undefined) {
    if (ctx.protocol !== 'restXml') fail(where, `key "locationName" on a ${ctx.protocol} structure`);
    traits['smithy.api#xmlName'] = locationName;
  }
  const namespace = xmlNamespaceTrait(ctx, raw.xmlNamespace, `${where} key "xmlNamespace"`);
  if (namespace !== undefined) traits['smithy.api#xmlNamespace'] = namespace;
  return traits;
}

const MEMBER_FLAG_TRAITS: Readonly<Record<string, readonly [string, unknown]>> = {
  xmlAttribute: ['smithy.api#xmlAttribute', {}],
  idempotencyToken: ['smithy.api#idempotencyToken', {}],
  hostLabel: ['smithy.api#hostLabel', {}],
  // Smithy marks JSON-in-a-string (e.g. a JSON header) with a media type rather than a boolean.
  jsonvalue: ['smithy.api#mediaType', 'application/json'],
  eventpayload: ['smithy.api#eventPayload', {}],
  eventheader: ['smithy.api#eventHeader', {}],
  deprecated: ['smithy.api#deprecated', {}],
  sensitive: ['smithy.api#sensitive', {}],
};

function convertMember(ctx: ConvertContext, m: MemberInput): MemberAst {
  const where = `shape ${m.owner} member ${m.name}`;
  checkKeys(m.raw, MEMBER_KEYS, MEMBER_IGNORED, where);
  const target = targetOf(ctx, m.raw, where);
  const traits: Traits = locationTraits(ctx, m, target.shape, where);
  for (const [key, [trait, value]] of Object.entries(MEMBER_FLAG_TRAITS)) {
    if (flag(m.raw, key, where)) traits[trait] = value;
  }
  if (m.required) traits['smithy.api#required'] = {};
  if (m.payload) traits['smithy.api#httpPayload'] = {};
  // Smithy has flattening only on the member; C2J may also say it on the list/map being targeted.
  if (flag(m.raw, 'flattened', where) || flag(target.shape, 'flattened', `shape ${target.name}`)) {
    traits['smithy.api#xmlFlattened'] = {};
  }
  // A namespace C2J declares on the target structure (S3 Grantee's xsi) is written on the referencing member,
  // where Smithy puts it; botocore merges the two the same way.
  const ownNamespace = m.raw.xmlNamespace === undefined ? target.shape.xmlNamespace : m.raw.xmlNamespace;
  const namespace = xmlNamespaceTrait(ctx, ownNamespace, `${where} key "xmlNamespace"`);
  if (namespace !== undefined) traits['smithy.api#xmlNamespace'] = namespace;
  if (m.raw.timestampFormat !== undefined) {
    traits['smithy.api#timestampFormat'] = timestampFormat(m.raw.timestampFormat, `${where} key "timestampFormat"`);
  }
  return withTraits({ target: shapeId(ctx, memberTarget(ctx, m, target.name, target.shape, where)) }, traits);
}

/** Smithy has no streaming members, only streaming shapes; see streamingTargets in c2j.ts. */
function memberTarget(ctx: ConvertContext, m: MemberInput, name: string, shape: JsonObject, where: string): string {
  if (!flag(m.raw, 'streaming', where)) return name;
  if (shape.type !== 'blob') fail(where, `key "streaming" on a member targeting a ${String(shape.type)}`);
  return ctx.streamingTargets.get(name) ?? fail(where, `no streaming shape prepared for "${name}"`);
}

function locationTraits(ctx: ConvertContext, m: MemberInput, target: JsonObject, where: string): Traits {
  const location = optString(m.raw, 'location', where);
  const locationName = optString(m.raw, 'locationName', where);
  const wireName = (): string => locationName ?? fail(where, `location "${location}" without "locationName"`);
  switch (location) {
    case undefined:
      return bodyNameTraits(ctx, m.name, locationName, where);
    case 'uri':
      // The label itself is renamed from locationName to the member name in the operation's URI.
      return { 'smithy.api#httpLabel': {} };
    case 'querystring':
      return target.type === 'map' ? { 'smithy.api#httpQueryParams': {} } : { 'smithy.api#httpQuery': wireName() };
    case 'header':
      return { 'smithy.api#httpHeader': wireName() };
    case 'headers':
      return { 'smithy.api#httpPrefixHeaders': wireName() };
    case 'statusCode':
      return { 'smithy.api#httpResponseCode': {} };
    default:
      return fail(where, `unsupported location "${location}"`);
  }
}

/** A body member's wire name when it differs from the member name. */
function bodyNameTraits(ctx: ConvertContext, member: string, locationName: string | undefined, where: string): Traits {
  if (locationName === undefined) return {};
  switch (ctx.protocol) {
    case 'restXml':
      return { 'smithy.api#xmlName': locationName };
    case 'restJson1':
      return { 'smithy.api#jsonName': locationName };
    default:
      // awsJson ignores jsonName, so a renamed member could not be expressed faithfully.
      if (locationName === member) return {};
      return fail(where, `key "locationName" renames an ${ctx.protocol} body member to "${locationName}"`);
  }
}
