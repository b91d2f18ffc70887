#!/usr/bin/env node
// npm run build: regenerate (if stale) and compile (if stale).
import { build } from './lib/build.mjs';

try {
  build({ force: process.argv.includes('--force') });
} catch {
  process.exit(1);
}
