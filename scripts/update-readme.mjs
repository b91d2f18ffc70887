#!/usr/bin/env node
// Rewrites README's operation coverage block from the handler classes (run after implementing operations).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, root } from './lib/build.mjs';

build();
const { coverageMarkdown } = await import(pathToFileURL(join(root, 'dist/scripts/coverage-ops.js')).href);
const file = join(root, 'README.md');
const readme = readFileSync(file, 'utf8');
const next = readme.replace(
  /<!-- coverage:start -->\n[\s\S]*?\n<!-- coverage:end -->/,
  `<!-- coverage:start -->\n${coverageMarkdown()}\n<!-- coverage:end -->`,
);
writeFileSync(file, next);
console.log(next === readme ? 'README coverage table already current' : 'README coverage table updated');
