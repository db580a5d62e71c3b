import { Hono } from 'hono';
import type { ConsoleDeps } from './console-app.js';
import type { ConsoleEnv } from './console-env.js';
import { page } from './console-page.js';
import type { CorpusCatalogue } from './corpus-catalogue.js';
import { SchemaTable } from './schema-table.js';

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `/marketplace/corpus`: the Sekoia.io corpus as "metadata only" modules: browsable (what each
 * action takes and returns), not installable (there is no code behind them; `ply import` makes
 * them known to the runtime as metadata-only modules).
 */
export function corpusRoutes(deps: ConsoleDeps, corpus: CorpusCatalogue | undefined): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get('/', deps.role('viewer'), (c) => {
    if (!corpus) return page(c, { title: 'Sekoia.io corpus', section: '/marketplace' }, <p class="notice">No corpus found: set PLY_CORPUS_DIR to a copy of Sekoia.io's automation-library.</p>);
    const q = c.req.query('q') ?? '';
    const found = corpus.search(q);
    const { unreadable } = corpus.all();
    return page(
      c,
      { title: 'Sekoia.io corpus', section: '/marketplace' },
      <>
        <p>
          Sekoia.io's modules as their manifests describe them: <span class="tag">metadata only</span> no code runs them, so they cannot be installed here. Use them to see what an integration offers;{' '}
          <code>ply import {corpus.dir}</code> makes them known to the runtime (validation, documentation).
        </p>
        <form class="filters" method="get" action="/marketplace/corpus" role="search" aria-label="Search the corpus">
          <div class="field">
            <label for="corpus-q">Search</label>
            <input type="search" id="corpus-q" name="q" value={q} placeholder="name, slug, description or category" />
          </div>
          <button type="submit">Search</button>
        </form>
        <p class="muted" role="status">{`${count(found.length, 'module')} in ${corpus.dir}${unreadable ? ` (${unreadable} unreadable folder(s) left out)` : ''}`}</p>
        <ul class="cards" aria-label="Corpus modules">
          {found.map(({ folder, module }) => {
            const kinds = (kind: string) => module.items.filter((item) => item.kind === kind).length;
            return (
              <li class="card">
                <h2>
                  <a href={`/marketplace/corpus/${encodeURIComponent(folder)}`}>{module.manifest.name}</a>
                </h2>
                <p class="muted">
                  <code>{module.manifest.slug}</code> · {module.manifest.version} · <span class="tag">metadata only</span>
                </p>
                {module.manifest.description && <p>{module.manifest.description.slice(0, 180)}</p>}
                <p>{`${count(kinds('action'), 'action')} · ${count(kinds('trigger'), 'trigger')} · ${count(kinds('connector'), 'connector')}`}</p>
              </li>
            );
          })}
        </ul>
      </>,
    );
  });

  app.get('/:folder', deps.role('viewer'), (c) => {
    const entry = corpus?.find(c.req.param('folder'));
    if (!entry) return page(c, { title: 'Not found', section: '/marketplace', status: 404, notice: { kind: 'bad', text: `The corpus has no module folder "${c.req.param('folder')}".` } }, <a href="/marketplace/corpus">Back to the corpus</a>);
    const { module } = entry;
    return page(
      c,
      { title: `${module.manifest.name} (metadata only)`, section: '/marketplace' },
      <>
        <p>
          <code>{module.manifest.slug}</code> {module.manifest.version} · <span class="tag">metadata only</span> · from the Sekoia.io corpus, not installable
        </p>
        {module.manifest.description && <p>{module.manifest.description}</p>}
        <SchemaTable schema={module.manifest.configuration} caption="Account configuration" />
        {module.items.map((item) => (
          <section>
            <h2>{`${item.name} (${item.kind})`}</h2>
            {item.description && <p>{item.description}</p>}
            <SchemaTable schema={item.arguments} caption="Arguments" />
          </section>
        ))}
        <p>
          <a href="/marketplace/corpus">Back to the corpus</a>
        </p>
      </>,
    );
  });

  return app;
}
