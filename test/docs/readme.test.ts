/** README's operation coverage table must be what `npm run coverage:ops -- --markdown` prints. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { coverageMarkdown } from '../../scripts/coverage-ops.js';

it('README shows the current operation coverage', () => {
  const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
  const block = /<!-- coverage:start -->\n([\s\S]*?)\n<!-- coverage:end -->/.exec(readme)?.[1];
  expect(block).toBe(coverageMarkdown());
});
