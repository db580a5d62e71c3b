import type { CatalogEntry } from '@ply/core';
import { Hono, type Context } from 'hono';
import { runAndRecord, type ConsoleRunOutcome } from './action-run-recorder.js';
import type { ConsoleDeps } from './console-app.js';
import { allows } from './console-auth.js';
import type { ConsoleEnv } from './console-env.js';
import { page, viewerOf } from './console-page.js';
import { CsrfField } from './csrf-field.js';
import { JsonTree } from './json-tree.js';
import { secretKeysOf } from './json-schema-parts.js';
import { checkAgainstSchema } from './schema-check.js';
import { SchemaFields } from './schema-fields.js';
import { formToValue, issuesToFieldErrors, type FieldErrors } from './schema-form-values.js';
import { SchemaTable } from './schema-table.js';

const PREFIX = ['args'];

function RunForm(props: { entry: CatalogEntry; accounts: string[]; csrf: string; values: Record<string, unknown>; account: string; errors: FieldErrors; admin: boolean }) {
  const { module, item } = props.entry;
  const formError = props.errors[''];
  return (
    <form class="stack" method="post" action={`/run/${encodeURIComponent(module.manifest.slug)}/${encodeURIComponent(item.slug)}`}>
      <CsrfField token={props.csrf} />
      {formError && (
        <p class="notice bad" role="alert">
          {formError}
        </p>
      )}
      <div class="field">
        <label for="run-account">Account</label>
        <select id="run-account" name="account" aria-describedby="run-account-hint">
          <option value="">(no account: empty configuration)</option>
          {props.accounts.map((name) => (
            <option value={name} selected={name === props.account}>
              {name}
            </option>
          ))}
        </select>
        <p class="hint" id="run-account-hint">
          The module configuration to run with.{' '}
          {props.admin && <a href={`/accounts/new?module=${encodeURIComponent(module.manifest.slug)}`}>New account</a>}
        </p>
      </div>
      <fieldset>
        <legend>Arguments</legend>
        <SchemaFields schema={item.arguments} prefix={PREFIX} values={props.values} errors={props.errors} secrets={{ keys: new Set(secretKeysOf(item.arguments)), stored: new Set() }} />
      </fieldset>
      <div>
        <button type="submit">{`Run ${item.name}`}</button>
      </div>
    </form>
  );
}

function Outcome(props: { outcome: ConsoleRunOutcome }) {
  const { outcome } = props;
  return (
    <section aria-labelledby="outcome">
      <h2 id="outcome">
        Result: <span class={`status ${outcome.status}`}>{outcome.status}</span>
      </h2>
      <p>
        Recorded as execution <a href={`/executions/${encodeURIComponent(outcome.executionId)}`}>{outcome.executionId}</a>.
      </p>
      {outcome.error ? (
        <p class="notice bad" role="alert">
          <code>{outcome.error.code}</code>: {outcome.error.message}
        </p>
      ) : (
        <JsonTree value={outcome.results} label="results" />
      )}
    </section>
  );
}

/** `/run`: the actions that can run; a form per action made from its arguments schema (operator). */
export function runRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const { runtime } = deps;
  const entryOf = (c: Context<ConsoleEnv>) => runtime.ply.catalog.find('action', `${c.req.param('module')}.${c.req.param('action')}`);
  const accountsOf = async (slug: string) => (await runtime.store.accounts.list(slug)).map((account) => account.name);

  app.get('/', deps.role('viewer'), (c) => {
    const operator = allows(c.get('consoleSession').role, 'operator');
    const modules = runtime.ply.catalog.modules();
    return page(
      c,
      { title: 'Run an action', section: '/run' },
      <>
        {!operator && <p class="notice">Running actions needs the operator role; you can read their arguments.</p>}
        <table>
          <thead>
            <tr>
              <th scope="col">Module</th>
              <th scope="col">Action</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {modules.flatMap((module) =>
              module.items
                .filter((item) => item.kind === 'action')
                .map((item) => (
                  <tr>
                    <td>{`${module.manifest.name} ${module.manifest.version}`}</td>
                    <td>
                      <a href={`/run/${encodeURIComponent(module.manifest.slug)}/${encodeURIComponent(item.slug)}`}>{item.name}</a>
                      {!module.entry && <span class="muted"> (metadata only)</span>}
                    </td>
                    <td>{item.description}</td>
                  </tr>
                )),
            )}
          </tbody>
        </table>
      </>,
    );
  });

  app.get('/:module/:action', deps.role('viewer'), async (c) => {
    const entry = entryOf(c);
    const operator = allows(c.get('consoleSession').role, 'operator');
    return page(
      c,
      { title: `Run ${entry.item.name}`, section: '/run' },
      <>
        <p>{entry.item.description}</p>
        {operator ? (
          <RunForm entry={entry} accounts={await accountsOf(entry.module.manifest.slug)} csrf={viewerOf(c).csrf} values={{}} account="" errors={{}} admin={allows(c.get('consoleSession').role, 'admin')} />
        ) : (
          <SchemaTable schema={entry.item.arguments} caption="Arguments" />
        )}
      </>,
    );
  });

  app.post('/:module/:action', deps.role('operator'), async (c) => {
    const entry = entryOf(c);
    const body = await c.req.parseBody();
    const account = typeof body['account'] === 'string' ? body['account'] : '';
    const { value, errors } = formToValue(entry.item.arguments, body, PREFIX);
    if (Object.keys(errors).length === 0) Object.assign(errors, issuesToFieldErrors(checkAgainstSchema(runtime.ply, entry.item.arguments, structuredClone(value), `${entry.item.slug} arguments`), entry.item.arguments, PREFIX));
    if (account && !(await runtime.store.accounts.exists(entry.module.manifest.slug, account))) errors[''] = `module "${entry.module.manifest.slug}" has no account named "${account}"`;
    const secrets = secretKeysOf(entry.item.arguments);
    const shown = Object.fromEntries(Object.entries(value).filter(([key]) => !secrets.includes(key)));
    const form = <RunForm entry={entry} accounts={await accountsOf(entry.module.manifest.slug)} csrf={viewerOf(c).csrf} values={shown} account={account} errors={errors} admin={allows(c.get('consoleSession').role, 'admin')} />;
    if (Object.keys(errors).length > 0) {
      return page(c, { title: `Run ${entry.item.name}`, section: '/run', status: 422, notice: { kind: 'bad', text: 'Nothing was run: fix the fields marked below.' } }, form);
    }
    const outcome = await runAndRecord(runtime, { entry, arguments: value, caller: c.get('consoleSession').tokenName ?? 'console', ...(account ? { account } : {}) });
    return page(
      c,
      { title: `Run ${entry.item.name}`, section: '/run' },
      <>
        <Outcome outcome={outcome} />
        <h2>Run again</h2>
        {form}
      </>,
    );
  });

  return app;
}
