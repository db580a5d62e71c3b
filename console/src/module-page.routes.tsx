import { toPlyError } from '@ply/core';
import { type InstalledModule } from '@ply/installer';
import type { ItemDetails, ModuleDetails } from '@ply/installer';
import { Hono } from 'hono';
import semver from 'semver';
import type { ConsoleDeps } from './console-app.js';
import { allows } from './console-auth.js';
import type { ConsoleEnv } from './console-env.js';
import { page, viewerOf } from './console-page.js';
import { CsrfField } from './csrf-field.js';
import type { UpgradePreview } from './module-admin.js';
import { SchemaTable } from './schema-table.js';

function Items(props: { title: string; items: ItemDetails[] }) {
  if (props.items.length === 0) return null;
  return (
    <section aria-label={props.title}>
      <h2>{props.title}</h2>
      {props.items.map((item) => (
        <details>
          <summary>
            <strong>{item.name}</strong> <code>{item.slug}</code> {typeof item['description'] === 'string' && <span class="muted">— {item['description']}</span>}
          </summary>
          <SchemaTable schema={(item['arguments'] ?? {}) as Record<string, unknown>} caption="Arguments" />
          <SchemaTable schema={(item['results'] ?? {}) as Record<string, unknown>} caption="Results" />
        </details>
      ))}
    </section>
  );
}

function OperationForm(props: { action: string; csrf: string; name: string; slug: string; label: string; danger?: boolean; version?: string }) {
  return (
    <form class="inline" method="post" action={`/marketplace/${props.action}`}>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="name" value={props.name} />
      <input type="hidden" name="slug" value={props.slug} />
      {props.version && <input type="hidden" name="version" value={props.version} />}
      <button type="submit" class={props.danger ? 'danger' : undefined}>
        {props.label}
      </button>
    </form>
  );
}

function UpgradeSection(props: { preview: UpgradePreview; csrf: string; name: string; slug: string }) {
  const { preview } = props;
  return (
    <section aria-labelledby="upgrade">
      <h3 id="upgrade">{`Upgrade ${preview.from} → ${preview.to}`}</h3>
      {preview.breaking.length === 0 ? (
        <p>No breaking change to action arguments.</p>
      ) : (
        <div class="notice bad">
          <p>
            <strong>{`${preview.breaking.length} breaking change(s)`}</strong> to action arguments: callers written for {preview.from} may fail.
          </p>
          <ul>
            {preview.breaking.map((change) => (
              <li>
                <code>{change.action}</code>: {change.message}
              </li>
            ))}
          </ul>
          {preview.playbooks.length > 0 && (
            <p>
              Playbooks affected:{' '}
              {preview.playbooks.map((playbook, index) => (
                <>
                  {index > 0 && ', '}
                  <a href={`/playbooks#${encodeURIComponent(playbook.id)}`}>{playbook.name}</a> ({playbook.actions.join(', ')})
                </>
              ))}
            </p>
          )}
        </div>
      )}
      <OperationForm action="upgrade" csrf={props.csrf} name={props.name} slug={props.slug} label={preview.breaking.length ? `Upgrade to ${preview.to} anyway` : `Upgrade to ${preview.to}`} danger={preview.breaking.length > 0} />
    </section>
  );
}

function Administration(props: { details: ModuleDetails; compatible: string[]; installed: InstalledModule | undefined; preview: UpgradePreview | undefined; csrf: string }) {
  const { details, installed } = props;
  const common = { csrf: props.csrf, name: details.name, slug: details.slug };
  if (!installed?.active) {
    // Installs the version on screen (the latest unless another was picked in the Versions table).
    if (props.compatible.includes(details.version)) return <OperationForm action="install" {...common} version={details.version} label={`Install ${details.slug} ${details.version}`} />;
    return <p>{props.compatible.length > 0 ? `Version ${details.version} cannot run on this Ply core; pick another version below.` : 'No version of this package can run on this Ply core.'}</p>;
  }
  const lower = installed.versions.filter((v) => semver.lt(v, installed.active!));
  return (
    <>
      <p>
        Installed: <strong>{installed.active}</strong> active{installed.versions.length > 1 && ` (on disk: ${installed.versions.join(', ')})`}.
      </p>
      {props.preview && semver.gt(props.preview.to, installed.active) && <UpgradeSection preview={props.preview} {...common} />}
      <div class="actions">
        {lower.length > 0 && <OperationForm action="rollback" {...common} label={`Roll back to ${lower[0]}`} />}
        <OperationForm action="uninstall" {...common} label={`Uninstall ${details.slug}`} danger />
      </div>
    </>
  );
}

/** `/marketplace/<package name>`: a module before or after install, and its admin operations. */
export function modulePageRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const { modules } = deps;

  app.get('/:name{.+}', deps.role('viewer'), async (c) => {
    const name = c.req.param('name');
    let details: ModuleDetails;
    let versions: { all: string[]; compatible: string[] };
    try {
      [details, versions] = await Promise.all([modules.details(name, c.req.query('version') || 'latest'), modules.versions(name)]);
    } catch (error) {
      const failure = toPlyError(error);
      return page(c, { title: name, section: '/marketplace', status: failure.code === 'PLY_MODULE_NOT_FOUND' ? 404 : 502, notice: { kind: 'bad', text: `${failure.code}: ${failure.message}` } }, <p><a href="/marketplace">Back to the marketplace</a></p>);
    }
    // The slug held by another package (PLY_SLUG_TAKEN at install) is not this package installed.
    const held = modules.installed(details.slug);
    const installed = held && (held.name === undefined || held.name === details.name) ? held : undefined;
    const latest = versions.compatible[0];
    let preview: UpgradePreview | undefined;
    if (installed?.active && latest && semver.gt(latest, installed.active)) {
      preview = await modules.previewUpgrade(details.slug, latest === details.version ? details : await modules.details(name, latest));
    }
    const admin = allows(c.get('consoleSession').role, 'admin');
    const manifest = details.manifest;
    return page(
      c,
      { title: `${String(manifest['name'] ?? details.slug)} ${details.version}`, section: '/marketplace' },
      <>
        <p>{String(manifest['description'] ?? '')}</p>
        <p>
          <code>{details.name}</code> · slug <code>{details.slug}</code>{' '}
          {(Array.isArray(manifest['categories']) ? (manifest['categories'] as unknown[]) : []).map((category) => (
            <span class="tag">{String(category)}</span>
          ))}
        </p>
        <section aria-labelledby="admin">
          <h2 id="admin">Installation</h2>
          {admin ? (
            <Administration details={details} compatible={versions.compatible} installed={installed} preview={preview} csrf={viewerOf(c).csrf} />
          ) : (
            <p>{installed?.active ? `Installed: ${installed.active}.` : 'Not installed.'} Installing, upgrading and removing modules needs the admin role.</p>
          )}
        </section>
        <section aria-labelledby="versions">
          <h2 id="versions">Versions</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Runs on this core</th>
                <th scope="col">Here</th>
              </tr>
            </thead>
            <tbody>
              {versions.all.map((version) => (
                <tr>
                  <td>
                    <a href={`/marketplace/${details.name}?version=${encodeURIComponent(version)}`} aria-current={version === details.version ? 'page' : undefined}>
                      {version}
                    </a>
                  </td>
                  <td>{versions.compatible.includes(version) ? 'yes' : 'no'}</td>
                  <td>{installed?.active === version ? 'active' : installed?.versions.includes(version) ? 'installed' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <Items title="Actions" items={details.actions} />
        <Items title="Triggers" items={details.triggers} />
        <Items title="Connectors" items={details.connectors} />
      </>,
    );
  });

  return app;
}
