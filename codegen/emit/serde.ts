/**
 * generated/<svc>/serde.ts: per operation, `parseXRequest` (AwsRequest → typed input) and
 * `serializeXResponse` (typed output → AwsResponse). Straight-line code: HTTP bindings are one helper call
 * per member; bodies are handed to the schema-driven runtime (src/runtime/bindings.ts).
 */
import type { MemberSchema, OperationSchema, ShapeSchema } from '../../src/runtime/schema.js';
import type { ServiceIR } from '../ir/build.js';
import { header, lit, typeName } from './names.js';

type Kind = 'string' | 'integer' | 'float' | 'boolean' | 'timestamp' | 'blob' | 'json';

function shapeOf(ir: ServiceIR, name: string): ShapeSchema {
  const s = ir.shapes[name];
  if (!s) throw new Error(`codegen: unknown shape ${name}`);
  return s;
}

function kindOf(ir: ServiceIR, target: string, where: string): { kind: Kind; format?: string; list: boolean } {
  const s = shapeOf(ir, target);
  if (s.type === 'list') return { ...kindOf(ir, s.member.target, where), list: true };
  switch (s.type) {
    case 'string':
      return { kind: s.mediaType?.includes('json') ? 'json' : 'string', list: false };
    case 'enum':
      return { kind: 'string', list: false };
    case 'boolean':
      return { kind: 'boolean', list: false };
    case 'timestamp':
      return s.timestampFormat ? { kind: 'timestamp', format: s.timestampFormat, list: false } : { kind: 'timestamp', list: false };
    case 'blob':
      return { kind: 'blob', list: false };
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
    case 'intEnum':
    case 'bigInteger':
      return { kind: 'integer', list: false };
    case 'float':
    case 'double':
    case 'bigDecimal':
      return { kind: 'float', list: false };
    default:
      throw new Error(`codegen: ${where} binds a ${s.type} to a header, query or label`);
  }
}

function members(ir: ServiceIR, structure: string | undefined): readonly MemberSchema[] {
  if (!structure) return [];
  const s = shapeOf(ir, structure);
  if (s.type !== 'structure') throw new Error(`codegen: ${structure} is used as input/output but is a ${s.type}`);
  return s.members;
}

function args(ir: ServiceIR, m: MemberSchema, where: string): { fn: string; tail: string } {
  const k = kindOf(ir, m.target, where);
  const format = m.timestampFormat ?? k.format;
  return { fn: k.list ? 'List' : '', tail: `${lit(k.kind)}${format ? `, ${lit(format)}` : ''}` };
}

const jsonProtocol = (ir: ServiceIR): boolean => ir.protocol !== 'restXml';

function payloadRead(ir: ServiceIR, structure: string, m: MemberSchema): string {
  const target = shapeOf(ir, m.target);
  const member = `__.memberOf(shapes, ${lit(structure)}, ${lit(m.name)})`;
  switch (target.type) {
    case 'blob':
      return target.streaming ? 'req.stream()' : 'await __.readBlobPayload(req)';
    case 'string':
    case 'enum':
      return 'await __.readStringPayload(req)';
    case 'structure':
    case 'union':
    case 'document':
      return jsonProtocol(ir) ? `await __.readJsonPayload(req, shapes, ${member})` : `await __.readXmlPayload(req, shapes, ${member})`;
    default:
      throw new Error(`codegen: ${structure}$${m.name} is a ${target.type} payload`);
  }
}

function parseFn(ir: ServiceIR, op: OperationSchema): string {
  const inputType = op.input ? typeName(op.input) : 'Record<string, never>';
  const lines = [`export async function parse${op.name}Request(req: __.AwsRequest): Promise<${inputType}> {`];
  if (!op.input) {
    lines.push('  return {};', '}');
    return lines.join('\n');
  }
  if (ir.protocol === 'awsJson1_0') {
    // The whole input is the body: hand back the codec's promise (no extra async frame per request).
    return [
      `export function parse${op.name}Request(req: __.AwsRequest): Promise<${inputType}> {`,
      `  return __.readJsonBody(req, shapes, ${lit(op.input)}, false) as Promise<unknown> as Promise<${inputType}>;`,
      '}',
    ].join('\n');
  }
  const ms = members(ir, op.input);
  const hasBody = ms.some((m) => !m.binding || m.binding.in === 'body');
  const bound = ms.filter((m) => m.binding?.in === 'query').map((m) => (m.binding?.in === 'query' ? m.binding.name : ''));
  lines.push(
    hasBody
      ? `  const input: Record<string, unknown> = await __.${jsonProtocol(ir) ? 'readJsonBody' : 'readXmlBody'}(req, shapes, ${lit(op.input)}${jsonProtocol(ir) ? ', true' : ''});`
      : '  const input: Record<string, unknown> = {};',
  );
  for (const m of ms) {
    const where = `${op.input}$${m.name}`;
    const b = m.binding;
    if (!b || b.in === 'body' || b.in === 'responseCode') continue;
    const key = lit(m.name);
    if (b.in === 'label') {
      const a = args(ir, m, where);
      lines.push(`  input[${key}] = __.readLabelValue(req, ${key}, ${a.tail});`);
    } else if (b.in === 'header') {
      const a = args(ir, m, where);
      lines.push(`  input[${key}] = __.readHeader${a.fn}(req, ${lit(b.name)}, ${a.tail});`);
    } else if (b.in === 'query') {
      const a = args(ir, m, where);
      lines.push(`  input[${key}] = __.readQuery${a.fn}(req, ${lit(b.name)}, ${a.tail});`);
    } else if (b.in === 'queryParams') {
      lines.push(`  input[${key}] = __.readQueryParams(req, ${JSON.stringify(bound)});`);
    } else if (b.in === 'prefixHeaders') {
      lines.push(`  input[${key}] = __.readPrefixHeaders(req, ${lit(b.prefix)});`);
    } else if (b.in === 'payload') {
      lines.push(`  input[${key}] = ${payloadRead(ir, op.input, m)};`);
    }
  }
  lines.push(`  return input as unknown as ${inputType};`, '}');
  return lines.join('\n');
}

