import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { defineAction } from '@ply/core';
import { definePlugin } from '@ply/core';
import { startFakeServer, type FakeServer } from './fake-server.js';
import { startRecordingProxy } from './recording-proxy.js';
import { startReplayServer } from './replay-server.js';
import { runTestAction } from './run-action.js';
import { SCRUBBED } from './secret-scrubber.js';

const API_KEY = 'vendor-api-key-7f3a9c';
const PASSWORD = 'hunter2-pass-XYZ';

/** A small plugin: logs in with a password, then reads a ticket with the session token and the API key. */
const plugin = definePlugin({
  module: {
    uuid: '5d2c1a7e-1111-4c57-9d7e-000000000001',
    slug: 'ticketing',
    name: 'Ticketing',
    description: 'A vendor API stand-in',
    categories: ['Generic'],
    configuration: z.object({ base_url: z.url(), api_key: z.string().meta({ secret: true }), password: z.string().meta({ secret: true }) }),
    engines: { ply: '>=0.1.0' },
  },
  actions: {
    ticketing_get_ticket: defineAction({
      uuid: '5d2c1a7e-1111-4c57-9d7e-000000000002',
      slug: 'get_ticket',
      name: 'Get Ticket',
      description: 'Reads a ticket',
      arguments: z.object({ ticket_id: z.string() }),
      // `ticket` rather than `id`: the schema sanitiser drops a property named `id` (reported).
      results: z.object({ ticket: z.string(), title: z.string() }),
      async run(ctx, args) {
        const config = ctx.config as { base_url: string; api_key: string; password: string };
        const login = await ctx.http.request<{ access_token: string }>(new URL('v2/login', config.base_url), { method: 'POST', json: { user: 'soc', password: config.password } });
        const ticket = await ctx.http.request<{ id: string; title: string }>(new URL(`v2/tickets/${args.ticket_id}`, config.base_url), {
          query: { api_key: config.api_key, fields: 'id,title' },
          headers: { authorization: `Bearer ${login.body.access_token}` },
        });
        return { ticket: ticket.body.id, title: ticket.body.title };
      },
    }),
  },
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

  it('answers a request that was never recorded with an error naming it', async () => {
    const replay = await startReplayServer({ exchanges: [] });
    servers.push(replay);
    const run = await runTestAction({ plugin, action: 'get_ticket', arguments: { ticket_id: 'T-1' }, configuration: { base_url: replay.url, api_key: 'k-123456', password: 'p-123456' } });
    expect(run.error?.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(JSON.stringify(run.error)).not.toContain('p-123456');
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
