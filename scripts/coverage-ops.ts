/**
 * `npm run coverage:ops`: per service, the model's operations Standin implements (methods the handwritten class
 * overrides) and those still answering NotImplemented. `--markdown` prints the table README.md carries.
 */
import { createAPIGatewayModule } from '../src/services/apigateway/index.js';
import { createDynamoDBModule } from '../src/services/dynamodb/index.js';
import { createLambdaModule } from '../src/services/lambda/index.js';
import { createS3Module } from '../src/services/s3/index.js';
import type { ServiceModule } from '../src/services/service-module.js';

const modules: Array<[string, ServiceModule]> = [
  ['S3', createS3Module()],
  ['DynamoDB', createDynamoDBModule()],
  ['Lambda', createLambdaModule()],
  ['API Gateway', createAPIGatewayModule()],
];

export function coverageMarkdown(): string {
  const lines = [
    '| Service | Model | Implemented | Stubbed (NotImplemented) | Implemented operations |',
    '| --- | --- | ---: | ---: | --- |',
  ];
  for (const [name, module] of modules) {
    const all = Object.keys(module.schema.operations).length;
    const implemented = module.implemented().sort();
    lines.push(
      `| ${name} | ${module.schema.modelOrigin} | ${implemented.length} | ${all - implemented.length} | ${implemented.join(', ') || '—'} |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('coverage-ops.js')) {
  if (process.argv.includes('--markdown')) {
    console.log(coverageMarkdown());
  } else {
    for (const [name, module] of modules) {
      const ops = Object.keys(module.schema.operations).sort();
      const implemented = new Set(module.implemented());
      console.log(`\n${name} (${module.schema.modelOrigin}): ${implemented.size} implemented, ${ops.length - implemented.size} stubbed`);
      for (const op of ops) console.log(`  ${implemented.has(op) ? '✔' : '·'} ${op}`);
    }
  }
}
