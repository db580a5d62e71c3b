import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { createTestPly, plyErrorOf } from '@ply/kit/testing';
import { defineModule, type AuthScheme, type PluginDefinition } from '../src/index.js';
import { useRecordingVendors } from './recording-vendor.js';

const vendor = useRecordingVendors();

const KEY = 'Vendor-Key+42/secret';
const configuration = z.object({ base_url: z.string(), api_key: z.string().meta({ secret: true }) });

function moduleWith(auth?: AuthScheme<z.output<typeof configuration>>, errorMessage?: (body: unknown) => string | undefined) {
  return defineModule({
    uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000a0',
    slug: 'acme',
    name: 'Acme Intel',
    description: 'A REST API',
    categories: ['Threat Intelligence'],
    configuration,
    engines: { ply: '>=0.1.0' },
    http: { baseUrl: (config) => config.base_url, ...(auth ? { auth } : {}), ...(errorMessage ? { errorMessage } : {}) },
  });
}

const anyResult = z.looseObject({});

async function run(plugin: PluginDefinition, action: string, args: Record<string, unknown>, config: Record<string, unknown>) {
  const { ply, logs } = createTestPly({ plugins: [{ plugin }] });
  return { result: await ply.run({ action: `acme.${action}`, arguments: args, configuration: config }), logs, ply };
}

