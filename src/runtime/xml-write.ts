/**
 * Typed values → restXml response bodies, driven by the shape schemas
 * (https://smithy.io/2.0/aws/protocols/aws-restxml-protocol.html, https://smithy.io/2.0/spec/protocol-traits.html#xml-bindings).
 */

import type { AwsResponse } from './request.js';
import { getHeader, setHeader } from './request.js';
import type { ListSchema, MapSchema, MemberSchema, ShapeRegistry, ShapeSchema, StructureSchema, XmlNamespace } from './schema.js';
import {
  encodeBase64,
  formatFloat,
  isBodyMember,
  isIntegerType,
  localName,
  resolveShape,
  resolveStructure,
  toBytes,
} from './serde-util.js';
import { formatTimestamp, resolveTimestampFormat, toDate } from './timestamps.js';

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

function numericReference(code: number): string {
  return `&#x${code.toString(16).toUpperCase()};`;
}

/** Replaces the UTF-16 code units for which `replace` returns a replacement. */
function escapeUnits(text: string, replace: (code: number) => string | undefined): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const replacement = replace(text.charCodeAt(i));
    if (replacement === undefined) continue;
    out += text.slice(last, i) + replacement;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Markup characters, plus characters a parser would not return as written (CR, other controls, NEL, LS). */
function escapeTextUnit(code: number): string | undefined {
  if (code === 0x26) return '&amp;';
  if (code === 0x3c) return '&lt;';
  if (code === 0x3e) return '&gt;';
  if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x85 || code === 0x2028) return numericReference(code);
  return undefined;
}

/** Escapes element text: markup characters, CR (which parsers would normalise away) and other control characters. */
export function escapeXmlText(text: string): string {
  return escapeUnits(text, escapeTextUnit);
}

/** Escapes attribute values: as text, plus quotes and the tabs/newlines that attribute normalisation would rewrite. */
export function escapeXmlAttribute(text: string): string {
  return escapeUnits(text, (code) => {
    if (code === 0x22) return '&quot;';
    if (code === 0x09 || code === 0x0a) return numericReference(code);
    return escapeTextUnit(code);
  });
}

function namespaceAttribute(ns: XmlNamespace | undefined): string {
  if (ns === undefined) return '';
  const name = ns.prefix ? `xmlns:${ns.prefix}` : 'xmlns';
  return ` ${name}="${escapeXmlAttribute(ns.uri)}"`;
}

/** The text form of a scalar value in XML. */
function scalarText(value: unknown, target: ShapeSchema, member: MemberSchema | undefined, path: string): string {
  const type = target.type;
  if (type === 'string' || type === 'enum') {
    if (typeof value === 'string') return value;
  } else if (isIntegerType(type) || type === 'bigInteger' || type === 'bigDecimal') {
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  } else if (type === 'float' || type === 'double') {
    if (typeof value === 'number') return formatFloat(value);
  } else if (type === 'boolean') {
    if (typeof value === 'boolean') return value ? 'true' : 'false';
  } else if (type === 'timestamp') {
    return formatTimestamp(toDate(value), resolveTimestampFormat(member, target, 'xml'));
  } else if (type === 'blob') {
    return encodeBase64(toBytes(value));
  } else if (type === 'document') {
    throw new TypeError(`${path}: document shapes cannot be serialised to XML`);
  }
  throw new TypeError(`${path}: expected a ${type} value, got ${typeof value}`);
}

