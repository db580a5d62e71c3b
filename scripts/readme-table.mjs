#!/usr/bin/env node
// Writes the actions table of a plugin's README.md from its generated module/*.json, between the
// actions-table markers. The table code is the Sekoia.io plugin's (plugins/sekoia-io/scripts),
// reused for every plugin. Usage: node scripts/readme-table.mjs plugins/<slug>... [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withActionsTable } from '../plugins/sekoia-io/scripts/readme-table.mjs';

export { END, START, renderActionsTable, withActionsTable } from '../plugins/sekoia-io/scripts/readme-table.mjs';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const dir of process.argv.slice(2).filter((arg) => arg !== '--check')) {
    const readmePath = resolve(dir, 'README.md');
    const current = readFileSync(readmePath, 'utf8');
    const next = withActionsTable(current, resolve(dir, 'module'));
    if (next === current) continue;
    if (check) {
      process.stderr.write(`${readmePath}: actions table is stale: run \`node scripts/readme-table.mjs ${dir}\`\n`);
      stale += 1;
    } else {
      writeFileSync(readmePath, next);
    }
  }
  process.exitCode = stale > 0 ? 1 : 0;
}
