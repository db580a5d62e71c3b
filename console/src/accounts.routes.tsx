import { toPlyError, type LoadedModule } from '@ply/core';
import { type AccountView } from '@ply/runtime';
import { Hono, type Context } from 'hono';
import { CheckCredentialsButton } from './account-check.routes.js';
import type { ConsoleDeps } from './console-app.js';
import { allows } from './console-auth.js';
import type { ConsoleEnv } from './console-env.js';
import { page, redirectWith, viewerOf } from './console-page.js';
import { CsrfField } from './csrf-field.js';
import { secretKeysOf } from './json-schema-parts.js';
import { checkAgainstSchema } from './schema-check.js';
import { SchemaFields } from './schema-fields.js';
import { formToValue, issuesToFieldErrors, type FieldErrors } from './schema-form-values.js';

const PREFIX = ['config'];
const NAME = /^[\w .@-]{1,64}$/;

function SecretState(props: { value: unknown }) {
  const set = typeof props.value === 'object' && props.value !== null && (props.value as { set?: unknown }).set === true;
  return <span class={`status ${set ? 'set' : 'unset'}`}>{set ? 'set' : 'not set'}</span>;
}

function AccountsTable(props: { accounts: AccountView[]; secretKeys: (module: string) => string[] }) {
  if (props.accounts.length === 0) return <p>No accounts yet.</p>;
  return (
    <table>
      <caption class="muted" style="text-align:left">
        Secrets are write-only: the console shows whether they are set, never their value.
      </caption>
      <thead>
        <tr>
          <th scope="col">Module</th>
          <th scope="col">Name</th>
          <th scope="col">Configuration</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {props.accounts.map((account) => {
          const secrets = props.secretKeys(account.module);
          const keys = [...new Set([...Object.keys(account.configuration), ...secrets])];
          return (
            <tr>
              <td>{account.module}</td>
              <td>
                <a href={`/accounts/${encodeURIComponent(account.id)}`}>{account.name}</a>
              </td>
              <td>
                {keys.map((key) => (
                  <div>
                    <code>{key}</code>: {secrets.includes(key) ? <SecretState value={account.configuration[key]} /> : <code>{JSON.stringify(account.configuration[key])}</code>}
                  </div>
                ))}
              </td>
              <td>{account.updatedAt.replace('T', ' ').slice(0, 19)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface FormState {
  name: string;
  values: Record<string, unknown>;
  errors: FieldErrors;
}

function AccountForm(props: { module: LoadedModule; csrf: string; action: string; state: FormState; stored: Set<string>; submit: string }) {
  const schema = props.module.manifest.configuration;
  const formError = props.state.errors[''];
  return (
    <form class="stack" method="post" action={props.action}>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="module" value={props.module.manifest.slug} />
      {formError && (
        <p class="notice bad" role="alert">
          {formError}
        </p>
      )}
      <div class="field">
        <label for="account-name">Account name (required)</label>
        <input type="text" id="account-name" name="name" value={props.state.name} required maxlength={64} aria-invalid={props.state.errors['name'] ? 'true' : undefined} aria-describedby="account-name-hint" />
        <p class="hint" id="account-name-hint">
          Playbooks and runs refer to the account by this name. {props.state.errors['name'] && <strong class="error-text">{props.state.errors['name']}</strong>}
        </p>
      </div>
      <fieldset>
        <legend>{`${props.module.manifest.name} configuration`}</legend>
        <SchemaFields schema={schema} prefix={PREFIX} values={props.state.values} errors={props.state.errors} secrets={{ keys: new Set(secretKeysOf(schema)), stored: props.stored }} />
      </fieldset>
      <div>
        <button type="submit">{props.submit}</button>
      </div>
    </form>
  );
}

/** Non-secret values of a stored account, to fill its edit form (secrets are never sent back). */
function editableValues(account: AccountView, secrets: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(account.configuration).filter(([key]) => !secrets.includes(key)));
}

/** `/accounts`: list (viewer), create, edit and delete (admin), with forms made from the module's configuration schema. */
export function accountsRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const { runtime } = deps;
  const moduleOf = (slug: string) => runtime.ply.catalog.module(slug);
  const secretKeys = (slug: string) => {
    try {
      return secretKeysOf(moduleOf(slug).manifest.configuration);
    } catch {
      return [];
    }
  };

  /** Reads and checks a posted account form; `stored` are secrets already kept for this account. */
  const readForm = async (c: Context<ConsoleEnv>, module: LoadedModule, stored: string[]) => {
    const body = await c.req.parseBody();
    const name = typeof body['name'] === 'string' ? body['name'].trim() : '';
    const schema = module.manifest.configuration;
    const { value, errors } = formToValue(schema, body, PREFIX);
    if (!NAME.test(name)) errors['name'] = 'must be 1 to 64 letters, digits, spaces, ".", "@", "_" or "-"';
    if (Object.keys(errors).length === 0) Object.assign(errors, issuesToFieldErrors(checkAgainstSchema(runtime.ply, schema, value, `${module.manifest.slug} configuration`, stored), schema, PREFIX));
    const secrets = secretKeysOf(schema);
    const shown = Object.fromEntries(Object.entries(value).filter(([key]) => !secrets.includes(key)));
    return { name, value, errors, state: { name, values: shown, errors } satisfies FormState, secrets };
  };

  app.get('/', deps.role('viewer'), async (c) => {
    const admin = allows(c.get('consoleSession').role, 'admin');
    const modules = runtime.ply.catalog.modules();
    const accounts = await runtime.store.accounts.list();
    return page(
      c,
      { title: 'Accounts', section: '/accounts' },
      <>
        <AccountsTable accounts={accounts} secretKeys={secretKeys} />
        {admin && (
          <section aria-labelledby="new-account">
            <h2 id="new-account">New account</h2>
            <form class="filters" method="get" action="/accounts/new">
              <div class="field">
                <label for="new-module">Module</label>
                <select id="new-module" name="module" required>
                  {modules.map((module) => (
                    <option value={module.manifest.slug}>{`${module.manifest.name} (${module.manifest.slug})`}</option>
                  ))}
                </select>
              </div>
              <button type="submit">Configure…</button>
            </form>
          </section>
        )}
      </>,
    );
  });

  app.get('/new', deps.role('admin'), (c) => {
    const module = moduleOf(c.req.query('module') ?? '');
    return page(
      c,
      { title: `New ${module.manifest.name} account`, section: '/accounts' },
      <AccountForm module={module} csrf={viewerOf(c).csrf} action="/accounts" state={{ name: '', values: {}, errors: {} }} stored={new Set()} submit="Create account" />,
    );
  });

  app.post('/', deps.role('admin'), async (c) => {
    const body = await c.req.parseBody();
    const module = moduleOf(typeof body['module'] === 'string' ? body['module'] : '');
    const form = await readForm(c, module, []);
    if (Object.keys(form.errors).length === 0) {
      try {
        const account = await runtime.store.accounts.create({ module: module.manifest.slug, name: form.name, configuration: form.value, secretKeys: form.secrets });
        return redirectWith(c, `/accounts/${encodeURIComponent(account.id)}`, { kind: 'good', text: `Account "${account.name}" created.` });
      } catch (error) {
        form.errors[''] = toPlyError(error).message;
      }
    }
    return page(
      c,
      { title: `New ${module.manifest.name} account`, section: '/accounts', status: 422, notice: { kind: 'bad', text: 'The account was not saved: fix the fields marked below.' } },
      <AccountForm module={module} csrf={viewerOf(c).csrf} action="/accounts" state={form.state} stored={new Set()} submit="Create account" />,
    );
  });

  app.get('/:id', deps.role('viewer'), async (c) => {
    const account = await runtime.store.accounts.get(c.req.param('id'));
    const module = moduleOf(account.module);
    const secrets = secretKeysOf(module.manifest.configuration);
    const stored = new Set(secrets.filter((key) => key in account.configuration));
    const admin = allows(c.get('consoleSession').role, 'admin');
    return page(
      c,
      { title: `Account ${account.name}`, section: '/accounts' },
      <>
        <p>
          Module <code>{account.module}</code> · created {account.createdAt.slice(0, 19).replace('T', ' ')} · updated {account.updatedAt.slice(0, 19).replace('T', ' ')}
        </p>
        {allows(c.get('consoleSession').role, 'operator') && <CheckCredentialsButton accountId={account.id} csrf={viewerOf(c).csrf} />}
        {admin ? (
          <>
            <AccountForm module={module} csrf={viewerOf(c).csrf} action={`/accounts/${encodeURIComponent(account.id)}`} state={{ name: account.name, values: editableValues(account, secrets), errors: {} }} stored={stored} submit="Save changes" />
            <h2>Delete</h2>
            <form method="post" action={`/accounts/${encodeURIComponent(account.id)}/delete`}>
              <CsrfField token={viewerOf(c).csrf} />
              <button class="danger" type="submit">{`Delete account ${account.name}`}</button>
            </form>
          </>
        ) : (
          <AccountsTable accounts={[account]} secretKeys={secretKeys} />
        )}
      </>,
    );
  });

  app.post('/:id', deps.role('admin'), async (c) => {
    const account = await runtime.store.accounts.get(c.req.param('id'));
    const module = moduleOf(account.module);
    const stored = secretKeysOf(module.manifest.configuration).filter((key) => key in account.configuration);
    const form = await readForm(c, module, stored);
    if (Object.keys(form.errors).length === 0) {
      try {
        await runtime.store.accounts.update(account.id, { name: form.name, configuration: form.value, secretKeys: form.secrets });
        return redirectWith(c, `/accounts/${encodeURIComponent(account.id)}`, { kind: 'good', text: `Account "${form.name}" saved.` });
      } catch (error) {
        form.errors[''] = toPlyError(error).message;
      }
    }
    return page(
      c,
      { title: `Account ${account.name}`, section: '/accounts', status: 422, notice: { kind: 'bad', text: 'The account was not saved: fix the fields marked below.' } },
      <AccountForm module={module} csrf={viewerOf(c).csrf} action={`/accounts/${encodeURIComponent(account.id)}`} state={form.state} stored={new Set(stored)} submit="Save changes" />,
    );
  });

  app.post('/:id/delete', deps.role('admin'), async (c) => {
    const account = await runtime.store.accounts.get(c.req.param('id'));
    await runtime.store.accounts.delete(account.id);
    return redirectWith(c, '/accounts', { kind: 'good', text: `Account "${account.name}" deleted.` });
  });

  return app;
}
