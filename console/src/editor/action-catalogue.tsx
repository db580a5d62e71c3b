import type { LoadedModule } from '@ply/core';
import { stringify } from 'yaml';
import { propertiesOf, requiredOf } from '../json-schema-parts.js';
import { SchemaTable } from '../schema-table.js';

/** An action node to paste: its module and action, the account when there is one, and its required arguments. */
function snippetOf(module: LoadedModule, action: LoadedModule['items'][number], accounts: readonly string[]): string {
  const required = requiredOf(action.arguments);
  const args = Object.fromEntries(propertiesOf(action.arguments).filter(([key]) => required.has(key)).map(([key]) => [key, `{{ trigger.${key} }}`]));
  const node = { type: 'action', module: module.manifest.slug, action: action.slug, ...(accounts[0] ? { account: accounts[0] } : {}), ...(Object.keys(args).length > 0 ? { arguments: args } : {}) };
  // Indented as it goes, under `nodes:`.
  return stringify({ [action.slug.replace(/[^A-Za-z0-9_]/g, '_')]: node }).replace(/^/gm, '  ');
}

/**
 * The modules and actions a playbook can call, beside the editor: each action opens (a
 * `<details>`, no script) on its arguments, from its schema, and a node to paste.
 */
export function ActionCatalogue(props: { modules: readonly LoadedModule[]; accounts: ReadonlyMap<string, readonly string[]> }) {
  const runnable = props.modules.filter((module) => module.runnable !== false && module.items.some((item) => item.kind === 'action'));
  return (
    <aside class="catalogue" aria-label="Modules and actions">
      <h2>Actions</h2>
      {runnable.length === 0 && <p class="muted">No module with actions is installed: install one from the Marketplace.</p>}
      {runnable.map((module) => {
        const accounts = props.accounts.get(module.manifest.slug) ?? [];
        return (
          <details class="module">
            <summary>
              <strong>{module.manifest.name}</strong> <code>{module.manifest.slug}</code>
            </summary>
            <p class="hint">{accounts.length > 0 ? `accounts: ${accounts.join(', ')}` : 'no account yet (add one under Accounts)'}</p>
            {module.items
              .filter((item) => item.kind === 'action')
              .map((action) => (
                <details class="action" id={`action-${module.manifest.slug}-${action.slug}`}>
                  <summary>
                    <code>{action.slug}</code> {action.name}
                  </summary>
                  {action.description && <p class="hint">{action.description}</p>}
                  <SchemaTable schema={action.arguments} caption="Arguments" />
                  <p class="hint">A node to paste under nodes:</p>
                  <pre>{snippetOf(module, action, accounts)}</pre>
                </details>
              ))}
          </details>
        );
      })}
    </aside>
  );
}