function writeStructure(
  out: string[],
  name: string,
  nsAttr: string,
  schema: StructureSchema,
  value: unknown,
  shapes: ShapeRegistry,
  bodyOnly: boolean,
  path: string,
): void {
  if (typeof value !== 'object' || value === null) throw new TypeError(`${path}: expected an object, got ${typeof value}`);
  const record = value as Record<string, unknown>;
  let attributes = '';
  for (const member of schema.members) {
    const v = record[member.name];
    if (!member.xmlAttribute || v === undefined || v === null) continue;
    const text = scalarText(v, resolveShape(shapes, member.target), member, `${path}.${member.name}`);
    attributes += `${namespaceAttribute(member.xmlNamespace)} ${member.xmlName ?? member.name}="${escapeXmlAttribute(text)}"`;
  }
  out.push(`<${name}${nsAttr}${attributes}>`);
  for (const member of schema.members) {
    if (member.xmlAttribute || (bodyOnly && !isBodyMember(member))) continue;
    writeMember(out, member, record[member.name], shapes, `${path}.${member.name}`);
  }
  out.push(`</${name}>`);
}

function writeMapEntries(
  out: string[],
  map: MapSchema,
  value: unknown,
  shapes: ShapeRegistry,
  path: string,
  entryName: string,
  entryNsAttr: string,
): void {
  if (typeof value !== 'object' || value === null) throw new TypeError(`${path}: expected a map object, got ${typeof value}`);
  const keyName = map.key.xmlName ?? 'key';
  const valueName = map.value.xmlName ?? 'value';
  const valueTarget = resolveShape(shapes, map.value.target);
  for (const [key, entry] of Object.entries(value)) {
    if (entry === undefined || entry === null) continue;
    out.push(`<${entryName}${entryNsAttr}>`);
    out.push(`<${keyName}${namespaceAttribute(map.key.xmlNamespace)}>${escapeXmlText(key)}</${keyName}>`);
    writeValue(out, valueName, namespaceAttribute(map.value.xmlNamespace), valueTarget, map.value, entry, shapes, `${path}.${key}`);
    out.push(`</${entryName}>`);
  }
}

function writeListItems(
  out: string[],
  list: ListSchema,
  items: unknown,
  name: string,
  nsAttr: string,
  shapes: ShapeRegistry,
  path: string,
): void {
  if (!Array.isArray(items)) throw new TypeError(`${path}: expected an array, got ${typeof items}`);
  const target = resolveShape(shapes, list.member.target);
  items.forEach((item: unknown, i) => {
    if (item === undefined || item === null) return;
    writeValue(out, name, nsAttr, target, list.member, item, shapes, `${path}[${i}]`);
  });
}

/** Writes one element holding `value` (a non-flattened member, a list item or a map value). */
function writeValue(
  out: string[],
  name: string,
  nsAttr: string,
  target: ShapeSchema,
  member: MemberSchema | undefined,
  value: unknown,
  shapes: ShapeRegistry,
  path: string,
): void {
  switch (target.type) {
    case 'structure':
    case 'union':
      writeStructure(out, name, nsAttr, target, value, shapes, false, path);
      return;
    case 'list': {
      out.push(`<${name}${nsAttr}>`);
      const itemName = target.member.xmlName ?? 'member';
      writeListItems(out, target, value, itemName, namespaceAttribute(target.member.xmlNamespace), shapes, path);
      out.push(`</${name}>`);
      return;
    }
    case 'map':
      out.push(`<${name}${nsAttr}>`);
      writeMapEntries(out, target, value, shapes, path, 'entry', '');
      out.push(`</${name}>`);
      return;
    default:
      out.push(`<${name}${nsAttr}>${escapeXmlText(scalarText(value, target, member, path))}</${name}>`);
  }
}

/** Writes a structure member; flattened lists and maps repeat the member's element instead of wrapping. */
function writeMember(out: string[], member: MemberSchema, value: unknown, shapes: ShapeRegistry, path: string): void {
  if (value === undefined || value === null) return;
  const target = resolveShape(shapes, member.target);
  const name = member.xmlName ?? member.name;
  if (member.xmlFlattened && target.type === 'list') {
    const ns = namespaceAttribute(member.xmlNamespace ?? target.member.xmlNamespace);
    writeListItems(out, target, value, name, ns, shapes, path);
  } else if (member.xmlFlattened && target.type === 'map') {
    writeMapEntries(out, target, value, shapes, path, name, namespaceAttribute(member.xmlNamespace));
  } else {
    writeValue(out, name, namespaceAttribute(member.xmlNamespace), target, member, value, shapes, path);
  }
}

