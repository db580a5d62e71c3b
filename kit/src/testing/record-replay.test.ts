import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { defineModule } from '@ply/core';
import { startFakeServer, type FakeServer } from './fake-server.js';
import { startRecordingProxy } from './recording-proxy.js';
import { startReplayServer } from './replay-server.js';
import { runTestAction } from './run-action.js';
import { SCRUBBED, scrubExchange } from './secret-scrubber.js';

const API_KEY = 'vendor-api-key-7f3a9c';
const PASSWORD = 'hunter2-pass-XYZ';

/** A small module: logs in with a password, then reads a ticket with the session token and the API key. */
const ticketing = defineModule({
  uuid: '5d2c1a7e-1111-4c57-9d7e-000000000001',
  slug: 'ticketing',
  name: 'Ticketing',
  description: 'A vendor API stand-in',
  categories: ['Generic'],
  configuration: z.object({ base_url: z.url(), api_key: z.string().meta({ secret: true }), password: z.string().meta({ secret: true }) }),
  engines: { ply: '>=0.1.0' },
});

const plugin = ticketing.plugin({
  actions: [
    ticketing.action({
      uuid: '5d2c1a7e-1111-4c57-9d7e-000000000002',
      slug: 'get_ticket',
      name: 'Get Ticket',
      description: 'Reads a ticket',
      docker_parameters: 'ticketing_get_ticket',
      arguments: z.object({ ticket_id: z.string() }),
      // `ticket` rather than `id`: the schema sanitiser drops a property named `id` (reported).
      results: z.object({ ticket: z.string(), title: z.string() }),
      async run(ctx, args) {
        const login = await ctx.http.request<{ access_token: string }>(new URL('v2/login', ctx.config.base_url), { method: 'POST', json: { user: 'soc', password: ctx.config.password } });
        const ticket = await ctx.http.request<{ id: string; title: string }>(new URL(`v2/tickets/${args.ticket_id}`, ctx.config.base_url), {
          query: { api_key: ctx.config.api_key, fields: 'id,title' },
          headers: { authorization: `Bearer ${login.body.access_token}` },
        });
        return { ticket: ticket.body.id, title: ticket.body.title };
      },
    }),
  ],
});

/** The "real" vendor: checks the credentials, hands out a session token. */
function realVendor(): Hono {
  const app = new Hono();
  app.post('/v2/login', async (c) => {
    const body = await c.req.json<{ password: string }>();
    return body.password === PASSWORD ? c.json({ access_token: 'session-token-abc123', expires_in: 3600 }) : c.json({ error: 'bad password' }, 401);
  });
  app.get('/v2/tickets/:id', (c) => {
    if (c.req.header('authorization') !== 'Bearer session-token-abc123' || c.req.query('api_key') !== API_KEY) return c.json({ error: 'unauthorised' }, 401);
    return c.json({ id: c.req.param('id'), title: 'Phishing report', owner: 'alice' });
  });
  return app;
}

