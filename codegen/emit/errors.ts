/** generated/<svc>/errors.ts: one class per error shape, with literal code, HTTP status and fault. */
import { type ClassDeclarationStructure, Scope, StructureKind } from 'ts-morph';
import type { StructureSchema } from '../../src/runtime/schema.js';
import type { ServiceIR } from '../ir/build.js';
import { lit, typeName } from './names.js';
import { memberLine, namedTypesIn } from './types.js';

/** Members every error has already (Message/message/Code are the envelope, not extra members). */
const ENVELOPE = new Set(['Message', 'message', 'Code', 'code']);

export function errorShapes(ir: ServiceIR): StructureSchema[] {
  return ir.errorNames.map((n) => {
    const s = ir.shapes[n];
    if (!s || (s.type !== 'structure' && s.type !== 'union') || !s.error) throw new Error(`codegen: ${n} is not an error`);
    return s;
  });
}

export function errorClasses(ir: ServiceIR): ClassDeclarationStructure[] {
  return errorShapes(ir).map((s) => {
    const error = s.error;
    if (!error) throw new Error(`codegen: ${s.name} is not an error`);
    const code = error.code ?? s.name;
    const extra = s.members.filter((m) => !ENVELOPE.has(m.name));
    const membersType = extra.length ? `{\n${extra.map((m) => memberLine(ir, m)).join('\n')}\n}` : 'Record<string, never>';
    return {
      kind: StructureKind.Class,
      name: typeName(s.name),
      isExported: true,
      extends: '__.AwsServiceError',
      properties: [
        { name: 'code', isStatic: true, isReadonly: true, initializer: lit(code), scope: Scope.Public },
        { name: 'httpStatus', isStatic: true, isReadonly: true, initializer: String(error.httpStatus), scope: Scope.Public },
        { name: 'code', hasDeclareKeyword: true, isReadonly: true, type: lit(code) },
      ],
      ctors: [
        {
          parameters: [
            { name: 'message', type: 'string', initializer: lit('') },
            { name: 'members', type: membersType, initializer: '{}' },
          ],
          statements: [`super(${lit(code)}, ${error.httpStatus}, ${lit(error.fault)}, message, members);`],
        },
      ],
    };
  });
}

/** The `import type` line errors.ts needs for the types its members use. */
export function errorImports(ir: ServiceIR): string {
  const names = new Set<string>();
  for (const s of errorShapes(ir)) {
    for (const m of s.members) if (!ENVELOPE.has(m.name)) namedTypesIn(ir, m.target, names);
  }
  return names.size ? `import type { ${[...names].sort().join(', ')} } from './types.js';\n` : '';
}
