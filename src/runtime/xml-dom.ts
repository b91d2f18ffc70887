/**
 * A minimal XML element tree over fast-xml-parser. Every value stays a string (no number guessing), entity
 * references are resolved here (predefined and numeric only: DOCTYPE entities are refused), CDATA is kept
 * verbatim, comments and processing instructions are dropped, and line endings are normalised as XML requires.
 */

import type { X2jOptions } from 'fast-xml-parser';
import { XMLParser } from 'fast-xml-parser';
import { xmlError } from './serde-util.js';

export interface XmlElement {
  /** Qualified name as written, e.g. `Key` or `xsi:type`. */
  name: string;
  /** Attributes by qualified name, entity references resolved (includes `xmlns` declarations). */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (text and CDATA). */
  text: string;
}

const PARSER_OPTIONS: X2jOptions = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
  ignoreDeclaration: true,
  ignorePiTags: true,
};

const parser = new XMLParser(PARSER_OPTIONS);

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Resolves `&amp;`-style and numeric character references; any other `&` is malformed XML. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw xmlError(`Malformed XML: unterminated entity reference ${JSON.stringify(match)}`);
    const named = PREDEFINED[body];
    if (named !== undefined) return named;
    let code = Number.NaN;
    if (/^#x[0-9a-fA-F]+$/.test(body)) code = Number.parseInt(body.slice(2), 16);
    else if (/^#[0-9]+$/.test(body)) code = Number.parseInt(body.slice(1), 10);
    if (Number.isNaN(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw xmlError(`Malformed XML: unknown or invalid entity reference ${JSON.stringify(match)}`);
    }
    return String.fromCodePoint(code);
  });
}

type OrderedNode = Record<string, unknown>;

function isNode(value: unknown): value is OrderedNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(nodes: unknown): string {
  if (!Array.isArray(nodes)) return '';
  let text = '';
  for (const node of nodes) {
    if (isNode(node) && typeof node['#text'] === 'string') text += node['#text'];
  }
  return text;
}

function toElement(name: string, node: OrderedNode): XmlElement {
  const element: XmlElement = { name, attributes: {}, children: [], text: '' };
  const attrs = node[':@'];
  if (isNode(attrs)) {
    for (const [key, raw] of Object.entries(attrs)) {
      // Attribute-value normalisation: literal tabs and newlines read as spaces.
      const value = typeof raw === 'string' ? raw.replace(/[\t\n]/g, ' ') : '';
      element.attributes[key] = decodeXmlEntities(value);
    }
  }
  const children = node[name];
  if (!Array.isArray(children)) return element;
  for (const child of children) {
    if (!isNode(child)) continue;
    if (typeof child['#text'] === 'string') {
      element.text += decodeXmlEntities(child['#text']);
      continue;
    }
    if ('#cdata' in child) {
      element.text += textOf(child['#cdata']);
      continue;
    }
    const childName = Object.keys(child).find((k) => k !== ':@');
    if (childName === undefined || childName === '#comment') continue;
    element.children.push(toElement(childName, child));
  }
  return element;
}

/** Parses a whole document and returns its single root element; throws MalformedXML (400) when it is not XML. */
export function parseXmlDocument(xml: string): XmlElement {
  const normalised = xml.replace(/\r\n?/g, '\n');
  let parsed: unknown;
  try {
    parsed = parser.parse(normalised, true);
  } catch (err) {
    throw xmlError(`The XML you provided was not well-formed: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!Array.isArray(parsed)) throw xmlError('The XML you provided was not well-formed');
  const roots: XmlElement[] = [];
  for (const node of parsed) {
    if (!isNode(node)) continue;
    if (typeof node['#text'] === 'string') {
      if (node['#text'].trim() !== '') throw xmlError('The XML you provided was not well-formed: text outside the root');
      continue;
    }
    const name = Object.keys(node).find((k) => k !== ':@');
    if (name === undefined || name === '#comment' || name.startsWith('!') || name.startsWith('?')) continue;
    roots.push(toElement(name, node));
  }
  const [root, ...rest] = roots;
  if (root === undefined) throw xmlError('The XML you provided was not well-formed: no root element');
  if (rest.length > 0) throw xmlError('The XML you provided was not well-formed: more than one root element');
  return root;
}

/** The part of a qualified name after its prefix (`s3:Key` → `Key`). */
export function xmlLocalName(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

/** Element names match on their local part, so `<s3:Key>` is read as `Key`. */
export function sameXmlName(actual: string, expected: string): boolean {
  return actual === expected || xmlLocalName(actual) === xmlLocalName(expected);
}