describe('recording vendor exchanges once, replaying them as fixtures', () => {
  const servers: FakeServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close().catch(() => undefined)));
  });

  it('records through a proxy with secrets scrubbed, then replays without the vendor', async () => {
    const fixtureFile = join(mkdtempSync(join(tmpdir(), 'ply-fixture-')), 'get-ticket.json');
    const vendor = await startFakeServer(realVendor().fetch);
    servers.push(vendor);
    const proxy = await startRecordingProxy({ target: `${vendor.url}`, fixtureFile, secrets: [API_KEY, PASSWORD] });
    const live = await runTestAction({ plugin, action: 'get_ticket', arguments: { ticket_id: 'T-42' }, configuration: { base_url: proxy.url, api_key: API_KEY, password: PASSWORD } });
    await proxy.close();
    await vendor.close();
    expect(live.error).toBeUndefined();
    expect(live.results).toEqual({ ticket: 'T-42', title: 'Phishing report' });

    const text = readFileSync(fixtureFile, 'utf8');
    for (const secret of [API_KEY, PASSWORD, 'session-token-abc123']) expect(text).not.toContain(secret);
    const fixture = JSON.parse(text) as { exchanges: Array<{ request: { path: string; headers: Record<string, string>; body?: unknown }; response: { body: unknown } }> };
    expect(fixture.exchanges).toHaveLength(2);
    expect(fixture.exchanges[0]!.request.body).toEqual({ user: 'soc', password: SCRUBBED });
    expect(fixture.exchanges[0]!.response.body).toEqual({ access_token: SCRUBBED, expires_in: 3600 });
    expect(fixture.exchanges[1]!.request.path).toBe(`/v2/tickets/T-42?api_key=${encodeURIComponent(SCRUBBED)}&fields=id%2Ctitle`);
    expect(fixture.exchanges[1]!.request.headers['authorization']).toBe(SCRUBBED);

    const replay = await startReplayServer(fixtureFile, { secrets: ['other-key-for-tests'] });
    servers.push(replay);
    const replayed = await runTestAction({ plugin, action: 'get_ticket', arguments: { ticket_id: 'T-42' }, configuration: { base_url: replay.url, api_key: 'other-key-for-tests', password: 'any-password' } });
    expect(replayed.error).toBeUndefined();
    expect(replayed.results).toEqual({ ticket: 'T-42', title: 'Phishing report' });
    expect(replay.unused()).toEqual([]);
    expect(replayed.logs.text()).toContain('action finished');
    expect(replayed.logs.text()).not.toContain('other-key-for-tests');
  });

  it('answers a request that was never recorded with an error naming it and the closest recordings', async () => {
    const recorded = (method: string, path: string, body: unknown) => ({ request: { method, path, headers: {}, body }, response: { status: 200, headers: {}, body: { access_token: 'session', id: 'T-42', title: 'Phishing' } } });
    const replay = await startReplayServer({ exchanges: [recorded('POST', '/v2/login', { user: 'soc', password: SCRUBBED }), recorded('GET', '/v2/tickets/T-42?api_key=%5BSCRUBBED%5D&fields=id%2Ctitle', undefined)] });
    servers.push(replay);
    const run = await runTestAction({ plugin, action: 'get_ticket', arguments: { ticket_id: 'T-1' }, configuration: { base_url: replay.url, api_key: 'k-123456', password: 'p-123456' } });
    expect(run.error?.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(run.error?.message).toContain('no recorded exchange matches GET /v2/tickets/T-1?api_key=%5BSCRUBBED%5D&fields=id%2Ctitle; unused recordings: GET /v2/tickets/T-42?api_key=%5BSCRUBBED%5D&fields=id%2Ctitle');
    expect(replay.misses()).toEqual([{ method: 'GET', path: '/v2/tickets/T-1?api_key=%5BSCRUBBED%5D&fields=id%2Ctitle' }]);
    expect(JSON.stringify(run.error)).not.toContain('k-123456');
  });

  it('names a miss on an exhausted fixture, with the query string as matched (secrets scrubbed)', async () => {
    const replay = await startReplayServer({ exchanges: [] }, { plugin, configuration: { api_key: 'k-123456' } });
    servers.push(replay);
    const response = await fetch(new URL('v2/tickets/T-9?api_key=k-123456&fields=id', replay.url));
    expect(response.status).toBe(421);
    expect(await response.json()).toMatchObject({ error: `no recorded exchange matches GET /v2/tickets/T-9?api_key=${encodeURIComponent(SCRUBBED)}&fields=id; the fixture has no unused exchange left` });
  });
});