describe('REST declarations: where arguments go', () => {
  it('fills the path, the query (renamed), headers and the JSON body; a GET sends unmarked arguments in the query', async () => {
    const api = await vendor((app) => {
      app.get('/v1/hosts/:ip', (c) => c.json({ ip: c.req.param('ip') }));
      app.post('/v1/tickets', async (c) => c.json({ created: await c.req.json() }, 201));
      app.patch('/v1/tickets/:id', async (c) => c.json({ updated: await c.req.json() }));
    });
    const acme = moduleWith({ type: 'bearer', token: (config) => config.api_key });
    const getHost = acme.restAction({
      uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000a1',
      slug: 'get_host',
      name: 'Get host',
      description: 'A host',
      docker_parameters: 'acme_get_host',
      method: 'GET',
      path: '/v1/hosts/{ip}',
      arguments: z.object({ ip: z.string(), history: z.boolean().default(false), minify: z.boolean().optional().meta({ in: 'query', name: 'min' }), trace: z.string().optional().meta({ in: 'header', name: 'X-Trace' }) }),
      results: anyResult,
    });
    const createTicket = acme.restAction({
      uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000a2',
      slug: 'create_ticket',
      name: 'Create ticket',
      description: 'A ticket',
      docker_parameters: 'acme_create_ticket',
      method: 'POST',
      path: 'v1/tickets',
      arguments: z.object({ title: z.string(), assignee: z.string().nullable().optional(), dry_run: z.boolean().optional().meta({ in: 'query' }) }),
      results: anyResult,
    });
    const plugin = acme.plugin({ actions: [getHost, createTicket] });
    const config = { base_url: `${api.url}/`, api_key: KEY };

    const host = await run(plugin, 'get_host', { ip: 'fe80::1 eth0', minify: true, trace: 't-1' }, config);
    expect(host.result.results).toEqual({ ip: 'fe80::1 eth0' });
    expect(api.received[0]).toMatchObject({ method: 'GET', path: '/v1/hosts/fe80%3A%3A1%20eth0', query: { history: ['false'], min: ['true'] } });
    expect(api.received[0]!.headers).toMatchObject({ authorization: `Bearer ${KEY}`, 'x-trace': 't-1', accept: 'application/json' });

    await run(plugin, 'create_ticket', { title: 'Phishing', assignee: null, dry_run: true }, config);
    expect(api.received[1]).toMatchObject({ method: 'POST', path: '/v1/tickets', query: { dry_run: ['true'] } });
    expect(JSON.parse(api.received[1]!.body)).toEqual({ title: 'Phishing', assignee: null });

    // A body built from the arguments: the record's fields are themselves an argument.
    const update = acme.restAction({
      uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000a5',
      slug: 'update_ticket',
      name: 'Update ticket',
      description: 'A record',
      docker_parameters: 'acme_update_ticket',
      method: 'PATCH',
      path: 'v1/tickets/{id}',
      arguments: z.object({ id: z.string(), fields: z.record(z.string(), z.unknown()) }),
      results: anyResult,
      body: (args) => ({ ...args.fields, updated_by: 'ply' }),
    });
    await run(acme.plugin({ actions: [update] }), 'update_ticket', { id: 'T-1', fields: { state: 'closed' } }, config);
    expect(api.received[2]).toMatchObject({ method: 'PATCH', path: '/v1/tickets/T-1' });
    expect(JSON.parse(api.received[2]!.body)).toEqual({ state: 'closed', updated_by: 'ply' });
  });

  it('sends form arguments form-encoded, and writes Sekoia-style "in" markers into the generated JSON', async () => {
    const api = await vendor((app) => app.post('/token-info', async (c) => c.json({ got: Object.fromEntries(new URLSearchParams(await c.req.text())) })));
    const acme = moduleWith();
    const introspect = acme.restAction({
      uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000a3',
      slug: 'introspect',
      name: 'Introspect',
      description: 'Form body',
      docker_parameters: 'acme_introspect',
      method: 'POST',
      path: 'token-info',
      arguments: z.object({ token: z.string().meta({ in: 'form' }), tags: z.array(z.string()).meta({ in: 'form' }) }),
      results: anyResult,
    });
    const plugin = acme.plugin({ actions: [introspect] });
    const { result, ply } = await run(plugin, 'introspect', { token: 'abc', tags: ['a', 'b'] }, { base_url: api.url, api_key: KEY });
    expect(result.results).toEqual({ got: { token: 'abc', tags: 'b' } });
    expect(api.received[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(api.received[0]!.body).toBe('token=abc&tags=a&tags=b');
    const { item } = ply.catalog.find('action', 'acme.introspect');
    expect((item.arguments['properties'] as Record<string, { in?: string }>)['token']!.in).toBe('form');
  });

  it('places the arguments as the declaration prepares them (a domain the vendor matches in lower case)', async () => {
    const api = await vendor((app) => app.get('/v1/domains/:domain', (c) => c.json({ domain: c.req.param('domain'), tld: c.req.query('tld') })));
    const acme = moduleWith();
    const getDomain = acme.restAction({
      uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000a4',
      slug: 'get_domain',
      name: 'Get domain',
      description: 'A domain',
      docker_parameters: 'acme_get_domain',
      method: 'GET',
      path: 'v1/domains/{domain}',
      arguments: z.object({ domain: z.string(), tld: z.string().optional() }),
      prepare: (args) => ({ ...args, domain: args.domain.toLowerCase(), tld: args.domain.split('.').at(-1)!.toLowerCase() }),
      results: anyResult,
      notFound: (args) => `domain ${args.domain}`,
    });
    const plugin = acme.plugin({ actions: [getDomain] });
    const { result } = await run(plugin, 'get_domain', { domain: 'WWW.Example.COM' }, { base_url: api.url, api_key: KEY });
    expect(result.results).toEqual({ domain: 'www.example.com', tld: 'com' });
    expect(api.received[0]).toMatchObject({ path: '/v1/domains/www.example.com', query: { tld: ['com'] } });
    // What ran is what was given: the recorded arguments are the validated ones, not the prepared ones.
    expect(result.arguments).toEqual({ domain: 'WWW.Example.COM' });
  });

  it('refuses a declaration whose path names a non-path argument or mixes JSON and form bodies', async () => {
    const acme = moduleWith();
    const bad = acme.restAction({
      uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000a4',
      slug: 'bad',
      name: 'Bad',
      description: 'x',
      docker_parameters: 'acme_bad',
      method: 'POST',
      path: 'v1/{id}',
      arguments: z.object({ id: z.string().meta({ in: 'query' }), a: z.string().meta({ in: 'body' }), b: z.string().meta({ in: 'form' }) }),
      results: anyResult,
    });
    const error = await plyErrorOf(run(acme.plugin({ actions: [bad] }), 'bad', { id: '1', a: 'x', b: 'y' }, { base_url: 'http://127.0.0.1:9/', api_key: KEY }));
    expect(error.code).toBe('PLY_MANIFEST_INVALID');
    expect(error.message).toContain('the path names {id}, which is not a path argument');
  });
});

describe('REST declarations: authentication', () => {
  const echo = (auth: AuthScheme<z.output<typeof configuration>>) => {
    const acme = moduleWith(auth);
    return acme.plugin({
      actions: [
        acme.restAction({ uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000b1', slug: 'me', name: 'Me', description: 'x', docker_parameters: 'acme_me', method: 'GET', path: 'me', arguments: z.object({}), results: anyResult }),
      ],
    });
  };

  it('puts the key in a header (with its prefix), in the query, or in HTTP Basic', async () => {
    const api = await vendor((app) => app.get('/me', (c) => c.json({ ok: true })));
    const config = { base_url: api.url, api_key: KEY };
    await run(echo({ type: 'header', name: 'X-Key', value: (c) => c.api_key, prefix: 'Token ' }), 'me', {}, config);
    await run(echo({ type: 'query', name: 'key', value: (c) => c.api_key }), 'me', {}, config);
    await run(echo({ type: 'basic', username: () => 'analyst', password: (c) => c.api_key }), 'me', {}, config);
    expect(api.received[0]!.headers['x-key']).toBe(`Token ${KEY}`);
    expect(api.received[1]!.query['key']).toEqual([KEY]);
    expect(api.received[2]!.headers['authorization']).toBe(`Basic ${Buffer.from(`analyst:${KEY}`).toString('base64')}`);
  });

  it("sends each run to its own account's base URL and key, accounts alternating in one runtime", async () => {
    const first = await vendor((app) => app.get('/me', (c) => c.json({ ok: true })));
    const second = await vendor((app) => app.get('/me', (c) => c.json({ ok: true })));
    const { ply } = createTestPly({ plugins: [{ plugin: echo({ type: 'query', name: 'key', value: (c) => c.api_key }) }] });
    for (const [base_url, api_key] of [[first.url, 'key-one'], [second.url, 'key-two'], [first.url, 'key-three']] as const) {
      await ply.run({ action: 'acme.me', arguments: {}, configuration: { base_url, api_key } });
    }
    expect(first.received.map((hit) => [hit.path, hit.query])).toEqual([['/me', { key: ['key-one'] }], ['/me', { key: ['key-three'] }]]);
    expect(second.received.map((hit) => [hit.path, hit.query])).toEqual([['/me', { key: ['key-two'] }]]);
  });

  it('caches an OAuth2 client-credentials token per account, and fetches a new one when refused', async () => {
    let issued = 0;
    const api = await vendor((app) => {
      app.post('/oauth/token', async (c) => {
        const form = new URLSearchParams(await c.req.text());
        if (form.get('grant_type') !== 'client_credentials' || form.get('client_secret') !== KEY) return c.json({ error: 'invalid_client' }, 401);
        issued += 1;
        return c.json({ access_token: `token-${issued}`, token_type: 'Bearer', expires_in: 3600 });
      });
      // The first token is revoked after its first use.
      let uses = 0;
      app.get('/me', (c) => {
        const token = c.req.header('authorization');
        if (token === 'Bearer token-1' && ++uses > 1) return c.json({ message: 'token revoked' }, 401);
        return c.json({ token });
      });
    });
    const plugin = echo({ type: 'oauth2-client-credentials', tokenUrl: (c) => `${c.base_url}/oauth/token`, clientId: () => 'ply', clientSecret: (c) => c.api_key, scope: () => 'read' });
    const { ply } = createTestPly({ plugins: [{ plugin }] });
    const config = { base_url: api.url, api_key: KEY };
    const first = await ply.run({ action: 'acme.me', configuration: config });
    const second = await ply.run({ action: 'acme.me', configuration: config });
    expect([first.results, second.results]).toEqual([{ token: 'Bearer token-1' }, { token: 'Bearer token-2' }]);
    expect(api.received.filter((r) => r.path === '/oauth/token').map((r) => new URLSearchParams(r.body).get('scope'))).toEqual(['read', 'read']);
    expect(api.received.map((r) => r.path)).toEqual(['/oauth/token', '/me', '/me', '/oauth/token', '/me']);
    const refused = await plyErrorOf(ply.run({ action: 'acme.me', configuration: { base_url: api.url, api_key: 'wrong-secret-123' } }));
    expect(refused.message).toMatch(/the token endpoint refused the client credentials \(HTTP 401\)/);
    expect(refused.message).not.toContain('wrong-secret-123');
  });
});

describe('REST declarations: paging', () => {
  const numbers = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ n: from + i }));

  function searchAction(paging: Parameters<ReturnType<typeof moduleWith>['restAction']>[0]['paging'], extra: Record<string, z.ZodType> = {}, map?: { wrap: string }) {
    const acme = moduleWith();
    return acme.plugin({
      actions: [
        acme.restAction({
          uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000c1',
          slug: 'search',
          name: 'Search',
          description: 'Pages',
          docker_parameters: 'acme_search',
          method: 'GET',
          path: 'search',
          arguments: z.object({ q: z.string(), ...extra }),
          results: anyResult,
          ...(paging ? { paging } : {}),
          ...(map ? { map } : {}),
        }),
      ],
    });
  }

  it('pages by number until a short page and concatenates the items into the first body', async () => {
    const api = await vendor((app) => app.get('/search', (c) => {
      const page = Number(c.req.query('page'));
      return c.json({ total: 5, matches: numbers((page - 1) * 2, page < 3 ? 2 : 1) });
    }));
    const { result } = await run(searchAction({ kind: 'page', param: 'page', size: 2, sizeParam: 'size', items: 'matches' }), 'search', { q: 'x' }, { base_url: api.url, api_key: KEY });
    expect(result.results).toEqual({ total: 5, matches: numbers(0, 5) });
    expect(api.received.map((r) => [r.query['page']?.[0], r.query['size']?.[0], r.query['q']?.[0]])).toEqual([['1', '2', 'x'], ['2', '2', 'x'], ['3', '2', 'x']]);
  });

  it('follows offsets, cursors, Link headers and next URLs', async () => {
    const api = await vendor((app) => {
      app.get('/search', (c) => {
        const offset = Number(c.req.query('offset') ?? 0);
        const cursor = c.req.query('cursor');
        if (c.req.query('q') === 'offset') return c.json({ data: numbers(offset, offset < 4 ? 2 : 0) });
        if (c.req.query('q') === 'cursor') return c.json({ results: numbers(Number(cursor ?? 0), 1), next: cursor === '2' ? null : String(Number(cursor ?? 0) + 1) });
        const page = Number(c.req.query('p') ?? 1);
        if (c.req.query('q') === 'link') {
          if (page < 3) c.header('link', `<${api.url}/search?q=link&p=${page + 1}>; rel="next", <${api.url}/search?q=link&p=1>; rel="first"`);
          return c.json([{ page }]);
        }
        return c.json({ value: [{ page }], '@odata.nextLink': page < 2 ? `/search?q=next&p=${page + 1}` : undefined });
      });
    });
    const config = { base_url: api.url, api_key: KEY };
    expect((await run(searchAction({ kind: 'offset', offsetParam: 'offset', limitParam: 'limit', limit: 2, items: 'data' }), 'search', { q: 'offset' }, config)).result.results).toEqual({ data: numbers(0, 4) });
    expect((await run(searchAction({ kind: 'cursor', param: 'cursor', next: 'next', items: 'results' }), 'search', { q: 'cursor' }, config)).result.results).toEqual({ results: numbers(0, 3), next: '1' });
    const linked = await run(searchAction({ kind: 'link' }, {}, { wrap: 'items' }), 'search', { q: 'link' }, config);
    expect(linked.result.results).toEqual({ items: [{ page: 1 }, { page: 2 }, { page: 3 }] });
    expect((await run(searchAction({ kind: 'next-url', next: '@odata.nextLink', items: 'value' }), 'search', { q: 'next' }, config)).result.results).toMatchObject({ value: [{ page: 1 }, { page: 2 }] });
  });

  it('stops at max_pages from the arguments and says so in the log', async () => {
    const api = await vendor((app) => app.get('/search', (c) => c.json({ matches: numbers(Number(c.req.query('page')) * 10, 10) })));
    const plugin = searchAction({ kind: 'page', param: 'page', items: 'matches', maxPages: (args) => (args as { max_pages?: number }).max_pages }, { max_pages: z.number().int().default(2).meta({ in: 'body' }) });
    // max_pages is not sent: a GET declaring it in the body is refused, so it is read only by the paging.
    const error = await plyErrorOf(run(plugin, 'search', { q: 'x', max_pages: 2 }, { base_url: api.url, api_key: KEY }));
    expect(error.message).toContain('a GET request cannot carry body arguments');
    const acme = moduleWith();
    const bounded = acme.plugin({
      actions: [
        acme.restAction({
          uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000c2',
          slug: 'search',
          name: 'Search',
          description: 'Pages',
          docker_parameters: 'acme_search',
          method: 'GET',
          path: 'search',
          arguments: z.object({ q: z.string(), max_pages: z.number().int().default(2).meta({ in: 'none' }) }),
          results: anyResult,
          paging: { kind: 'page', param: 'page', items: 'matches', maxPages: (args) => args.max_pages },
        }),
      ],
    });
    const { result, logs } = await run(bounded, 'search', { q: 'x', max_pages: 3 }, { base_url: api.url, api_key: KEY });
    expect((result.results as { matches: unknown[] }).matches).toHaveLength(30);
    expect(api.received).toHaveLength(3);
    expect(api.received.every((request) => request.query['max_pages'] === undefined)).toBe(true);
    const lines = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((line) => line['msg'] === 'paging stopped at its page bound; the vendor has more' && line['pages'] === 3)).toBe(true);
  });

  it('streams every item of every page to one results file', async () => {
    const api = await vendor((app) => app.get('/search', (c) => {
      const page = Number(c.req.query('page'));
      return c.json({ matches: page <= 3 ? numbers(page * 100, 100) : [] });
    }));
    const plugin = searchAction({ kind: 'page', param: 'page', items: 'matches', maxPages: 10, collect: { file: 'result_path' } });
    const { ply } = createTestPly({ plugins: [{ plugin }] });
    const result = await ply.run({ action: 'acme.search', arguments: { q: 'x' }, configuration: { base_url: api.url, api_key: KEY }, runId: 'paging-file' });
    const { result_path: path, count } = result.results as { result_path: string; count: number };
    expect(count).toBe(300);
    expect(JSON.parse(readFileSync(join(ply.settings.home, 'runs', 'paging-file', path), 'utf8'))).toEqual(numbers(100, 300));
  });
});