function namespaceFromUri(uri: string | undefined): XmlNamespace | undefined {
  return uri === undefined ? undefined : { uri };
}

/**
 * A whole document for the body-bound members of `structure`: root element named by the structure's xmlName
 * (or its name), carrying its xmlNamespace or else the service's. Undefined when no member is body-bound.
 */
export function serializeXmlBody(
  shapes: ShapeRegistry,
  structure: string,
  value: Record<string, unknown>,
  xmlNamespace?: string,
): string | undefined {
  const schema = resolveStructure(shapes, structure);
  if (!schema.members.some(isBodyMember)) return undefined;
  const name = schema.xmlName ?? localName(schema.name);
  const out: string[] = [];
  const ns = namespaceAttribute(schema.xmlNamespace ?? namespaceFromUri(xmlNamespace));
  writeStructure(out, name, ns, schema, value, shapes, true, name);
  return `${XML_DECLARATION}\n${out.join('')}`;
}

/** A whole document for an `@httpPayload` structure or union member. */
export function serializeXmlPayload(shapes: ShapeRegistry, member: MemberSchema, value: unknown, xmlNamespace?: string): string {
  const target = resolveShape(shapes, member.target);
  const targetIsStructure = target.type === 'structure' || target.type === 'union';
  const name = member.xmlName ?? (targetIsStructure ? target.xmlName : undefined) ?? localName(target.name);
  const ns = member.xmlNamespace ?? (targetIsStructure ? target.xmlNamespace : undefined) ?? namespaceFromUri(xmlNamespace);
  const out: string[] = [];
  writeValue(out, name, namespaceAttribute(ns), target, member, value, shapes, name);
  return `${XML_DECLARATION}\n${out.join('')}`;
}

function setXmlContentType(res: AwsResponse): void {
  if (getHeader(res, 'Content-Type') === undefined) setHeader(res, 'Content-Type', 'application/xml');
}

/** Sets the response body to the body-bound members of `structure` (no body when it has none). */
export function writeXmlBody(
  res: AwsResponse,
  shapes: ShapeRegistry,
  structure: string,
  value: Record<string, unknown>,
  xmlNamespace?: string,
): void {
  const xml = serializeXmlBody(shapes, structure, value, xmlNamespace);
  if (xml === undefined) return;
  res.body = xml;
  setXmlContentType(res);
}

/** Sets the response body to an `@httpPayload` structure/union; an unset payload sends no body. */
export function writeXmlPayload(
  res: AwsResponse,
  shapes: ShapeRegistry,
  member: MemberSchema,
  value: unknown,
  xmlNamespace?: string,
): void {
  if (value === undefined || value === null) return;
  res.body = serializeXmlPayload(shapes, member, value, xmlNamespace);
  setXmlContentType(res);
}

/**
 * S3's unwrapped output (aws.customizations#s3UnwrappedXmlOutput, GetBucketLocation): the single body member's
 * value is the text of the root element, which is named after the structure; an unset value is an empty element.
 */
export function writeXmlUnwrapped(
  res: AwsResponse,
  shapes: ShapeRegistry,
  structure: string,
  value: Record<string, unknown>,
  xmlNamespace?: string,
): void {
  const schema = resolveStructure(shapes, structure);
  const member = schema.members.find(isBodyMember);
  if (!member) return;
  const name = schema.xmlName ?? localName(schema.name);
  const out: string[] = [];
  const ns = namespaceAttribute(schema.xmlNamespace ?? namespaceFromUri(xmlNamespace));
  writeValue(out, name, ns, resolveShape(shapes, member.target), member, value[member.name] ?? '', shapes, name);
  res.body = `${XML_DECLARATION}\n${out.join('')}`;
  setXmlContentType(res);
}
