/** generated/<svc>/types.ts: TypeScript types for every structure, union and enum an operation reaches. */
import type { MemberSchema, ShapeSchema } from '../../src/runtime/schema.js';
import type { ServiceIR } from '../ir/build.js';
import { header, lit, typeName } from './names.js';

/** The TS type written for a member targeting `target`. */
export function tsType(ir: ServiceIR, target: string): string {
  const s = ir.shapes[target];
  if (!s) throw new Error(`codegen: unknown shape ${target}`);
  switch (s.type) {
    case 'structure':
    case 'union':
    case 'enum':
    case 'intEnum':
      return typeName(s.name);
    case 'list':
      return `${wrap(tsType(ir, s.member.target))}[]`;
    case 'map':
      return `Record<string, ${tsType(ir, s.value.target)}>`;
    case 'string':
      return 'string';
    case 'blob':
      return s.streaming ? '__.StreamingBlob' : 'Uint8Array';
    case 'boolean':
      return 'boolean';
    case 'timestamp':
      return 'Date';
    case 'document':
      return '__.DocumentType';
    default:
      return 'number';
  }
}

const wrap = (t: string): string => (/[ |&]/.test(t) ? `(${t})` : t);

export function memberLine(ir: ServiceIR, m: MemberSchema): string {
  const key = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(m.name) ? m.name : lit(m.name);
  return `  ${key}${m.required ? '' : '?'}: ${tsType(ir, m.target)};`;
}

function emitShape(ir: ServiceIR, s: ShapeSchema): string | undefined {
  switch (s.type) {
    case 'structure':
    case 'union': {
      if (s.error) return undefined; // errors are classes in errors.ts
      const note = s.type === 'union' ? '/** A union: exactly one member is set. */\n' : '';
      const body = s.members.map((m) => memberLine(ir, m)).join('\n');
      return `${note}export interface ${typeName(s.name)} {\n${body}${body ? '\n' : ''}}\n`;
    }
    case 'enum':
      return `export type ${typeName(s.name)} = ${s.values.length ? s.values.map(lit).join(' | ') : 'string'};\n`;
    case 'intEnum':
      return `export type ${typeName(s.name)} = ${s.values.length ? s.values.join(' | ') : 'number'};\n`;
    default:
      return undefined;
  }
}

export function emitTypes(ir: ServiceIR): string {
  const parts = [header('types', ir), "import type * as __ from '../../src/runtime/index.js';\n"];
  for (const s of Object.values(ir.shapes)) {
    const text = emitShape(ir, s);
    if (text) parts.push(text);
  }
  return parts.join('\n');
}

/** Names exported by types.ts, for index.ts. */
export function typeExports(ir: ServiceIR): string[] {
  return Object.values(ir.shapes)
    .filter((s) => ((s.type === 'structure' || s.type === 'union') && !s.error) || s.type === 'enum' || s.type === 'intEnum')
    .map((s) => typeName(s.name));
}

/** Named types (structures, unions, enums) a member type refers to, for import lists. */
export function namedTypesIn(ir: ServiceIR, target: string, out = new Set<string>()): Set<string> {
  const s = ir.shapes[target];
  if (!s) return out;
  if (s.type === 'list') return namedTypesIn(ir, s.member.target, out);
  if (s.type === 'map') return namedTypesIn(ir, s.value.target, out);
  if (s.type === 'structure' || s.type === 'union' || s.type === 'enum' || s.type === 'intEnum') out.add(typeName(s.name));
  return out;
}
