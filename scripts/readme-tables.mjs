#!/usr/bin/env node
// Writes the generated item tables of plugin READMEs from their module/*.json (the manifest is the
// source of truth, so a README never describes arguments the code does not take).
// Usage: node scripts/readme-tables.mjs plugins/<slug> [...] [--check]   (after `pnpm build`)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withReadmeTables } from '../kit/dist/index.js';

const check = process.argv.includes('--check');
let stale = false;
for (const dir of process.argv.slice(2).filter((arg) => arg !== '--check')) {
  const file = join(dir, 'README.md');
  const current = readFileSync(file, 'utf8');
  const next = withReadmeTables(current, join(dir, 'module'));
  if (next === current) continue;
  if (check) {
    process.stderr.write(`${file}: item tables are stale; run node scripts/readme-tables.mjs ${dir}\n`);
    stale = true;
  } else {
    writeFileSync(file, next);
  }
}
process.exitCode = stale ? 1 : 0;
