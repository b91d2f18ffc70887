/**
 * generated/<svc>/operations.ts: the ServiceSchema — every operation's routing data and the shape registry
 * that body serde and response validation read. Plain data, emitted as JSON literals.
 */
import type { ServiceIR } from '../ir/build.js';
import { header, lit } from './names.js';

export function emitOperations(ir: ServiceIR): string {
  const { className, operationNames, errorNames, shapes, operations, ...rest } = ir;
  const lines = [
    header('operations', ir),
    "import type * as __ from '../../src/runtime/index.js';\n",
    `/** Every shape the service's operations reach, by name. */`,
    `export const shapes: __.ShapeRegistry = ${JSON.stringify(shapes)};\n`,
    `/** Every operation of the model, with its HTTP binding. */`,
    `export const operations: Readonly<Record<string, __.OperationSchema>> = ${JSON.stringify(operations)};\n`,
    `export const serviceSchema: __.ServiceSchema = {`,
    ...Object.entries(rest).map(([k, v]) => `  ${k}: ${JSON.stringify(v)},`),
    '  operations,',
    '  shapes,',
    '};\n',
    `export const operationNames = ${JSON.stringify(operationNames)} as const;\n`,
    `export type ${className}OperationName = (typeof operationNames)[number];\n`,
    `export const errorNames: readonly string[] = ${JSON.stringify(errorNames)};`,
    `export const serviceKey = ${lit(ir.key)};`,
  ];
  return lines.join('\n');
}
