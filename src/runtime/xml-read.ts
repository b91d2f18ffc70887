/**
 * restXml request bodies → typed values, driven by the shape schemas
 * (https://smithy.io/2.0/aws/protocols/aws-restxml-protocol.html, https://smithy.io/2.0/spec/protocol-traits.html#xml-bindings).
 */
import { SerializationError } from './errors.js';
import { parseBooleanText, parseFloatText, parseIntegerText } from './http-values.js';
import type { AwsRequest } from './request.js';
import type { ListSchema, MapSchema, MemberSchema, ShapeRegistry, ShapeSchema, StructureSchema } from './schema.js';
import {
  decodeBase64,
  decodeUtf8,
  isBodyMember,
  isIntegerType,
  localName,
  resolveShape,
  resolveStructure,
  setEntry,
  xmlError,
} from './serde-util.js';
import { parseTimestamp, resolveTimestampFormat } from './timestamps.js';
import type { XmlElement } from './xml-dom.js';
import { parseXmlDocument, sameXmlName, xmlLocalName } from './xml-dom.js';

/** Re-throws value errors (SerializationException) as S3's MalformedXML. */
function asXmlError<T>(convert: () => T): T {
  try {
    return convert();
  } catch (err) {
    if (err instanceof SerializationError && err.code !== 'MalformedXML') throw xmlError(err.message);
    throw err;
  }
}

/** Converts the character data of an element or attribute to the member's scalar type. */
function readScalar(text: string, target: ShapeSchema, member: MemberSchema | undefined, path: string): unknown {
  const type = target.type;
  if (type === 'string' || type === 'enum') return text;
  const trimmed = text.trim();
  return asXmlError(() => {
    if (isIntegerType(type)) return parseIntegerText(trimmed, path, type);
    switch (type) {
      case 'boolean':
        return parseBooleanText(trimmed, path);
      case 'float':
      case 'double':
      case 'bigDecimal':
        return parseFloatText(trimmed, path);
      case 'bigInteger':
        return parseIntegerText(trimmed, path);
      case 'timestamp':
        return parseTimestamp(trimmed, resolveTimestampFormat(member, target, 'xml'), path);
      case 'blob': {
        const bytes = decodeBase64(text.replace(/\s+/g, ''));
        if (bytes === undefined) throw xmlError(`Invalid value for ${path}: not valid base64`);
        return bytes;
      }
      default:
        throw xmlError(`Cannot read ${path}: ${type} shapes are not supported in XML`);
    }
  });
}

function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => sameXmlName(c.name, name));
}

function readList(items: readonly XmlElement[], list: ListSchema, shapes: ShapeRegistry, path: string): unknown[] {
  const target = resolveShape(shapes, list.member.target);
  return items.map((item, i) => readValue(item, target, list.member, shapes, `${path}[${i}]`));
}

function readMap(entries: readonly XmlElement[], map: MapSchema, shapes: ShapeRegistry, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keyName = map.key.xmlName ?? 'key';
  const valueName = map.value.xmlName ?? 'value';
  const valueTarget = resolveShape(shapes, map.value.target);
  for (const entry of entries) {
    const keyElement = childrenNamed(entry, keyName)[0];
    if (keyElement === undefined) throw xmlError(`Malformed XML: map entry in ${path} has no <${keyName}>`);
    const key = keyElement.text;
    const valueElement = childrenNamed(entry, valueName)[0];
    if (valueElement === undefined) {
      if (map.sparse) setEntry(out, key, null);
      else throw xmlError(`Malformed XML: map entry ${JSON.stringify(key)} in ${path} has no <${valueName}>`);
      continue;
    }
    setEntry(out, key, readValue(valueElement, valueTarget, map.value, shapes, `${path}.${key}`));
  }
  return out;
}

/** Reads the value of one element (a non-flattened member, a list item or a map value). */
function readValue(
  element: XmlElement,
  target: ShapeSchema,
  member: MemberSchema | undefined,
  shapes: ShapeRegistry,
  path: string,
): unknown {
  switch (target.type) {
    case 'structure':
    case 'union':
      return readStructure(element, target, shapes, false, path);
    case 'list':
      return readList(childrenNamed(element, target.member.xmlName ?? 'member'), target, shapes, path);
    case 'map':
      return readMap(childrenNamed(element, 'entry'), target, shapes, path);
    default:
      return readScalar(element.text, target, member, path);
  }
}

