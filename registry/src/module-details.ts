import type { LoadedModule, ModuleItem } from '@ply/core';

/** One action, trigger or connector as the browsing API shows it (its JSON file as published). */
export type ItemDetails = Record<string, unknown> & { uuid: string; slug: string; name: string };

/** What `/-/ply/v1/modules/<name>/<version>` answers: the manifest and every item with its schemas. */
export interface ModuleDetails {
  name: string;
  version: string;
  slug: string;
  manifest: Record<string, unknown>;
  actions: ItemDetails[];
  triggers: ItemDetails[];
  connectors: ItemDetails[];
}

function item(entry: ModuleItem): ItemDetails {
  return { ...entry.raw, uuid: entry.uuid, slug: entry.slug, name: entry.name, docker_parameters: entry.docker, arguments: entry.arguments, results: entry.results };
}

export function moduleDetailsOf(name: string, module: LoadedModule): ModuleDetails {
  const of = (kind: ModuleItem['kind']) => module.items.filter((i) => i.kind === kind).map(item);
  return {
    name,
    version: module.manifest.version,
    slug: module.manifest.slug,
    manifest: module.manifest.raw,
    actions: of('action'),
    triggers: of('trigger'),
    connectors: of('connector'),
  };
}
