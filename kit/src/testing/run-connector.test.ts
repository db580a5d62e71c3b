import { Hono } from 'hono';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineConnector, definePlugin } from '@ply/core';
import { startFakeServer } from './fake-server.js';
import { runTestConnector } from './run-connector.js';

const API_KEY = 'connector-key-93jd8';

/** Pages through `GET events?after=<cursor>` and pushes each page, checkpointing the cursor after the push. */
const eventsConnector = defineConnector({
  uuid: '6e1f0a2b-0000-4c57-9d7e-000000000001',
  slug: 'collect_events',
  name: 'Collect Events',
  description: 'Collects vendor events',
  arguments: z.object({ page_size: z.number().int().default(2) }),
  results: z.object({ uid: z.string(), message: z.string() }),
  async start(ctx, args) {
    const config = ctx.config as { base_url: string; api_key: string };
    let cursor = ((await ctx.checkpoint.get()) as string | undefined) ?? '0';
    while (!ctx.signal.aborted) {
      const page = await ctx.http.request<{ events: Array<{ uid: string; message: string }>; next: string | null }>(new URL('events', config.base_url), {
        query: { after: cursor, limit: args.page_size },
        headers: { authorization: `Bearer ${config.api_key}` },
      });
      if (page.body.events.length > 0) await ctx.push(page.body.events);
      if (!page.body.next) return;
      cursor = page.body.next;
      await ctx.checkpoint.set(cursor);
      ctx.log.info(`page read with key ${config.api_key}`);
    }
  },
});

const plugin = definePlugin({
  module: {
    uuid: '6e1f0a2b-0000-4c57-9d7e-000000000000',
    slug: 'events-vendor',
    name: 'Events vendor',
    description: 'A vendor with an events API',
    categories: ['Generic'],
    configuration: z.object({ base_url: z.string(), api_key: z.string().meta({ secret: true }) }),
    engines: { ply: '>=0.1.0' },
  },
  connectors: { collect_events: eventsConnector },
});

function vendor(events: unknown[]): Hono {
  const app = new Hono();
  app.get('/events', (c) => {
    if (c.req.header('authorization') !== `Bearer ${API_KEY}`) return c.json({ error: 'unauthorised' }, 401);
    const after = Number(c.req.query('after'));
    const limit = Number(c.req.query('limit'));
    const page = events.slice(after, after + limit);
    return c.json({ events: page, next: after + limit < events.length ? String(after + limit) : null });
  });
  return app;
}

describe('runTestConnector', () => {
  it('collects pushed batches, checkpoints and logs without the configuration secret', async () => {
    const server = await startFakeServer(vendor([1, 2, 3].map((n) => ({ uid: `e${n}`, message: `event ${n}` }))).fetch);
    try {
      const run = runTestConnector({ plugin, connector: 'collect_events', configuration: { base_url: server.url, api_key: API_KEY } });
      expect(await run.waitForEvents(3)).toEqual([
        { uid: 'e1', message: 'event 1' },
        { uid: 'e2', message: 'event 2' },
        { uid: 'e3', message: 'event 3' },
      ]);
      expect(await run.stop()).toBeUndefined();
      expect(run.batches.map((batch) => batch.length)).toEqual([2, 1]);
      expect(run.checkpoint()).toBe('2');
      expect(run.logs.text()).toContain('page read');
      expect(run.logs.text()).not.toContain(API_KEY);
    } finally {
      await server.close();
    }
  });

  it('rejects a push whose events do not match the event schema', async () => {
    const server = await startFakeServer(vendor([{ uid: 7, message: 'bad uid' }]).fetch);
    try {
      const run = runTestConnector({ plugin, connector: 'collect_events', configuration: { base_url: server.url, api_key: API_KEY } });
      await expect(run.waitForEvents(1)).rejects.toMatchObject({ code: 'PLY_RESULTS_INVALID' });
      expect((await run.stop())?.message).toMatch(/event 0 .* \/0\/uid/);
      expect(run.batches).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('validates the module configuration and the connector arguments as the supervisor does', async () => {
    const missing = runTestConnector({ plugin, connector: 'collect_events', configuration: { base_url: 'http://127.0.0.1:9/' } });
    await expect(missing.waitForEvents(1)).rejects.toMatchObject({ code: 'PLY_CONFIGURATION_INVALID', message: expect.stringContaining('required secret "api_key" is missing') });
    const wrong = runTestConnector({ plugin, connector: 'collect_events', configuration: { base_url: 'http://127.0.0.1:9/', api_key: API_KEY }, arguments: { page_size: 'two' } });
    await expect(wrong.waitForEvents(1)).rejects.toMatchObject({ code: 'PLY_ARGUMENTS_INVALID', message: expect.stringContaining('/page_size') });
  });
});
