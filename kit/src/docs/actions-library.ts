import type { ItemKind, JsonSchema, LoadedModule, ModuleItem } from '@ply/core';
import type { DocBlock, DocCell, DocPage } from './doc-page.js';
import { itemGroup, moduleGroup, orderGroups } from './library-groups.js';
import { propertyRows } from './schema-rows.js';

/** A module as documented: its metadata and whether code is installed for it. */
export interface DocumentedModule {
  module: LoadedModule;
  runnable: boolean;
}

const KIND_TITLES: Record<ItemKind, string> = { action: 'Actions', trigger: 'Triggers', connector: 'Connectors' };

/** Page path of a module: its slug (dots kept, as in `sekoia.io`), made safe as one file name. */
export const modulePagePath = (module: LoadedModule): string => `modules/${module.manifest.slug.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\./, '_')}`;
const itemAnchor = (item: ModuleItem): string => `${item.kind}-${item.slug}`;

function schemaTable(schema: JsonSchema, empty: string): DocBlock {
  const rows = propertyRows(schema);
  if (rows.length === 0) return { kind: 'paragraph', text: empty };
  const name = (row: (typeof rows)[number]) => (row.secret ? `${row.name} (secret)` : row.name);
  // A Default column only where some property has a default (most results have none).
  if (rows.some((row) => row.default !== undefined)) {
    return { kind: 'table', head: ['Name', 'Type', 'Required', 'Default', 'Description'], rows: rows.map((row) => [name(row), row.type, row.required ? 'yes' : 'no', row.default ?? '', row.description]) };
  }
  return { kind: 'table', head: ['Name', 'Type', 'Required', 'Description'], rows: rows.map((row) => [name(row), row.type, row.required ? 'yes' : 'no', row.description]) };
}

function itemBlocks(item: ModuleItem): DocBlock[] {
  const argumentsTitle = item.kind === 'action' ? 'Arguments' : 'Configuration';
  const resultsTitle = item.kind === 'action' ? 'Results' : 'Events';
  return [
    { kind: 'heading', level: 3, text: item.name, anchor: itemAnchor(item) },
    { kind: 'paragraph', text: item.description || '(no description)' },
    { kind: 'heading', level: 4, text: argumentsTitle },
    schemaTable(item.arguments, 'None.'),
    { kind: 'heading', level: 4, text: resultsTitle },
    schemaTable(item.results, item.kind === 'action' ? 'This action returns no documented results.' : 'Not documented.'),
  ];
}

/** One page per module: what it is, its configuration, then each item's arguments and results. */
export function modulePage({ module, runnable }: DocumentedModule): DocPage {
  const { manifest } = module;
  const facts = [`Version ${manifest.version}`, `group: ${moduleGroup(module)}`];
  if (manifest.categories.length > 0) facts.push(`categories: ${manifest.categories.join(', ')}`);
  facts.push(runnable ? 'runnable' : 'metadata only (listed and documented; it cannot run until code is installed)');
  const blocks: DocBlock[] = [
    { kind: 'paragraph', text: manifest.description || '(no description)' },
    { kind: 'paragraph', text: `${facts.join(' · ')}.` },
    { kind: 'heading', level: 2, text: 'Configuration', anchor: 'configuration' },
    schemaTable(manifest.configuration, 'This module needs no configuration.'),
  ];
  for (const kind of ['action', 'trigger', 'connector'] as const) {
    const items = module.items.filter((item) => item.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
    if (items.length === 0) continue;
    blocks.push({ kind: 'heading', level: 2, text: KIND_TITLES[kind], anchor: `${kind}s` });
    for (const item of items) blocks.push(...itemBlocks(item));
  }
  return { path: modulePagePath(module), title: manifest.name, blocks };
}

/**
 * The index, grouped as Sekoia.io's Actions Library page: a module is listed under its group;
 * an item whose own group differs from its module's (Mattermost's Post Message under
 * Notifications) is listed there too, linking to its section of the module page.
 */
export function indexPage(modules: DocumentedModule[]): DocPage {
  const rows = new Map<string, Array<{ sort: string; cells: DocCell[] }>>();
  const add = (group: string, sort: string, cells: DocCell[]) => rows.set(group, [...(rows.get(group) ?? []), { sort, cells }]);
  for (const { module } of modules) {
    const page = modulePagePath(module);
    add(moduleGroup(module), module.manifest.name, [{ text: module.manifest.name, page }, module.manifest.description]);
    for (const item of module.items) {
      const group = itemGroup(module, item);
      if (group !== moduleGroup(module)) add(group, item.name, [{ text: item.name, page, anchor: itemAnchor(item) }, `${item.description} (${module.manifest.name})`]);
    }
  }
  const blocks: DocBlock[] = [{ kind: 'paragraph', text: `${modules.length} modules. Each links to its configuration and to the arguments and results of its actions.` }];
  for (const group of orderGroups(rows.keys())) {
    const sorted = rows.get(group)!.sort((a, b) => a.sort.localeCompare(b.sort));
    blocks.push({ kind: 'heading', level: 2, text: group }, { kind: 'table', head: ['Name', 'Description'], rows: sorted.map((row) => row.cells) });
  }
  return { path: 'index', title: 'Actions Library', blocks };
}

/** Every page of the Actions Library: the index and one page per module (highest version each). */
export function actionsLibraryPages(modules: DocumentedModule[]): DocPage[] {
  const sorted = [...modules].sort((a, b) => a.module.manifest.name.localeCompare(b.module.manifest.name));
  return [indexPage(sorted), ...sorted.map(modulePage)];
}
