import type { LoadedModule, ModuleItem } from '@ply/core';

/** The groups of Sekoia.io's Actions Library page, in its order. */
export const LIBRARY_GROUPS = ['Getters', 'Setters', 'Notifications', 'Data collection', 'Helpers', 'Third-party applications'] as const;

/** Where a module goes when its manifest names no `group`: it integrates another vendor's product. */
export const DEFAULT_MODULE_GROUP = 'Third-party applications';

/** A module's group: `manifest.json`'s optional `group`, else {@link DEFAULT_MODULE_GROUP}. */
export function moduleGroup(module: LoadedModule): string {
  return module.manifest.group ?? DEFAULT_MODULE_GROUP;
}

/** An item's group: the item's optional `group`, else its module's. */
export function itemGroup(module: LoadedModule, item: ModuleItem): string {
  return item.group ?? moduleGroup(module);
}

/** Known groups in Sekoia.io's order, then any other group names alphabetically. */
export function orderGroups(names: Iterable<string>): string[] {
  const known: readonly string[] = LIBRARY_GROUPS;
  const unique = [...new Set(names)];
  return [...known.filter((group) => unique.includes(group)), ...unique.filter((group) => !known.includes(group)).sort()];
}
