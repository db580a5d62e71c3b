import { isPackageName } from '@ply/installer';
import { toPlyError } from '@ply/core';
import type { ModuleSummary } from '@ply/installer';
import { Hono, type Context } from 'hono';
import semver from 'semver';
import type { ConsoleDeps } from './console-app.js';
import type { ConsoleEnv } from './console-env.js';
import { allows } from './console-auth.js';
import { page, redirectWith, viewerOf } from './console-page.js';
import { CorpusCatalogue } from './corpus-catalogue.js';
import { corpusRoutes } from './corpus.routes.js';
import { CsrfField } from './csrf-field.js';
import { modulePageRoutes } from './module-page.routes.js';
import { ReplaceChoice } from './replace-choice.js';

/** A package name from a form, or '' (then the redirect goes to the marketplace itself). */
function packageName(value: unknown): string {
  return typeof value === 'string' && isPackageName(value) ? value : '';
}

/** The module page of a package (the marketplace when there is no name). */
export function moduleHref(name: string): string {
  return name ? `/marketplace/${name}` : '/marketplace';
}

function ModuleCard(props: { module: ModuleSummary; active?: string; csrf?: string | undefined }) {
  const { module } = props;
  const href = `/marketplace/${module.name}`;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    <li class="card">
      <h2>
        <a href={href}>{module.slug}</a>
      </h2>
      <p class="muted">
        <code>{module.name}</code> · latest <strong>{module.version}</strong>
      </p>
      {module.description && <p>{module.description}</p>}
      <p>{`${count(module.actions, 'action')} · ${count(module.triggers, 'trigger')} · ${count(module.connectors, 'connector')}`}</p>
      <p>
        {module.categories.map((category) => (
          <span class="tag">{category}</span>
        ))}
      </p>
      <p>{props.active ? <span class="status enabled">{`installed: ${props.active}`}</span> : <span class="muted">not installed</span>}</p>
      {!props.active && props.csrf && (
        <form method="post" action="/marketplace/install">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="name" value={module.name} />
          <button type="submit" aria-label={`Install ${module.slug}`}>
            Install
          </button>
        </form>
      )}
    </li>
  );
}

function CorpusLink(props: { shown: boolean }) {
  if (!props.shown) return null;
  return (
    <p>
      Also browsable: <a href="/marketplace/corpus">the Sekoia.io corpus</a> as metadata-only modules.
    </p>
  );
}

