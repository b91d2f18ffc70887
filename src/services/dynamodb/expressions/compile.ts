/** Entry points the operations use: parse + statically check each kind of expression in one call. */
import type { Condition, PathNode, UpdateExpression } from './ast.js';
import type { ExpressionContext } from './context.js';
import { type ExpressionLabel, parseCondition, parseProjection, parseUpdate } from './parser.js';
import { checkProjectionPaths } from './projection.js';
import { checkCondition, checkUpdate } from './validator.js';

export function compileCondition(source: string | undefined, label: ExpressionLabel, ctx: ExpressionContext): Condition | undefined {
  if (source === undefined) return undefined;
  const condition = parseCondition(source, label, ctx);
  checkCondition(condition, label);
  return condition;
}

export function compileUpdate(
  source: string | undefined,
  ctx: ExpressionContext,
  keyNames: readonly string[],
): UpdateExpression | undefined {
  if (source === undefined) return undefined;
  const update = parseUpdate(source, ctx);
  checkUpdate(update, keyNames);
  return update;
}

export function compileProjection(source: string | undefined, ctx: ExpressionContext): PathNode[] | undefined {
  if (source === undefined) return undefined;
  const paths = parseProjection(source, ctx);
  checkProjectionPaths(paths);
  return paths;
}