function readAttribute(element: XmlElement, name: string): string | undefined {
  const direct = element.attributes[name];
  if (direct !== undefined) return direct;
  // Tolerate a different prefix for the same local name (but never match namespace declarations).
  const local = xmlLocalName(name);
  for (const [key, value] of Object.entries(element.attributes)) {
    if (!key.startsWith('xmlns') && xmlLocalName(key) === local && key.includes(':') === name.includes(':')) return value;
  }
  return undefined;
}

/**
 * Reads the members of a structure or union from its element. Unknown elements are ignored; repeated elements
 * of a flattened list or map are collected; a union must have exactly one member set.
 */
export function readStructure(
  element: XmlElement,
  schema: StructureSchema,
  shapes: ShapeRegistry,
  bodyOnly: boolean,
  path: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of schema.members) {
    if (bodyOnly && !isBodyMember(member)) continue;
    const name = member.xmlName ?? member.name;
    const memberPath = `${path}.${member.name}`;
    const target = resolveShape(shapes, member.target);
    if (member.xmlAttribute) {
      const text = readAttribute(element, name);
      if (text !== undefined) out[member.name] = readScalar(text, target, member, memberPath);
      continue;
    }
    const matches = childrenNamed(element, name);
    if (matches.length === 0) continue;
    if (target.type === 'list') {
      out[member.name] = member.xmlFlattened
        ? readList(matches, target, shapes, memberPath)
        : matches.flatMap((m) => readList(childrenNamed(m, target.member.xmlName ?? 'member'), target, shapes, memberPath));
    } else if (target.type === 'map') {
      const entries = member.xmlFlattened ? matches : matches.flatMap((m) => childrenNamed(m, 'entry'));
      out[member.name] = readMap(entries, target, shapes, memberPath);
    } else {
      const last = matches[matches.length - 1] as XmlElement;
      out[member.name] = readValue(last, target, member, shapes, memberPath);
    }
  }
  if (schema.type === 'union') {
    const set = Object.keys(out).length;
    if (set !== 1) throw xmlError(`Malformed XML: union ${path} must have exactly one member set, found ${set}`);
  }
  return out;
}

/** The body text, or undefined when the body is empty or only whitespace. */
async function bodyText(req: AwsRequest): Promise<string | undefined> {
  const bytes = await req.bytes();
  if (bytes.byteLength === 0) return undefined;
  const text = decodeUtf8(bytes);
  if (text === undefined) throw xmlError('The XML you provided was not well-formed: invalid UTF-8');
  return text.trim() === '' ? undefined : text;
}

/** Body-bound members of `structure`, read from the root element (whatever its name); empty body → {}. */
export function parseXmlBody(xml: string, shapes: ShapeRegistry, structure: string): Record<string, unknown> {
  const schema = resolveStructure(shapes, structure);
  const root = parseXmlDocument(xml);
  return readStructure(root, schema, shapes, true, localName(schema.name));
}

export async function readXmlBody(req: AwsRequest, shapes: ShapeRegistry, structure: string): Promise<Record<string, unknown>> {
  const text = await bodyText(req);
  return text === undefined ? {} : parseXmlBody(text, shapes, structure);
}

/** The element name of an `@httpPayload` structure: member xmlName, else the target's xmlName, else its name. */
export function xmlPayloadName(shapes: ShapeRegistry, member: MemberSchema): string {
  const target = resolveShape(shapes, member.target);
  const targetXmlName = target.type === 'structure' || target.type === 'union' ? target.xmlName : undefined;
  return member.xmlName ?? targetXmlName ?? localName(target.name);
}

/** Reads an `@httpPayload` member from XML text; the root element must carry the payload's name. */
export function parseXmlPayload(xml: string, shapes: ShapeRegistry, member: MemberSchema): unknown {
  const target = resolveShape(shapes, member.target);
  const root = parseXmlDocument(xml);
  const expected = xmlPayloadName(shapes, member);
  if (!sameXmlName(root.name, expected)) {
    throw xmlError(`The XML you provided was not well-formed or did not validate: expected <${expected}>, got <${root.name}>`);
  }
  return readValue(root, target, member, shapes, expected);
}

export async function readXmlPayload(req: AwsRequest, shapes: ShapeRegistry, member: MemberSchema): Promise<unknown> {
  const text = await bodyText(req);
  return text === undefined ? undefined : parseXmlPayload(text, shapes, member);
}