/** `/marketplace`: search the registry by text and category; module pages and admin operations below it. */
export function marketplaceRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const { modules } = deps;

  const noRegistry = (c: Context<ConsoleEnv>) =>
    page(
      c,
      { title: 'Marketplace', section: '/marketplace' },
      <>
        <p class="notice">
          No registry is configured. Start the console with <code>ply serve --registry URL</code> or set <code>PLY_REGISTRY</code>; see docs/marketplace.md.
        </p>
        <CorpusLink shown={Boolean(deps.options.corpusDir)} />
      </>,
    );

  app.get('/', deps.role('viewer'), async (c) => {
    if (!modules.registry) return noRegistry(c);
    const q = c.req.query('q') ?? '';
    const category = c.req.query('category') ?? '';
    let found: ModuleSummary[] = [];
    let categories: string[] = [];
    let failure: string | undefined;
    try {
      const [all, matching] = await Promise.all([modules.browse('', ''), q || category ? modules.browse(q, category) : undefined]);
      categories = [...new Set(all.modules.flatMap((m) => m.categories))].sort();
      found = (matching ?? all).modules;
    } catch (error) {
      failure = toPlyError(error).message;
    }
    const installed = new Map(modules.installer.list().map((m) => [m.name ?? m.slug, m.active]));
    const filling = deps.options.marketplaceProgress?.();
    const csrf = allows(c.get('consoleSession').role, 'admin') ? viewerOf(c).csrf : undefined;
    return page(
      c,
      { title: 'Marketplace', section: '/marketplace', ...(failure ? { notice: { kind: 'bad' as const, text: failure } } : {}) },
      <>
        {filling && (
          <p class="notice" role="status">
            {filling}
          </p>
        )}
        <CorpusLink shown={Boolean(deps.options.corpusDir)} />
        <form class="filters" method="get" action="/marketplace" role="search" aria-label="Search modules">
          <div class="field">
            <label for="search-q">Search</label>
            <input type="search" id="search-q" name="q" value={q} placeholder="name, slug or description" />
          </div>
          <div class="field">
            <label for="search-category">Category</label>
            <select id="search-category" name="category">
              <option value="">all</option>
              {categories.map((name) => (
                <option value={name} selected={name.toLowerCase() === category.toLowerCase()}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Search</button>
        </form>
        <p class="muted" role="status">{`${found.length} module${found.length === 1 ? '' : 's'} in ${modules.registry}`}</p>
        <ul class="cards" aria-label="Modules">
          {found.map((module) => (
            <ModuleCard module={module} csrf={csrf} {...(installed.get(module.name) ? { active: installed.get(module.name)! } : {})} />
          ))}
        </ul>
      </>,
    );
  });

  // Admin operations answer with a redirect to the module page and a message.
  app.post('/install', deps.role('admin'), async (c) => {
    const body = await c.req.parseBody();
    const name = packageName(body['name']);
    const version = typeof body['version'] === 'string' && semver.valid(body['version']) ? body['version'] : undefined;
    // The admin's answer to a PLY_SLUG_TAKEN refusal: the package whose module slug this one takes over.
    const replace = packageName(body['replace']) || undefined;
    try {
      const outcome = await modules.install(version ? `${name}@${version}` : name, replace);
      const replaced = replace ? `, replacing ${replace}` : '';
      return redirectWith(c, moduleHref(name), { kind: 'good', text: `${outcome.slug} ${outcome.version} ${outcome.status === 'installed' ? 'installed' : 'was already installed'}${replaced} (integrity and signature verified).` });
    } catch (error) {
      const failure = toPlyError(error);
      const holder = failure.details['holder'];
      if (failure.code === 'PLY_SLUG_TAKEN' && typeof holder === 'string' && isPackageName(holder)) {
        const choice = { name, holder, slug: String(failure.details['slug'] ?? ''), csrf: viewerOf(c).csrf, ...(version ? { version } : {}) };
        return page(c, { title: `Install ${name}`, section: '/marketplace', status: 409, notice: { kind: 'bad', text: `Install refused: ${failure.code}: ${failure.message}` } }, <ReplaceChoice {...choice} />);
      }
      return redirectWith(c, moduleHref(name), { kind: 'bad', text: `Install failed: ${failure.code}: ${failure.message}` });
    }
  });

  app.post('/upgrade', deps.role('admin'), async (c) => {
    const body = await c.req.parseBody();
    const name = packageName(body['name']);
    try {
      const outcome = await modules.upgrade(String(body['slug'] ?? ''));
      const breaking = outcome.breaking.length > 0 ? ` with ${outcome.breaking.length} breaking argument change(s)` : '';
      const text = outcome.status === 'up-to-date' ? `${outcome.slug} ${outcome.version} is already the newest version.` : `${outcome.slug} upgraded from ${outcome.previous ?? '?'} to ${outcome.version}${breaking}.`;
      return redirectWith(c, moduleHref(name), { kind: 'good', text });
    } catch (error) {
      const failure = toPlyError(error);
      return redirectWith(c, moduleHref(name), { kind: 'bad', text: `Upgrade failed: ${failure.code}: ${failure.message}` });
    }
  });

  app.post('/rollback', deps.role('admin'), async (c) => {
    const body = await c.req.parseBody();
    const name = packageName(body['name']);
    try {
      const outcome = await modules.rollback(String(body['slug'] ?? ''));
      return redirectWith(c, moduleHref(name), { kind: 'good', text: `${outcome.slug} rolled back from ${outcome.from} to ${outcome.to}.` });
    } catch (error) {
      const failure = toPlyError(error);
      return redirectWith(c, moduleHref(name), { kind: 'bad', text: `Rollback failed: ${failure.code}: ${failure.message}` });
    }
  });

  app.post('/uninstall', deps.role('admin'), async (c) => {
    const body = await c.req.parseBody();
    const name = packageName(body['name']);
    try {
      const outcome = await modules.uninstall(String(body['slug'] ?? ''));
      return redirectWith(c, moduleHref(name), { kind: 'good', text: `${outcome.slug} uninstalled (removed ${outcome.removed.join(', ')}). Its accounts are kept.` });
    } catch (error) {
      const failure = toPlyError(error);
      return redirectWith(c, moduleHref(name), { kind: 'bad', text: `Uninstall failed: ${failure.code}: ${failure.message}` });
    }
  });

  // Before the module pages: `corpus` is not a package the console can show.
  app.route('/corpus', corpusRoutes(deps, deps.options.corpusDir ? new CorpusCatalogue(deps.options.corpusDir, deps.runtime.ply.settings.coreVersion) : undefined));
  app.route('/', modulePageRoutes(deps));
  return app;
}
