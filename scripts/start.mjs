#!/usr/bin/env node
// npm start: make sure generated/ and dist/ are current, then run the server in this process.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, root } from './lib/build.mjs';

try {
  build();
} catch {
  process.exit(1);
}
await import(pathToFileURL(join(root, 'dist/src/server/main.js')).href);
