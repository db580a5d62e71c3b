import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildModuleFiles, defineModule } from '../src/index.js';
import { createTestPly, plyErrorOf, startFakeServer, type FakeServer } from '@ply/kit/testing';

// A vendor that counts per second (Shodan) is declared with `http.rateLimit`; these tests use a
// window of a minute, so "the second request waits" is a fact of the run, not of a stopwatch.
let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

const configuration = z.object({ base_url: z.string(), per_minute: z.int() });

function pagedModule() {
  return defineModule({
    uuid: '0b7f2d6e-0000-4c57-9d7e-0000000001a0',
    slug: 'acme',
    name: 'Acme Intel',
    description: 'A REST API counting requests per account',
    categories: ['Threat Intelligence'],
    configuration,
    engines: { ply: '>=0.1.0' },
    http: { baseUrl: (config) => config.base_url, rateLimit: (config) => ({ maxRequests: config.per_minute, perMs: 60_000 }) },
  });
}

function pagedPlugin() {
  const acme = pagedModule();
  return acme.plugin({
    actions: [
      acme.restAction({
        uuid: '0b7f2d6e-0000-4c57-9d7e-0000000001a1',
        slug: 'search',
        name: 'Search',
        description: 'Two pages',
        docker_parameters: 'acme_search',
        method: 'GET',
        path: 'search',
        arguments: z.object({}),
        results: z.looseObject({}),
        paging: { kind: 'page', param: 'page', size: 1, items: 'matches' },
      }),
      // A hand-written call of the same module: it waits in the same window as the REST action.
      acme.action({
        uuid: '0b7f2d6e-0000-4c57-9d7e-0000000001a2',
        slug: 'first_page',
        name: 'First page',
        description: 'One module.request',
        docker_parameters: 'acme_first_page',
        arguments: z.object({}),
        results: z.looseObject({}),
        run: async (ctx) => (await acme.request(ctx, { path: 'search', query: { page: 1 } })).body as Record<string, unknown>,
      }),
    ],
  });
}

async function pagingVendor(): Promise<{ url: string; pages: string[] }> {
  const pages: string[] = [];
  const app = new Hono();
  app.get('/search', (c) => {
    const page = c.req.query('page') ?? '';
    pages.push(page);
    return c.json({ matches: page === '2' ? [] : [{ page }] });
  });
  const server = await startFakeServer(app.fetch);
  servers.push(server);
  return { url: server.url, pages };
}

describe("REST declarations: the vendor's request rate", () => {
  it('sends every request an account may send within its window', async () => {
    const api = await pagingVendor();
    const { ply } = createTestPly({ plugins: [{ plugin: pagedPlugin() }] });
    const run = await ply.run({ action: 'acme.search', arguments: {}, configuration: { base_url: api.url, per_minute: 2 } });
    expect(run.results).toEqual({ matches: [{ page: '1' }] });
    expect(api.pages).toEqual(['1', '2']);
  });

  it('holds the request past the rate until the window frees it (the run deadline ends the wait here)', async () => {
    const api = await pagingVendor();
    const { ply } = createTestPly({ plugins: [{ plugin: pagedPlugin() }] });
    const error = await plyErrorOf(ply.run({ action: 'acme.search', arguments: {}, configuration: { base_url: api.url, per_minute: 1 }, timeoutMs: 1_000 }));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
    expect(api.pages).toEqual(['1']);
  });

  it("paces module.request in the account's window too", async () => {
    const api = await pagingVendor();
    const { ply } = createTestPly({ plugins: [{ plugin: pagedPlugin() }] });
    const account = { base_url: api.url, per_minute: 1 };
    expect((await ply.run({ action: 'acme.first_page', arguments: {}, configuration: account })).results).toEqual({ matches: [{ page: '1' }] });
    const held = await plyErrorOf(ply.run({ action: 'acme.first_page', arguments: {}, configuration: account, timeoutMs: 1_000 }));
    expect(held.code).toBe('PLY_ACTION_TIMEOUT');
    expect(api.pages).toEqual(['1']);
  });

  it('paces each account on its own', async () => {
    const api = await pagingVendor();
    const { ply } = createTestPly({ plugins: [{ plugin: pagedPlugin() }] });
    const first = { base_url: api.url, per_minute: 1 };
    await plyErrorOf(ply.run({ action: 'acme.search', arguments: {}, configuration: first, timeoutMs: 1_000 }));
    // Another account (another configuration) has its own window: its first request goes at once.
    const other = await plyErrorOf(ply.run({ action: 'acme.search', arguments: {}, configuration: { ...first, base_url: `${api.url}?` }, timeoutMs: 1_000 }));
    expect(other.code).toBe('PLY_ACTION_TIMEOUT');
    expect(api.pages).toEqual(['1', '1']);
  });
});

describe('REST declarations: lists in the query', () => {
  it('sends a list marked explode: false as one comma-separated value, and repeats the key otherwise', async () => {
    const seen: string[] = [];
    const app = new Hono();
    app.get('/resolve', (c) => {
      seen.push(new URL(c.req.url).search);
      return c.json({});
    });
    const server = await startFakeServer(app.fetch);
    servers.push(server);
    const acme = defineModule({ uuid: '0b7f2d6e-0000-4c57-9d7e-0000000001c0', slug: 'acme', name: 'Acme', description: 'Lists', categories: ['Threat Intelligence'], configuration: z.object({ base_url: z.string() }), engines: { ply: '>=0.1.0' }, http: { baseUrl: (config) => config.base_url } });
    const plugin = acme.plugin({
      actions: [
        acme.restAction({
          uuid: '0b7f2d6e-0000-4c57-9d7e-0000000001c1',
          slug: 'resolve',
          name: 'Resolve',
          description: 'Two list styles',
          docker_parameters: 'acme_resolve',
          method: 'GET',
          path: 'resolve',
          arguments: z.object({ hostnames: z.array(z.string()).meta({ in: 'query', explode: false }), tags: z.array(z.string()) }),
          results: z.looseObject({}),
        }),
      ],
    });
    const { ply } = createTestPly({ plugins: [{ plugin }] });
    await ply.run({ action: 'acme.resolve', arguments: { hostnames: ['a.example', 'b.example'], tags: ['x', 'y'] }, configuration: { base_url: server.url } });
    expect(seen).toEqual(['?hostnames=a.example%2Cb.example&tags=x&tags=y']);
  });
});

describe('item outputs', () => {
  it("writes an action's named outcomes into its JSON file", () => {
    const acme = defineModule({ uuid: '0b7f2d6e-0000-4c57-9d7e-0000000001b0', slug: 'acme', name: 'Acme', description: 'Outputs', categories: ['Threat Intelligence'], configuration: z.object({}), engines: { ply: '>=0.1.0' } });
    const plugin = acme.plugin({
      actions: [
        acme.action({
          uuid: '0b7f2d6e-0000-4c57-9d7e-0000000001b1',
          slug: 'scan',
          name: 'Scan',
          description: 'Says which outcome it took',
          docker_parameters: 'acme_scan',
          arguments: z.object({}),
          results: z.object({ verdict: z.enum(['detected', 'not detected']) }),
          outputs: { detected: 'Detected by an engine', 'not detected': 'Detected by none' },
          run: () => ({ verdict: 'detected' as const }),
        }),
      ],
    });
    const file = JSON.parse(buildModuleFiles(plugin, '1.0.0').get('action_scan.json')!) as Record<string, unknown>;
    expect(file['outputs']).toEqual({ detected: 'Detected by an engine', 'not detected': 'Detected by none' });
  });
});
