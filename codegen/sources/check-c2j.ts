/**
 * Dev check (not CI): converts each botocore C2J model and prints how it differs from an official Smithy
 * model, to see what the converter still gets wrong versus what really changed between releases.
 *
 *   node dist/codegen/sources/check-c2j.js <c2j-dir> <smithy-dir>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SmithyAst } from '../model/ast.js';
import { c2jToSmithy } from './c2j.js';
import { compareModels } from './c2j-compare.js';

const SERVICES: readonly { file: string; serviceShapeId: string }[] = [
  { file: 's3.json', serviceShapeId: 'com.amazonaws.s3#AmazonS3' },
  { file: 'dynamodb.json', serviceShapeId: 'com.amazonaws.dynamodb#DynamoDB_20120810' },
  { file: 'lambda.json', serviceShapeId: 'com.amazonaws.lambda#AWSGirApiService' },
  { file: 'api-gateway.json', serviceShapeId: 'com.amazonaws.apigateway#BackplaneControlService' },
];

function main(args: readonly string[]): number {
  const [c2jDir, smithyDir] = args;
  if (c2jDir === undefined || smithyDir === undefined) {
    console.error('usage: check-c2j <c2j-dir> <smithy-dir>');
    return 2;
  }
  let total = 0;
  for (const { file, serviceShapeId } of SERVICES) {
    const converted = c2jToSmithy(JSON.parse(readFileSync(join(c2jDir, file), 'utf8')), { serviceShapeId });
    const official = JSON.parse(readFileSync(join(smithyDir, file), 'utf8')) as SmithyAst;
    const diffs = compareModels(converted, official);
    const onlyIn = diffs.filter((d) => d.startsWith('only-in-')).length;
    console.log(`== ${file}: ${diffs.length - onlyIn} differences, ${onlyIn} present in one model only`);
    for (const diff of diffs) console.log(`  ${diff}`);
    total += diffs.length - onlyIn;
  }
  return total === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