describe('REST declarations: what the vendor refuses', () => {
  function lookup(options: { notFound?: (args: { ip: string }) => string; acceptStatus?: number[]; errorMessage?: (body: unknown) => string | undefined; method?: 'GET' | 'POST' } = {}) {
    const acme = moduleWith({ type: 'query', name: 'key', value: (c) => c.api_key }, options.errorMessage);
    return acme.plugin({
      actions: [
        acme.restAction({
          uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000d1',
          slug: 'lookup',
          name: 'Lookup',
          description: 'x',
          docker_parameters: 'acme_lookup',
          method: options.method ?? 'GET',
          path: 'hosts/{ip}',
          arguments: z.object({ ip: z.string() }),
          results: anyResult,
          ...(options.notFound ? { notFound: options.notFound } : {}),
          ...(options.acceptStatus ? { acceptStatus: options.acceptStatus } : {}),
        }),
      ],
    });
  }
  const statusServer = (status: number, body: unknown) => vendor((app) => app.all('/hosts/:ip', (c) => c.json(body as object, status as 401)));

  it('says the credentials were refused on 401 and 403, never quoting them (raw or URL-encoded)', async () => {
    const api = await statusServer(401, { error: `Invalid API key ${KEY}` });
    const { ply, logs } = createTestPly({ plugins: [{ plugin: lookup() }] });
    const error = await plyErrorOf(ply.run({ action: 'acme.lookup', arguments: { ip: '1.2.3.4' }, configuration: { base_url: api.url, api_key: KEY } }));
    expect(error.message).toMatch(/^Acme Intel refused the credentials of the account \(HTTP 401: Invalid API key \[REDACTED\]\)$/);
    const everything = JSON.stringify([error.message, error.details, logs.lines]);
    for (const form of [KEY, encodeURIComponent(KEY)]) expect(everything).not.toContain(form);
  });

  it('names what was not found on 404, or takes 404 as an answer when declared so', async () => {
    const api = await statusServer(404, { error: 'No information available for that IP.' });
    const config = { base_url: api.url, api_key: KEY };
    const error = await plyErrorOf(run(lookup({ notFound: (args) => `host ${args.ip}` }), 'lookup', { ip: '1.2.3.4' }, config));
    expect(error.message).toBe('host 1.2.3.4 was not found at Acme Intel (HTTP 404: No information available for that IP.)');
    expect((await run(lookup({ acceptStatus: [404] }), 'lookup', { ip: '1.2.3.4' }, config)).result.results).toEqual({ error: 'No information available for that IP.' });
  });

  it('reads the vendor message with the module reader, and reports a body that is not JSON', async () => {
    const api = await vendor((app) => {
      app.get('/hosts/1.1.1.1', (c) => c.json({ problems: [{ text: 'quota exceeded' }] }, 402 as never));
      app.get('/hosts/2.2.2.2', (c) => c.text('<html>oops</html>', 200));
    });
    const config = { base_url: api.url, api_key: KEY };
    const plugin = lookup({ errorMessage: (body) => (body as { problems?: Array<{ text: string }> }).problems?.[0]?.text });
    expect((await plyErrorOf(run(plugin, 'lookup', { ip: '1.1.1.1' }, config))).message).toBe(`GET ${api.url}/hosts/1.1.1.1 answered HTTP 402: quota exceeded (1 attempt)`);
    const malformed = await plyErrorOf(run(plugin, 'lookup', { ip: '2.2.2.2' }, config));
    expect(malformed).toMatchObject({ code: 'PLY_VENDOR_RESPONSE_INVALID', message: `${api.url}/hosts/2.2.2.2 answered HTTP 200 with a body that is not JSON` });
  });

  it('waits for Retry-After on 429, retries a GET on 5xx, but sends a POST once', async () => {
    let calls = 0;
    const api = await vendor((app) => app.all('/hosts/:ip', (c) => {
      calls += 1;
      if (c.req.param('ip') === 'limited' && calls === 1) return c.json({ error: 'slow down' }, 429, { 'retry-after': '0' });
      if (c.req.param('ip') === 'down') return c.json({ error: 'unavailable' }, 503);
      return c.json({ ok: true });
    }));
    const config = { base_url: api.url, api_key: KEY };
    const limited = await run(lookup(), 'lookup', { ip: 'limited' }, config);
    expect(limited.result.results).toEqual({ ok: true });
    // The HTTP client's logger is made on its first line: still the run's, with the run's bindings.
    const retried = limited.logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'HTTP request failed, retrying');
    expect(retried).toMatchObject({ runId: limited.result.runId, module: 'acme', action: 'lookup', status: 429 });
    calls = 0;
    const getDown = await plyErrorOf(run(lookup(), 'lookup', { ip: 'down' }, config));
    expect([getDown.details['attempts'], calls]).toEqual([4, 4]);
    calls = 0;
    const postDown = await plyErrorOf(run(lookup({ method: 'POST' }), 'lookup', { ip: 'down' }, config));
    expect([postDown.details['attempts'], calls]).toEqual([1, 1]);
  });
});

