import { toPlyError } from '@ply/core';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TOKEN_HEADER } from '@ply/runtime';
import { Hono } from 'hono';
import { stringify } from 'yaml';
import type { ConsoleDeps } from './console-app.js';
import { allows } from './console-auth.js';
import type { ConsoleEnv } from './console-env.js';
import { page, redirectWith, viewerOf } from './console-page.js';
import { CsrfField } from './csrf-field.js';
import { layoutPlaybook, TRIGGER_BOX } from './graph/playbook-layout.js';
import { nodeAnchor, PlaybookGraphSvg } from './graph/playbook-graph.svg.js';
import { JsonTree } from './json-tree.js';
import { PostButton } from './post-button.js';

const when = (iso: string) => iso.replace('T', ' ').slice(0, 19);

/** `/playbooks/:id`: the playbook as a picture (a click on a node shows its definition), its document and its kept versions. */
export function playbookDetailRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const { runtime } = deps;
  const webhooks = runtime.webhooks;

  app.get('/:id', deps.role('viewer'), async (c) => {
    const playbook = await runtime.store.playbooks.get(c.req.param('id'));
    const versions = await runtime.store.playbookVersions.list(playbook.id, 20);
    const layout = layoutPlaybook(playbook.document);
    const nodes = (playbook.document as { nodes?: Record<string, unknown> }).nodes ?? {};
    const base = `/playbooks/${encodeURIComponent(playbook.id)}`;
    const role = c.get('consoleSession').role;
    const csrf = viewerOf(c).csrf;
    const triggerType = (playbook.document as { trigger?: { type?: unknown } }).trigger?.type;
    return page(
      c,
      { title: playbook.name, section: '/playbooks' },
      <>
        <p class="actions">
          <span class={`status ${playbook.enabled ? 'enabled' : 'disabled'}`}>{playbook.enabled ? 'enabled' : 'disabled'}</span>
          <span class="muted">version {playbook.version}</span>
          {allows(role, 'admin') && (
            <a class="button secondary" href={`${base}/edit`}>
              Edit
            </a>
          )}
          {allows(role, 'admin') &&
            (playbook.enabled ? <PostButton action={`${base}/disable`} csrf={csrf} label="Disable" danger back="detail" /> : <PostButton action={`${base}/enable`} csrf={csrf} label="Enable" back="detail" />)}
          {allows(role, 'operator') && <PostButton action={`${base}/run`} csrf={csrf} label="Run now" />}
          <a href={`/executions?playbook=${encodeURIComponent(playbook.id)}`}>Executions</a>
        </p>
        <h2>Graph</h2>
        {layout ? (
          <>
            <PlaybookGraphSvg layout={layout} linked title={`Graph of playbook ${playbook.name}`} />
            <p class="hint node-hint">Select a node in the picture to see its definition here.</p>
            {layout.boxes
              .filter((box) => box.id !== TRIGGER_BOX)
              .map((box) => (
                <section class="node-panel" id={nodeAnchor(box.id)} aria-label={`Node ${box.id}`}>
                  <h3>
                    {box.id} <span class="muted">({box.kind})</span>
                  </h3>
                  <JsonTree value={nodes[box.id]} label={box.id} />
                </section>
              ))}
          </>
        ) : (
          <p class="notice bad">The stored document is not a valid playbook: validate it to see why.</p>
        )}
        {allows(role, 'admin') && triggerType === 'webhook' && (
          <>
            <h2>Webhook</h2>
            <p>
              <code>{`POST /hooks/${playbook.id}`}</code> with the header <code>{WEBHOOK_TOKEN_HEADER}</code> (or an HMAC signature in <code>{WEBHOOK_SIGNATURE_HEADER}</code>); the body is the trigger event.
            </p>
            <details>
              <summary>Show the webhook token</summary>
              <pre>{`curl -X POST <this server>/hooks/${playbook.id} -H '${WEBHOOK_TOKEN_HEADER}: ${webhooks.tokenOf(playbook.id, playbook.webhookTokenVersion)}' -H 'content-type: application/json' -d '{"alert_uuid":"AL1"}'`}</pre>
            </details>
          </>
        )}
        <h2>Versions</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => (
              <tr>
                <td>{version.version === playbook.version ? `${version.version} (current)` : String(version.version)}</td>
                <td>{when(version.createdAt)}</td>
                <td>{version.savedBy ?? '—'}</td>
                <td>
                  {version.version !== playbook.version && allows(role, 'admin') && (
                    <form class="inline" method="post" action={`${base}/versions/${version.version}/restore`}>
                      <CsrfField token={csrf} />
                      <button type="submit" class="secondary">{`Restore version ${version.version}`}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <details>
          <summary>Document (YAML)</summary>
          <pre>{stringify(playbook.document)}</pre>
        </details>
      </>,
    );
  });

  app.post('/:id/versions/:version/restore', deps.role('admin'), async (c) => {
    const id = c.req.param('id');
    const version = Number(c.req.param('version'));
    const back = `/playbooks/${encodeURIComponent(id)}`;
    try {
      const session = c.get('consoleSession');
      const restored = await runtime.engine.restore(id, version, session.tokenName ? { savedBy: session.tokenName } : {});
      return redirectWith(c, back, { kind: 'good', text: `Version ${version} restored as version ${restored.version}.` });
    } catch (error) {
      const failure = toPlyError(error);
      return redirectWith(c, back, { kind: 'bad', text: `Not restored: ${failure.code}: ${failure.message}` });
    }
  });

  return app;
}
