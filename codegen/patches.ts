/**
 * Applies models/patches/<service>.json (RFC 6902 operations, each with an `evidence` link) to a model.
 * Patches add what the official models leave out but clients rely on (most S3 error codes, DynamoDB's
 * ValidationException...). A patch that no longer applies stops codegen.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastJsonPatch from 'fast-json-patch';
import type { SmithyAst } from './model/ast.js';

interface PatchFile {
  $comment?: string;
  patch: Array<{ op: string; path: string; value?: unknown; evidence?: string }>;
}

export function applyPatches(root: string, service: string, ast: SmithyAst): SmithyAst {
  const file = join(root, 'models/patches', `${service}.json`);
  if (!existsSync(file)) return ast;
  const patch = (JSON.parse(readFileSync(file, 'utf8')) as PatchFile).patch;
  for (const op of patch) {
    if (!op.evidence) throw new Error(`codegen: ${file}: the ${op.op} at ${op.path} has no evidence link`);
  }
  try {
    const ops = patch.map(({ evidence: _evidence, ...op }) => op) as fastJsonPatch.Operation[];
    return fastJsonPatch.applyPatch(ast, ops, true, false).newDocument;
  } catch (error) {
    throw new Error(`codegen: ${file} does not apply to the ${service} model: ${(error as Error).message.split('\n')[0]}`);
  }
}
