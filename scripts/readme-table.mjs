#!/usr/bin/env node
// Writes the actions table of each given plugin's README.md from its generated module/*.json
// (between the actions-table markers), or with --check fails when one is stale. Run after
// `pnpm build && pnpm ply manifest build`: node scripts/readme-table.mjs plugins/<slug>... [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withActionsTable } from '../kit/dist/index.js';

const check = process.argv.includes('--check');
const plugins = process.argv.slice(2).filter((arg) => arg !== '--check');
if (plugins.length === 0) {
  process.stderr.write('usage: node scripts/readme-table.mjs plugins/<slug>... [--check]\n');
  process.exit(2);
}
let stale = 0;
for (const plugin of plugins) {
  const readmePath = join(plugin, 'README.md');
  const current = readFileSync(readmePath, 'utf8');
  const next = withActionsTable(current, join(plugin, 'module'));
  if (next === current) continue;
  if (check) {
    process.stderr.write(`${readmePath}: actions table is stale; run node scripts/readme-table.mjs ${plugin}\n`);
    stale += 1;
  } else {
    writeFileSync(readmePath, next);
    process.stdout.write(`${readmePath}: actions table written\n`);
  }
}
process.exit(stale > 0 ? 1 : 0);
