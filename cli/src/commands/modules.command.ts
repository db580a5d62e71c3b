import Table from 'cli-table3';
import type { LoadedModule } from '@ply/core';
import { openPly } from '../open-ply.js';
import { printJson, type Output } from '../output.js';

function summary(module: LoadedModule, hasCode: boolean) {
  const count = (kind: string) => module.items.filter((item) => item.kind === kind).length;
  return {
    slug: module.manifest.slug,
    name: module.manifest.name,
    version: module.manifest.version,
    source: module.source,
    runnable: hasCode && !module.engineMismatch,
    status: module.engineMismatch ? `incompatible: ${module.engineMismatch}` : hasCode ? 'ready' : 'metadata only',
    actions: count('action'),
    triggers: count('trigger'),
    connectors: count('connector'),
    categories: module.manifest.categories,
    dir: module.dir,
  };
}

/** `ply modules`: the modules found in the workspace's plugins and in `$PLY_HOME/modules`. */
export function modulesCommand(output: Output): void {
  const ply = openPly(output);
  const rows = ply.catalog.modules().map((module) => summary(module, ply.code.hasCode(module)));
  if (output.json) return printJson(output, { modules: rows });
  if (rows.length === 0) return output.out('No modules found. Install one with `ply install <name>` or build the workspace plugins.');
  const table = new Table({ head: ['module', 'version', 'name', 'actions', 'triggers', 'connectors', 'source', 'status'], style: { head: [], border: [] } });
  for (const row of rows) table.push([row.slug, row.version, row.name, row.actions, row.triggers, row.connectors, row.source, row.status]);
  output.out(table.toString());
}
