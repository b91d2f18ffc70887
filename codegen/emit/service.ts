/**
 * generated/<svc>/service.ts: `abstract class XServiceBase` with one method per operation, each answering
 * NotImplemented until a handwritten subclass overrides it, and the operation table the dispatcher uses.
 */
import { type ClassDeclarationStructure, type MethodDeclarationStructure, StructureKind } from 'ts-morph';
import type { ServiceIR } from '../ir/build.js';
import { lit, methodName, typeName } from './names.js';

export function serviceClass(ir: ServiceIR): ClassDeclarationStructure {
  const methods: MethodDeclarationStructure[] = ir.operationNames.map((name) => {
    const op = ir.operations[name];
    if (!op) throw new Error(`codegen: ${name} vanished`);
    return {
      kind: StructureKind.Method,
      name: methodName(name),
      parameters: [
        { name: '_input', type: op.input ? typeName(op.input) : 'Record<string, never>' },
        { name: '_ctx', type: '__.RequestContext' },
      ],
      returnType: `Promise<${op.output ? typeName(op.output) : 'void'}>`,
      statements: [`return Promise.reject(new __.NotImplementedError(${lit(name)}));`],
    };
  });
  return {
    kind: StructureKind.Class,
    name: `${ir.className}ServiceBase`,
    isExported: true,
    isAbstract: true,
    methods,
  };
}

export function operationTable(ir: ServiceIR): string {
  const rows = ir.operationNames.map((name) => {
    const op = ir.operations[name];
    if (!op) throw new Error(`codegen: ${name} vanished`);
    const input = op.input ? typeName(op.input) : 'Record<string, never>';
    const serialize = op.output ? `(o) => serialize${name}Response(o as ${typeName(op.output)})` : `() => serialize${name}Response()`;
    return `  ${name}: {\n    parse: parse${name}Request,\n    invoke: (s, i, c) => s.${methodName(name)}(i as ${input}, c),\n    serialize: ${serialize},\n  },`;
  });
  return `/** The dispatcher's view of every operation: parse → invoke → serialize. */\nexport const operationTable: __.OperationTable<${ir.className}ServiceBase> = {\n${rows.join('\n')}\n};\n`;
}

export function serviceImports(ir: ServiceIR): string {
  const types = new Set<string>();
  const fns: string[] = [];
  for (const name of ir.operationNames) {
    const op = ir.operations[name];
    if (!op) continue;
    if (op.input) types.add(typeName(op.input));
    if (op.output) types.add(typeName(op.output));
    fns.push(`parse${name}Request`, `serialize${name}Response`);
  }
  return [
    "import * as __ from '../../src/runtime/index.js';",
    `import { ${fns.join(', ')} } from './serde.js';`,
    `import type { ${[...types].sort().join(', ')} } from './types.js';`,
  ].join('\n');
}