describe('REST declarations: DELETE after a lost answer', () => {
  const remover = () => {
    const acme = moduleWith({ type: 'bearer', token: (c) => c.api_key });
    return acme.plugin({
      actions: [
        acme.restAction({
          uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000e1',
          slug: 'remove',
          name: 'Remove',
          description: 'x',
          docker_parameters: 'acme_remove',
          method: 'DELETE',
          path: 'hosts/{id}',
          arguments: z.object({ id: z.string() }),
          results: anyResult,
        }),
      ],
    });
  };

  it('counts a 404 answered to the retry of a DELETE as done (the first attempt deleted it), but not a first 404', async () => {
    const hosts = new Set(['h1', 'h2']);
    let first = true;
    const api = await vendor((app) =>
      app.delete('/hosts/:id', (c) => {
        const known = hosts.delete(c.req.param('id'));
        // The first DELETE of h1 works, but its answer is lost in a gateway error.
        if (first && c.req.param('id') === 'h1') {
          first = false;
          return c.json({ error: 'bad gateway' }, 502);
        }
        return known ? c.body(null, 204) : c.json({ error: 'no such host' }, 404);
      }),
    );
    const config = { base_url: api.url, api_key: KEY };
    expect((await run(remover(), 'remove', { id: 'h1' }, config)).result.results).toEqual({});
    expect(api.received.filter((request) => request.path === '/hosts/h1')).toHaveLength(2);
    const error = await plyErrorOf(run(remover(), 'remove', { id: 'h3' }, config));
    expect([error.code, error.details['status']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 404]);
  });
});