function payloadWrite(ir: ServiceIR, structure: string, m: MemberSchema): string {
  const target = shapeOf(ir, m.target);
  const value = `out[${lit(m.name)}]`;
  const member = `__.memberOf(shapes, ${lit(structure)}, ${lit(m.name)})`;
  switch (target.type) {
    case 'blob':
    case 'string':
    case 'enum':
      return `  __.writeRawPayload(res, ${value} as __.ResponseBody | undefined);`;
    case 'structure':
    case 'union':
    case 'document':
      return jsonProtocol(ir)
        ? `  __.writeJsonPayload(res, shapes, ${member}, ${value});`
        : `  __.writeXmlPayload(res, shapes, ${member}, ${value}, ${ir.xmlNamespace ? lit(ir.xmlNamespace) : 'undefined'});`;
    default:
      throw new Error(`codegen: ${structure}$${m.name} is a ${target.type} payload`);
  }
}

function serializeFn(ir: ServiceIR, op: OperationSchema): string {
  const code = op.http?.code ?? 200;
  const outputType = op.output ? typeName(op.output) : 'void';
  const param = op.output ? `output: ${outputType}` : '_output?: void';
  const lines = [`export function serialize${op.name}Response(${param}): __.AwsResponse {`, `  const res = __.newResponse(${code});`];
  if (!op.output) {
    // awsJson answers `{}` for a Unit output; REST protocols send no body (Lambda DeleteFunction: 204, empty).
    if (ir.protocol === 'awsJson1_0') lines.push('  __.writeEmptyJsonObject(res);');
    lines.push('  return res;', '}');
    return lines.join('\n');
  }
  lines.push('  const out = output as unknown as Record<string, unknown>;');
  if (ir.protocol === 'awsJson1_0') {
    lines.push(`  __.writeJsonBody(res, shapes, ${lit(op.output)}, out, false);`, '  return res;', '}');
    return lines.join('\n');
  }
  const ms = members(ir, op.output);
  for (const m of ms) {
    const where = `${op.output}$${m.name}`;
    const b = m.binding;
    const value = `out[${lit(m.name)}]`;
    if (!b || b.in === 'body') continue;
    if (b.in === 'header') {
      const a = args(ir, m, where);
      lines.push(
        a.fn
          ? `  __.writeHeaderList(res, ${lit(b.name)}, ${value} as unknown[] | undefined, ${a.tail});`
          : `  __.writeHeader(res, ${lit(b.name)}, ${value}, ${a.tail});`,
      );
    } else if (b.in === 'prefixHeaders') {
      lines.push(`  __.writePrefixHeaders(res, ${lit(b.prefix)}, ${value} as Record<string, string> | undefined);`);
    } else if (b.in === 'responseCode') {
      lines.push(`  if (typeof ${value} === 'number') res.status = ${value} as number;`);
    } else if (b.in === 'payload') {
      lines.push(payloadWrite(ir, op.output, m));
    }
  }
  const hasBody = ms.some((m) => !m.binding || m.binding.in === 'body');
  const hasPayload = ms.some((m) => m.binding?.in === 'payload');
  if (hasBody && op.unwrappedXmlOutput && !jsonProtocol(ir)) {
    lines.push(`  __.writeXmlUnwrapped(res, shapes, ${lit(op.output)}, out, ${ir.xmlNamespace ? lit(ir.xmlNamespace) : 'undefined'});`);
  } else if (hasBody) {
    lines.push(
      jsonProtocol(ir)
        ? `  __.writeJsonBody(res, shapes, ${lit(op.output)}, out, true);`
        : `  __.writeXmlBody(res, shapes, ${lit(op.output)}, out, ${ir.xmlNamespace ? lit(ir.xmlNamespace) : 'undefined'});`,
    );
  } else if (!hasPayload && jsonProtocol(ir)) {
    lines.push(`  __.writeJsonBody(res, shapes, ${lit(op.output)}, out, true);`);
  }
  lines.push('  return res;', '}');
  return lines.join('\n');
}

export function emitSerde(ir: ServiceIR): string {
  const used = new Set<string>();
  for (const op of Object.values(ir.operations)) {
    if (op.input) used.add(typeName(op.input));
    if (op.output) used.add(typeName(op.output));
  }
  const parts = [
    header('serde', ir),
    "import * as __ from '../../src/runtime/index.js';",
    "import { shapes } from './operations.js';",
    `import type { ${[...used].sort().join(', ')} } from './types.js';\n`,
  ];
  for (const name of ir.operationNames) {
    const op = ir.operations[name];
    if (!op) continue;
    parts.push(parseFn(ir, op), '', serializeFn(ir, op), '');
  }
  return parts.join('\n');
}
