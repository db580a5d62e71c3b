import type { LoadedModule, ModuleItem } from '@ply/core/manifest';
import type { ItemDetails, ModuleDetails } from '@ply/installer/package-format';

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
