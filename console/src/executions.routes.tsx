import type { ExecutionStatus } from '@ply/runtime';
import { Hono } from 'hono';
import type { ConsoleDeps } from './console-app.js';
import type { ConsoleEnv } from './console-env.js';
import { page } from './console-page.js';
import { ExecutionGraph } from './graph/execution-graph.js';
import { JsonTree } from './json-tree.js';

const STATUSES: readonly ExecutionStatus[] = ['queued', 'running', 'succeeded', 'failed', 'interrupted'];
const PAGE_SIZE = 50;

const when = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 19) : '—');

function duration(from: string | null, to: string | null): string {
  if (!from || !to) return '—';
  const ms = Date.parse(to) - Date.parse(from);
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function Status(props: { status: string }) {
  return <span class={`status ${props.status}`}>{props.status}</span>;
}

/** `/executions`: the list with filters (status, playbook) and pages; one execution with its node timeline. */
export function executionsRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const { runtime } = deps;

  app.get('/', deps.role('viewer'), async (c) => {
    const status = STATUSES.find((s) => s === c.req.query('status'));
    const playbooks = await runtime.store.playbooks.list();
    const playbookId = playbooks.find((p) => p.id === c.req.query('playbook'))?.id;
    const before = c.req.query('before') || undefined;
    const executions = await runtime.store.executions.list({ limit: PAGE_SIZE, ...(status ? { status } : {}), ...(playbookId ? { playbookId } : {}), ...(before ? { before } : {}) });
    const names = new Map(playbooks.map((p) => [p.id, p.name]));
    const older = executions.length === PAGE_SIZE ? executions.at(-1)!.id : undefined;
    const query = (extra: Record<string, string>) => new URLSearchParams({ ...(status ? { status } : {}), ...(playbookId ? { playbook: playbookId } : {}), ...extra }).toString();
    return page(
      c,
      { title: 'Executions', section: '/executions' },
      <>
        <form class="filters" method="get" action="/executions" role="search" aria-label="Filter executions">
          <div class="field">
            <label for="filter-status">Status</label>
            <select id="filter-status" name="status">
              <option value="">any</option>
              {STATUSES.map((s) => (
                <option value={s} selected={s === status}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-playbook">Playbook</label>
            <select id="filter-playbook" name="playbook">
              <option value="">any</option>
              {playbooks.map((p) => (
                <option value={p.id} selected={p.id === playbookId}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Filter</button>
        </form>
        {executions.length === 0 ? (
          <p>No executions match.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Execution</th>
                <th scope="col">Playbook</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {executions.map((execution) => (
                <tr>
                  <td>
                    <a href={`/executions/${encodeURIComponent(execution.id)}`}>
                      <code>{execution.id}</code>
                    </a>
                  </td>
                  <td>{names.get(execution.playbookId) ?? execution.playbookId}</td>
                  <td>
                    <Status status={execution.status} />
                  </td>
                  <td>{when(execution.startedAt ?? execution.createdAt)}</td>
                  <td>{duration(execution.startedAt, execution.finishedAt)}</td>
                  <td>{execution.error && <code>{execution.error.code}</code>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {older && (
          <p>
            <a href={`/executions?${query({ before: older })}`}>Older executions</a>
          </p>
        )}
      </>,
    );
  });

  app.get('/:id', deps.role('viewer'), async (c) => {
    const execution = await runtime.store.executions.get(c.req.param('id'));
    let playbookName = execution.playbookId;
    let document: unknown;
    try {
      const playbook = await runtime.store.playbooks.get(execution.playbookId);
      playbookName = playbook.name;
      document = (await runtime.store.playbookVersions.find(playbook.id, execution.playbookVersion))?.document ?? (playbook.version === execution.playbookVersion ? playbook.document : undefined);
    } catch {
      // Deleted playbook: its id is all we have.
    }
    const load = (value: unknown) => runtime.store.executions.loadValue(execution.id, value);
    return page(
      c,
      { title: `Execution ${execution.id}`, section: '/executions' },
      <>
        <dl>
          <dt>Playbook</dt>
          <dd>{`${playbookName} (version ${execution.playbookVersion})`}</dd>
          <dt>Status</dt>
          <dd>
            <Status status={execution.status} />
          </dd>
          <dt>Started</dt>
          <dd>{when(execution.startedAt ?? execution.createdAt)}</dd>
          <dt>Duration</dt>
          <dd>{duration(execution.startedAt, execution.finishedAt)}</dd>
        </dl>
        {execution.error && (
          <p class="notice bad" role="alert">
            <code>{execution.error.code}</code>: {execution.error.message}
          </p>
        )}
        <h2>Trigger event</h2>
        <JsonTree value={load(execution.triggerEvent)} label="trigger" />
        <h2>Path</h2>
        <p class="muted">Arguments and results as recorded: secrets were masked before they were written.</p>
        <ExecutionGraph execution={execution} document={document} load={load} />
      </>,
    );
  });

  return app;
}