describe('typed modules', () => {
  it('types ctx.config as the configuration output and maps results with pick, rename and wrap', async () => {
    const api = await vendor((app) => app.get('/v1/me', (c) => c.json({ id: 7, display_name: 'SOC', plan: 'pro', internal: 'x' })));
    const acme = moduleWith();
    const whoami = acme.action({
      uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000e1',
      slug: 'whoami',
      name: 'Who am I',
      description: 'Hand-written run',
      docker_parameters: 'acme_whoami',
      arguments: z.object({}),
      results: z.object({ base: z.string() }),
      run: (ctx) => {
        expectTypeOf(ctx.config).toEqualTypeOf<{ base_url: string; api_key: string }>();
        return { base: ctx.config.base_url };
      },
    });
    const profile = acme.restAction({
      uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000e2',
      slug: 'profile',
      name: 'Profile',
      description: 'Mapped',
      docker_parameters: 'acme_profile',
      method: 'GET',
      path: 'v1/me',
      arguments: z.object({}),
      results: z.object({ profile: z.object({ id: z.number(), name: z.string() }) }),
      map: { pick: ['id', 'display_name'], rename: { display_name: 'name' }, wrap: 'profile' },
    });
    const plugin = acme.plugin({ actions: [whoami, profile] });
    const config = { base_url: api.url, api_key: KEY };
    expect((await run(plugin, 'whoami', {}, config)).result.results).toEqual({ base: api.url });
    expect((await run(plugin, 'profile', {}, config)).result.results).toEqual({ profile: { id: 7, name: 'SOC' } });
  });

  it('refuses two items with the same docker_parameters', () => {
    const acme = moduleWith();
    const item = { uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000e3', name: 'X', description: 'x', docker_parameters: 'same', arguments: z.object({}), results: z.object({}), run: () => ({}) };
    expect(() => acme.plugin({ actions: [acme.action({ ...item, slug: 'one' }), acme.action({ ...item, slug: 'two' })] })).toThrow(/actions one and two share docker_parameters "same"/);
  });

  it("checks an account with the module's validation call: accepted, refused, or no check at all", async () => {
    const api = await vendor((app) => app.get('/account/profile', (c) => (c.req.query('key') === KEY ? c.json({ member: true }) : c.json({ error: 'Please provide a valid API key' }, 401))));
    const acme = defineModule({
      uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000f1',
      slug: 'acme',
      name: 'Acme Intel',
      description: 'A REST API',
      categories: ['Threat Intelligence'],
      configuration,
      engines: { ply: '>=0.1.0' },
      http: { baseUrl: (config) => config.base_url, auth: { type: 'query', name: 'key', value: (config) => config.api_key } },
      check: { path: 'account/profile' },
    });
    const { ply } = createTestPly({ plugins: [{ plugin: acme.plugin({}) }] });
    await expect(ply.checkCredentials({ module: 'acme', configuration: { base_url: api.url, api_key: KEY } })).resolves.toBeUndefined();
    const refused = await plyErrorOf(ply.checkCredentials({ module: 'acme', configuration: { base_url: api.url, api_key: 'not-the-key-999' } }));
    expect(refused.message).toBe('Acme Intel refused the credentials of the account (HTTP 401: Please provide a valid API key)');
    const none = createTestPly({ plugins: [{ plugin: moduleWith().plugin({}) }] });
    expect((await plyErrorOf(none.ply.checkCredentials({ module: 'acme', configuration: { base_url: api.url, api_key: KEY } }))).code).toBe('PLY_NO_IMPLEMENTATION');
  });
});

describe('module.request: hand-written calls under the module http', () => {
  it('shares the OAuth token of the account, follows an absolute link on the same origin, and refuses one elsewhere', async () => {
    let issued = 0;
    const api = await vendor((app) => {
      app.post('/oauth/token', (c) => c.json({ access_token: `token-${++issued}`, token_type: 'Bearer', expires_in: 3600 }));
      app.get('/v1/items', (c) => c.json({ page: c.req.query('page') ?? '1', token: c.req.header('authorization'), next: `${new URL(c.req.url).origin}/v1/items?page=2` }));
      app.patch('/v1/items/:id', async (c) => c.json({ id: c.req.param('id'), set: await c.req.json() }));
    });
    const acme = moduleWith({ type: 'oauth2-client-credentials', tokenUrl: (c) => `${c.base_url.replace(/\/$/, '')}/oauth/token`, clientId: () => 'ply', clientSecret: (c) => c.api_key });
    const walk = acme.action({
      uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000c1',
      slug: 'walk',
      name: 'Walk',
      description: 'Two pages, then a change, by hand',
      docker_parameters: 'acme_walk',
      arguments: z.object({ id: z.string(), elsewhere: z.string().optional() }),
      results: anyResult,
      async run(ctx, args) {
        const first = await acme.request(ctx, { path: 'v1/items' });
        const second = await acme.request(ctx, { path: String((first.body as { next: string }).next) });
        if (args.elsewhere) await acme.request(ctx, { path: args.elsewhere });
        const changed = await acme.request(ctx, { method: 'PATCH', path: `v1/items/${encodeURIComponent(args.id)}`, json: { enabled: false }, query: { dry: false } });
        return { pages: [first.body, second.body], changed: changed.body, status: changed.status };
      },
    });
    const plugin = acme.plugin({ actions: [walk] });
    const config = { base_url: `${api.url}/`, api_key: KEY };
    const { result } = await run(plugin, 'walk', { id: 'a/b' }, config);
    expect(result.results).toEqual({
      pages: [expect.objectContaining({ page: '1', token: 'Bearer token-1' }), expect.objectContaining({ page: '2', token: 'Bearer token-1' })],
      changed: { id: 'a/b', set: { enabled: false } },
      status: 200,
    });
    expect(api.received.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /oauth/token', 'GET /v1/items', 'GET /v1/items', 'PATCH /v1/items/a%2Fb']);
    const leak = await plyErrorOf(run(plugin, 'walk', { id: 'x', elsewhere: 'http://127.0.0.2:9/steal' }, config));
    expect(leak.message).toBe(`Acme Intel gave a link to another server (http://127.0.0.2:9); its credentials are only sent to ${api.url}`);
    expect(api.received.some((r) => r.path === '/steal')).toBe(false);
  });

  it('names what was not found, as REST actions do', async () => {
    const api = await vendor((app) => app.get('/v1/users/:id', (c) => c.json({ message: 'no such user' }, 404)));
    const acme = moduleWith({ type: 'bearer', token: (c) => c.api_key });
    const find = acme.action({
      uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000c2',
      slug: 'find',
      name: 'Find',
      description: 'A lookup by hand',
      docker_parameters: 'acme_find',
      arguments: z.object({ id: z.string() }),
      results: anyResult,
      run: async (ctx, args) => (await acme.request(ctx, { path: `v1/users/${args.id}`, notFound: `user ${args.id}` })).body as Record<string, unknown>,
    });
    const missing = await plyErrorOf(run(acme.plugin({ actions: [find] }), 'find', { id: 'jdoe' }, { base_url: api.url, api_key: KEY }));
    expect(missing.message).toBe('user jdoe was not found at Acme Intel (HTTP 404: no such user)');
  });
});
