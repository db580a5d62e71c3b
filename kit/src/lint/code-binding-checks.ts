import type { ItemKind, LoadedModule } from '@ply/core';
import type { PluginDefinition } from '@ply/core';
import type { LintDefect } from './lint-finding.js';

const KINDS: ItemKind[] = ['action', 'trigger', 'connector'];

/**
 * Every item JSON is bound to code by its `docker_parameters`, and every item of the code has a
 * JSON file (else `ply manifest build` was not run, or an item file was deleted by hand).
 */
export function codeBindingDefects(module: LoadedModule, plugin: PluginDefinition, manifestFile: string, entry: string): LintDefect[] {
  const defects: LintDefect[] = [];
  if (plugin.module.slug !== module.manifest.slug) {
    defects.push({ rule: 'code-bound', file: manifestFile, pointer: '/slug', message: `the code defines module "${plugin.module.slug}" but manifest.json says "${module.manifest.slug}"` });
  }
  for (const kind of KINDS) {
    const code = plugin[`${kind}s`];
    const items = module.items.filter((item) => item.kind === kind);
    for (const item of items) {
      if (!Object.hasOwn(code, item.docker)) {
        defects.push({ rule: 'code-bound', file: item.file, pointer: '/docker_parameters', message: `no code is bound to "${item.docker}" (the plugin's ${kind}s are: ${Object.keys(code).join(', ') || 'none'})` });
      }
    }
    for (const docker of Object.keys(code)) {
      if (!items.some((item) => item.docker === docker)) {
        defects.push({ rule: 'code-bound', file: entry, pointer: '', message: `${kind} "${docker}" has no ${kind}_*.json file; run \`ply manifest build\`` });
      }
    }
  }
  return defects;
}
