import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The kinds of item a README table can list, and the file prefix of their JSON. */
export type TableKind = 'actions' | 'triggers' | 'connectors';

type ItemFile = { name?: string; slug?: string; description?: string; arguments?: { properties?: object; required?: string[] }; results?: { properties?: object } };

const PREFIX: Record<TableKind, string> = { actions: 'action_', triggers: 'trigger_', connectors: 'connector_' };
const HEAD: Record<TableKind, string> = {
  actions: '| action | description | required arguments | results |',
  triggers: '| trigger | description | configuration | event |',
  connectors: '| connector | description | required arguments | events |',
};

const cell = (text: unknown) => String(text ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();
const names = (list: readonly string[]) => (list.length === 0 ? '—' : list.map((name) => `\`${cell(name)}\``).join(', '));

/** The Markdown table of one kind of item of a module folder (`module/*.json`), sorted by name. */
export function renderItemsTable(moduleDir: string, kind: TableKind): string {
  const items = readdirSync(moduleDir)
    .filter((file) => file.startsWith(PREFIX[kind]) && file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(moduleDir, file), 'utf8')) as ItemFile)
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const rows = items.map((item) => {
    // Actions list their required arguments; triggers their whole configuration (it is usually all optional).
    const args = kind === 'triggers' ? Object.keys(item.arguments?.properties ?? {}) : (item.arguments?.required ?? []);
    return `| ${cell(item.name)} (\`${item.slug}\`) | ${cell(item.description) || '—'} | ${names(args)} | ${names(Object.keys(item.results?.properties ?? {}))} |`;
  });
  return [HEAD[kind], '|---|---|---|---|', ...rows].join('\n');
}

const START = (kind: TableKind) => `<!-- ${kind}-table:start`;
const END = (kind: TableKind) => `<!-- ${kind}-table:end -->`;

/**
 * `readme` with each generated table (between `<!-- actions-table:start ... -->` and
 * `<!-- actions-table:end -->`, and the same for `triggers` and `connectors`) written again from
 * `moduleDir`. A README without markers is returned unchanged; a test comparing the two fails
 * when a manifest changed and the README did not follow.
 */
export function withReadmeTables(readme: string, moduleDir: string): string {
  let text = readme;
  for (const kind of ['actions', 'triggers', 'connectors'] as const) {
    const start = text.indexOf(START(kind));
    if (start < 0) continue;
    const startEnd = text.indexOf('-->', start) + '-->'.length;
    const end = text.indexOf(END(kind), startEnd);
    if (end < 0) throw new Error(`README has "${START(kind)}" but no "${END(kind)}"`);
    text = `${text.slice(0, startEnd)}\n${renderItemsTable(moduleDir, kind)}\n${text.slice(end)}`;
  }
  return text;
}