describe('scrubbing an exchange before it is written as a fixture', () => {
  const exchange = (path: string, headers: Record<string, string>, body?: unknown) => ({ request: { method: 'POST', path, headers, ...(body === undefined ? {} : { body }) }, response: { status: 200, headers: {} } });

  it('scrubs the key-style names vendors use: ?key= (Shodan), access_key, x-apikey', () => {
    const scrubbed = scrubExchange(exchange('/shodan/host/1.2.3.4?key=s3cr3t-shodan&minify=true', { 'x-apikey': 'vt-key-123', 'x-request-id': 'r-1' }, { access_key: 'ak-999', query: 'port:22' }));
    expect(scrubbed.request.path).toBe(`/shodan/host/1.2.3.4?key=${encodeURIComponent(SCRUBBED)}&minify=true`);
    expect(scrubbed.request.headers).toEqual({ 'x-apikey': SCRUBBED, 'x-request-id': 'r-1' });
    expect(scrubbed.request.body).toEqual({ access_key: SCRUBBED, query: 'port:22' });
  });

  it("scrubs the names the module declares secret and its configuration's secret values, in any encoding", () => {
    const sealed = defineModule({
      uuid: '5d2c1a7e-1111-4c57-9d7e-000000000011',
      slug: 'sealed',
      name: 'Sealed',
      description: 'Secrets under names no pattern knows',
      categories: ['Generic'],
      configuration: z.object({ base_url: z.url(), vault_pin: z.string().meta({ secret: true }) }),
      engines: { ply: '>=0.1.0' },
    });
    const sealedPlugin = sealed.plugin({
      actions: [
        sealed.action({
          uuid: '5d2c1a7e-1111-4c57-9d7e-000000000012',
          slug: 'push',
          name: 'Push',
          description: 'Pushes with a per-call code',
          docker_parameters: 'sealed_push',
          arguments: z.object({ intake_code: z.string().meta({ secret: true }) }),
          results: z.object({}),
          run: () => ({}),
        }),
      ],
    });
    const pin = 'pin-4711-zz';
    const scrubbed = scrubExchange(exchange(`/v1/push?intake_code=c-1&echo=${encodeURIComponent(`${pin}/x`)}`, { 'vault_pin': pin, authorization2: `Basic ${Buffer.from(`u:${pin}`).toString('base64')}` }, { intake_code: 'c-2', note: `pin was ${pin}` }), {
      plugin: sealedPlugin,
      configuration: { base_url: 'https://sealed.example/', vault_pin: pin },
    });
    const text = JSON.stringify(scrubbed);
    expect(text).not.toContain(pin);
    expect(text).not.toContain(Buffer.from(pin).toString('base64').slice(2, 10));
    expect(scrubbed.request.path).toBe(`/v1/push?intake_code=${encodeURIComponent(SCRUBBED)}&echo=${SCRUBBED}%2Fx`);
    expect(scrubbed.request.headers['vault_pin']).toBe(SCRUBBED);
    expect(scrubbed.request.body).toEqual({ intake_code: SCRUBBED, note: `pin was ${SCRUBBED}` });
  });
});

describe('runTestAction', () => {
  it('checks results against the results schema (a vendor answer of the wrong shape fails the run)', async () => {
    const vendor = new Hono();
    vendor.post('/v2/login', (c) => c.json({ access_token: 't' }));
    vendor.get('/v2/tickets/:id', (c) => c.json({ id: 42, title: null })); // id is not a string
    const server = await startFakeServer(vendor.fetch);
    try {
      const run = await runTestAction({ plugin, action: 'get_ticket', arguments: { ticket_id: 'T-1' }, configuration: { base_url: server.url, api_key: 'k-123456', password: 'p-123456' } });
      expect(run.error?.code).toBe('PLY_RESULTS_INVALID');
    } finally {
      await server.close();
    }
  });

  it('validates the configuration it is given', async () => {
    const run = await runTestAction({ plugin, action: 'ticketing_get_ticket', arguments: { ticket_id: 'T-1' }, configuration: { base_url: 'not a url', api_key: 'k', password: 'p' } });
    expect(run.error?.code).toBe('PLY_CONFIGURATION_INVALID');
  });
});
