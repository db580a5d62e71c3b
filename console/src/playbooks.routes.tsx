import { toPlyError, type PlyIssue } from '@ply/core';
import { Hono, type Context } from 'hono';
import { CONSOLE_RUN_PREFIX } from './action-run-recorder.js';
import type { ConsoleDeps } from './console-app.js';
import { allows } from './console-auth.js';
import type { ConsoleEnv } from './console-env.js';
import { page, redirectWith, viewerOf } from './console-page.js';
import { playbookDetailRoutes } from './playbook-detail.routes.js';
import { PostButton } from './post-button.js';
import { playbookEditorRoutes } from './playbook-editor.routes.js';

function Issues(props: { issues: PlyIssue[] }) {
  return (
    <ul>
      {props.issues.map((issue) => (
        <li>
          <code>{issue.pointer || '/'}</code> {issue.message}
        </li>
      ))}
    </ul>
  );
}

/** `/playbooks`: the list with last runs; validate (viewer), run now (operator), enable and disable (admin). */
export function playbooksRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const { runtime } = deps;
  const base = (id: string) => `/playbooks/${encodeURIComponent(id)}`;

  app.get('/', deps.role('viewer'), async (c) => {
    const role = c.get('consoleSession').role;
    const csrf = viewerOf(c).csrf;
    const playbooks = await runtime.store.playbooks.list();
    const lastRuns = new Map(await Promise.all(playbooks.map(async (playbook) => [playbook.id, await runtime.store.executions.list({ playbookId: playbook.id, limit: 3 })] as const)));
    return page(
      c,
      { title: 'Playbooks', section: '/playbooks' },
      <>
      {allows(role, 'admin') && playbooks.length > 0 && (
        <p>
          <a class="button" href="/playbooks/new">
            New playbook
          </a>
        </p>
      )}
      {playbooks.length === 0 ? (
        <p>
          No playbooks yet. {allows(role, 'admin') ? <a href="/playbooks/new">Write one in the editor</a> : 'An admin writes them in the editor'}, or create them with the API (<code>POST /api/v1/playbooks</code>); see docs/playbooks.md.
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Playbook</th>
              <th scope="col">Version</th>
              <th scope="col">State</th>
              <th scope="col">Last runs</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {playbooks.map((playbook) => {
              const runs = lastRuns.get(playbook.id) ?? [];
              return (
                <tr id={playbook.id}>
                  <td>
                    <a href={base(playbook.id)}>
                      <strong>{playbook.name}</strong>
                    </a>
                    <br />
                    <code class="muted">{playbook.id}</code>
                  </td>
                  <td>{playbook.version}</td>
                  <td>
                    <span class={`status ${playbook.enabled ? 'enabled' : 'disabled'}`}>{playbook.enabled ? 'enabled' : 'disabled'}</span>
                    {playbook.disabledReason && <div class="muted">{playbook.disabledReason}</div>}
                    {playbook.consecutiveFailures > 0 && <div class="muted">{`${playbook.consecutiveFailures} failure(s) in a row`}</div>}
                  </td>
                  <td>
                    {runs.length === 0 ? (
                      <span class="muted">never run</span>
                    ) : (
                      <ul style="margin:0;padding-left:1rem">
                        {runs.map((run) => (
                          <li>
                            <a href={`/executions/${encodeURIComponent(run.id)}`}>{run.createdAt.replace('T', ' ').slice(0, 19)}</a> <span class={`status ${run.status}`}>{run.status}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                    <a href={`/executions?playbook=${encodeURIComponent(playbook.id)}`}>all runs</a>
                  </td>
                  <td>
                    <div class="actions">
                      <PostButton action={`${base(playbook.id)}/validate`} csrf={csrf} label="Validate" />
                      {allows(role, 'operator') && !playbook.id.startsWith(CONSOLE_RUN_PREFIX) && <PostButton action={`${base(playbook.id)}/run`} csrf={csrf} label="Run now" />}
                      {allows(role, 'admin') &&
                        (playbook.enabled ? <PostButton action={`${base(playbook.id)}/disable`} csrf={csrf} label="Disable" danger /> : <PostButton action={`${base(playbook.id)}/enable`} csrf={csrf} label="Enable" />)}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      </>,
    );
  });

  app.post('/:id/validate', deps.role('viewer'), async (c) => {
    const playbook = await runtime.store.playbooks.get(c.req.param('id'));
    const issues = await runtime.engine.validate(playbook.document);
    return page(
      c,
      { title: `Validate ${playbook.name}`, section: '/playbooks', notice: issues.length === 0 ? { kind: 'good', text: 'The playbook is valid.' } : { kind: 'bad', text: `${issues.length} problem(s) found.` } },
      <>
        {issues.length > 0 && <Issues issues={issues} />}
        <p>
          <a href="/playbooks">Back to the playbooks</a>
        </p>
      </>,
    );
  });

  /** Where a button's redirect goes: the playbook's page when it was pressed there, else the list. */
  const backTo = async (c: Context<ConsoleEnv>) => ((await c.req.parseBody())['back'] === 'detail' ? base(c.req.param('id') ?? '') : '/playbooks');

  app.post('/:id/enable', deps.role('admin'), async (c) => {
    const back = await backTo(c);
    try {
      const playbook = await runtime.engine.enable(c.req.param('id'));
      return redirectWith(c, back, { kind: 'good', text: `${playbook.name} enabled.` });
    } catch (error) {
      const failure = toPlyError(error);
      const issues = failure.issues.map((issue) => `${issue.pointer || '/'} ${issue.message}`).join('; ');
      return redirectWith(c, back, { kind: 'bad', text: `Not enabled: ${failure.code}: ${issues || failure.message}` });
    }
  });

  app.post('/:id/disable', deps.role('admin'), async (c) => {
    const playbook = await runtime.engine.disable(c.req.param('id'));
    return redirectWith(c, await backTo(c), { kind: 'good', text: `${playbook.name} disabled.` });
  });

  app.post('/:id/run', deps.role('operator'), async (c) => {
    try {
      // A manual run from the console is a test run: it also runs a disabled playbook.
      const { executionId } = await runtime.engine.submit(c.req.param('id'), { source: 'console', caller: c.get('consoleSession').tokenName ?? 'console' }, { force: true });
      return redirectWith(c, `/executions/${encodeURIComponent(executionId)}`, { kind: 'good', text: 'Run started.' });
    } catch (error) {
      const failure = toPlyError(error);
      return redirectWith(c, '/playbooks', { kind: 'bad', text: `Not started: ${failure.code}: ${failure.message}` });
    }
  });

  app.route('/', playbookEditorRoutes(deps));
  app.route('/', playbookDetailRoutes(deps));
  return app;
}
