#!/usr/bin/env node
// npm run codegen: regenerate generated/ from the pinned models (always, even when up to date).
import { codegen } from './lib/build.mjs';

try {
  codegen({ force: true });
} catch {
  process.exit(1);
}
