import Table from 'cli-table3';
import type { LoadedModule, Ply } from '@ply/core';
import { openPly } from '../open-ply.js';
import { printJson, type Output } from '../output.js';

/** Why a version does not run: what shadows it, or that it cannot run at all. */
function standing(module: LoadedModule, runs: LoadedModule): string {
  if (!module.runnable) return 'metadata only';
  if (module === runs) return 'runs';
  if (runs.source === module.source) return `not active (${runs.manifest.version} is)`;
  return `shadowed by ${runs.source} ${runs.manifest.version}`;
}

function summary(module: LoadedModule, runs: LoadedModule) {
  const count = (kind: string) => module.items.filter((item) => item.kind === kind).length;
  return {
    slug: module.manifest.slug,
    name: module.manifest.name,
    version: module.manifest.version,
    source: module.source,
    runnable: Boolean(module.runnable) && !module.engineMismatch,
    runs: module === runs && Boolean(module.runnable) && !module.engineMismatch,
    status: module.engineMismatch ? `incompatible: ${module.engineMismatch}` : standing(module, runs),
    actions: count('action'),
    triggers: count('trigger'),
    connectors: count('connector'),
    categories: module.manifest.categories,
    dir: module.dir,
  };
}

/** Every version Ply knows, each slug's versions in the order lookups prefer them (the first runs). */
function rowsOf(ply: Ply) {
  return ply.catalog.allModules().map((module) => summary(module, ply.catalog.versions(module.manifest.slug)[0]!));
}

/**
 * `ply modules`: the modules of the workspace's plugins and of `$PLY_HOME/modules`, every version,
 * with the one that runs for each slug (code before metadata, the workspace before installed
 * packages, the active installed version, the highest) and what shadows the others.
 */
export function modulesCommand(output: Output): void {
  const ply = openPly(output);
  const rows = rowsOf(ply);
  if (output.json) return printJson(output, { modules: rows });
  if (rows.length === 0) return output.out('No modules found. Install one with `ply install <name>` or build the workspace plugins.');
  const table = new Table({ head: ['module', 'version', 'name', 'actions', 'triggers', 'connectors', 'source', 'status'], style: { head: [], border: [] } });
  for (const row of rows) table.push([row.slug, row.version, row.name, row.actions, row.triggers, row.connectors, row.source, row.status]);
  output.out(table.toString());
  if (rows.some((row) => row.source === 'workspace')) output.out('Workspace plugins shadow installed versions of their slug; PLY_WORKSPACE=off or --no-workspace ignores the checkout.');
}
