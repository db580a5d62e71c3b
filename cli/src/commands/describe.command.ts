import { PlyError, type LoadedModule, type ModuleItem } from '@ply/core';
import { openPly } from '../open-ply.js';
import { printJson, type Output } from '../output.js';
import { renderSchemaTable, schemaRows } from '../schema-table.js';

function describeModule(output: Output, module: LoadedModule, hasCode: boolean): void {
  const { manifest } = module;
  if (output.json) return printJson(output, { manifest: manifest.raw, items: module.items.map((item) => item.raw), runnable: hasCode, dir: module.dir });
  output.out(`${manifest.name} (${manifest.slug}@${manifest.version})${hasCode ? '' : ' [metadata only]'}`);
  output.out(manifest.description.trim());
  output.out(`\nConfiguration:\n${renderSchemaTable(schemaRows(manifest.configuration))}`);
  for (const kind of ['action', 'trigger', 'connector'] as const) {
    const items = module.items.filter((item) => item.kind === kind);
    if (items.length === 0) continue;
    output.out(`\n${kind[0]!.toUpperCase()}${kind.slice(1)}s:`);
    for (const item of items) output.out(`  ${manifest.slug}.${item.slug}  ${item.name}: ${item.description.split('\n')[0]}`);
  }
}

function describeItem(output: Output, module: LoadedModule, item: ModuleItem): void {
  if (output.json) return printJson(output, { module: module.manifest.slug, version: module.manifest.version, ...item.raw });
  output.out(`${item.name} (${module.manifest.slug}.${item.slug}, ${item.kind} ${item.uuid})`);
  output.out(item.description.trim());
  output.out(`\nArguments:\n${renderSchemaTable(schemaRows(item.arguments))}`);
  output.out(`\nResults:\n${renderSchemaTable(schemaRows(item.results))}`);
}

/** `ply describe <module>[.<action>]`: a module's configuration and items, or one action's schemas. */
export function describeCommand(output: Output, reference: string): void {
  const ply = openPly(output);
  if (ply.catalog.versions(reference).length > 0) {
    const module = ply.catalog.module(reference);
    return describeModule(output, module, ply.code.hasCode(module));
  }
  let first: unknown;
  for (const kind of ['action', 'trigger', 'connector'] as const) {
    try {
      const { module, item } = ply.catalog.find(kind, reference);
      return describeItem(output, module, item);
    } catch (error) {
      if (!(error instanceof PlyError) || error.code !== 'PLY_ACTION_NOT_FOUND') throw error;
      first ??= error;
    }
  }
  throw first;
}
