import { defineConnector, definePlugin } from '@ply/core';
import { generatedModuleDir, startFakeServer, WAIT_FOR, type FakeServer } from '@ply/kit/testing';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { SECRET, setupApi, type ApiHarness } from './api-fixture.js';

const TOKEN = 'feed-token-7d6c5b4a';
const INTAKE_KEY = 'intake-key-3e2f1a0b9c';

/** A connector that pushes `{ n }` events from its checkpoint on, or fails quoting its token when `fail` is set. */
const feedsPlugin = definePlugin({
  module: { uuid: '6b3f0000-0000-4000-8000-00000000f000', slug: 'feeds', name: 'Feeds', description: 'Connector API tests', categories: ['Generic'], configuration: z.object({}), engines: { ply: '>=0.1.0' } },
  actions: {},
  connectors: {
    pull: defineConnector({
      uuid: '6b3f0000-0000-4000-8000-00000000f001',
      slug: 'pull',
      name: 'Pull',
      description: 'Pushes numbered events, one per push, checkpointing each',
      arguments: z.object({ token: z.string().meta({ secret: true }), count: z.number().int().default(2), fail: z.boolean().default(false) }),
      results: z.object({ n: z.number() }),
      start: async (ctx, args) => {
        if (args.fail) throw new Error(`vendor refused token ${args.token}`);
        let position = ((await ctx.checkpoint.get()) as number | undefined) ?? 0;
        for (; position < args.count; position += 1) {
          await ctx.push([{ n: position }]);
          await ctx.checkpoint.set(position + 1);
          ctx.heartbeat();
        }
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
      },
    }),
  },
});

let api: ApiHarness;
let intake: FakeServer | undefined;
afterEach(async () => {
  await api?.runtime.close(1000);
  await intake?.close();
  intake = undefined;
});

/** The API with the feeds module, a tools account, and a fake Sekoia intake (`POST /batch`): its URL and what it received. */
async function setup(): Promise<{ url: string; received: number[] }> {
  const received: number[] = [];
  api = await setupApi({ supervise: true });
  api.runtime.ply.addPlugin(generatedModuleDir(feedsPlugin), feedsPlugin);
  await api.call('admin', 'POST', '/api/v1/accounts', { module: 'tools', name: 'main', configuration: { api_key: SECRET } });
  const app = new Hono();
  app.post('/batch', async (c) => {
    const body = (await c.req.json()) as { intake_key: string; jsons: string[] };
    if (body.intake_key !== INTAKE_KEY) return c.json({ message: 'unknown intake key' }, 401);
    received.push(...body.jsons.map((json) => (JSON.parse(json) as { n: number }).n));
    return c.json({ event_ids: body.jsons.map((_, i) => `id-${i}`) });
  });
  intake = await startFakeServer(app.fetch);
  return { url: `${intake.url}batch`, received };
}

describe('runtime API: connectors', () => {
  it('configures, runs, stops, starts, updates and deletes an instance; secrets are write-only', async () => {
    const { url, received } = await setup();
    const created = await api.call('admin', 'POST', '/api/v1/connectors', { module: 'feeds', connector: 'pull', arguments: { token: TOKEN, count: 2 }, intake: { url, key: INTAKE_KEY }, enabled: true });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    expect(created.json).toMatchObject({ module: 'feeds', connector: 'pull', account: null, enabled: true, arguments: { token: { set: true }, count: 2 }, intake: { url, key: { set: true } } });
    await vi.waitFor(async () => expect((await api.call('viewer', 'GET', `/api/v1/connectors/${id}`)).json.status.checkpoint).toBe(2), WAIT_FOR);
    const shown = await api.call('viewer', 'GET', `/api/v1/connectors/${id}`);
    expect(shown.json.status).toMatchObject({ state: 'running', restarts: 0, eventsPushed: 2, checkpoint: 2, lastError: null });
    expect(shown.json.status.lastHeartbeatAt).toEqual(expect.any(String));
    expect(received).toEqual([0, 1]);

    const stopped = await api.call('admin', 'POST', `/api/v1/connectors/${id}/stop`);
    expect(stopped.json).toMatchObject({ enabled: false, status: { state: 'stopped', checkpoint: 2 } });
    // A new count: the instance is restarted from its checkpoint and sends only the new event.
    const patched = await api.call('admin', 'PATCH', `/api/v1/connectors/${id}`, { arguments: { count: 3 } });
    expect(patched.json.arguments).toEqual({ token: { set: true }, count: 3 });
    const started = await api.call('admin', 'POST', `/api/v1/connectors/${id}/start`);
    expect(started.json).toMatchObject({ enabled: true, status: { state: 'running' } });
    await vi.waitFor(async () => expect((await api.call('viewer', 'GET', `/api/v1/connectors/${id}`)).json.status.checkpoint).toBe(3), WAIT_FOR);
    expect(received).toEqual([0, 1, 2]);
    expect(api.connectors!.supervisor.ids()).toEqual([id]);

    const listed = await api.call('viewer', 'GET', '/api/v1/connectors');
    expect(listed.json.connectors.map((c: { id: string }) => c.id)).toEqual([id]);
    for (const response of [created, shown, stopped, patched, started, listed]) {
      expect(response.text).not.toContain(TOKEN);
      expect(response.text).not.toContain(INTAKE_KEY);
    }
    expect((await api.call('admin', 'DELETE', `/api/v1/connectors/${id}`)).status).toBe(204);
    expect(api.connectors!.supervisor.ids()).toEqual([]);
    expect((await api.call('viewer', 'GET', `/api/v1/connectors/${id}`)).json.error.code).toBe('PLY_CONNECTOR_NOT_FOUND');
  });

  it('shows a crashing instance as crashed with its last error, the secret redacted', async () => {
    const { url } = await setup();
    const { json } = await api.call('admin', 'POST', '/api/v1/connectors', { module: 'feeds', connector: 'pull', arguments: { token: TOKEN, fail: true }, intake: { url, key: INTAKE_KEY }, enabled: true });
    await vi.waitFor(async () => expect((await api.call('viewer', 'GET', `/api/v1/connectors/${json.id}`)).json.status.restarts).toBeGreaterThanOrEqual(1), WAIT_FOR);
    const shown = await api.call('viewer', 'GET', `/api/v1/connectors/${json.id}`);
    expect(shown.json.status.lastError.message).toBe('vendor refused token [REDACTED]');
    expect(shown.text).not.toContain(TOKEN);
  });

  it('refuses bad input with 4xx and the PlyError code, and callers without the role', async () => {
    const { url } = await setup();
    const good = { module: 'feeds', connector: 'pull', arguments: { token: TOKEN }, intake: { url, key: INTAKE_KEY } };
    const cases: Array<[unknown, number, string]> = [
      [{ ...good, module: undefined }, 400, 'PLY_INVALID_INPUT'],
      [{ ...good, modul: 'feeds' }, 400, 'PLY_INVALID_INPUT'],
      [{ ...good, intake: 'x' }, 400, 'PLY_INVALID_INPUT'],
      [{ ...good, intake: { url, key: INTAKE_KEY, extra: 1 } }, 400, 'PLY_INVALID_INPUT'],
      [{ ...good, intake: { url: 'ftp://intake/batch', key: INTAKE_KEY } }, 400, 'PLY_INVALID_INPUT'],
      [{ ...good, intake: { url: 'not a url', key: INTAKE_KEY } }, 400, 'PLY_INVALID_INPUT'],
      [{ ...good, intake: { url } }, 400, 'PLY_INVALID_INPUT'],
      [{ ...good, module: 'nope' }, 404, 'PLY_MODULE_NOT_FOUND'],
      [{ ...good, connector: 'nope' }, 404, 'PLY_ACTION_NOT_FOUND'],
      [{ ...good, account: 'missing' }, 404, 'PLY_ACCOUNT_NOT_FOUND'],
      [{ ...good, arguments: { token: 3 } }, 422, 'PLY_ARGUMENTS_INVALID'],
      [{ ...good, arguments: {} }, 422, 'PLY_ARGUMENTS_INVALID'],
      ['{not json', 400, 'PLY_INVALID_INPUT'],
    ];
    for (const [body, status, code] of cases) {
      const response = await api.call('admin', 'POST', '/api/v1/connectors', body);
      expect([response.status, response.json.error.code], JSON.stringify(body)).toEqual([status, code]);
      expect(response.text).not.toContain(TOKEN);
    }
    expect((await api.call('viewer', 'GET', '/api/v1/connectors')).json.connectors).toEqual([]);

    const { json } = await api.call('admin', 'POST', '/api/v1/connectors', good);
    const patches: Array<[unknown, number, string]> = [
      [{ enabled: 'yes' }, 400, 'PLY_INVALID_INPUT'],
      [{ intake: { url: 'nope' } }, 400, 'PLY_INVALID_INPUT'],
      [{ intake: { key: null } }, 400, 'PLY_INVALID_INPUT'],
      [{ arguments: { token: null } }, 422, 'PLY_ARGUMENTS_INVALID'],
      [{ module: 'tools' }, 400, 'PLY_INVALID_INPUT'],
    ];
    for (const [body, status, code] of patches) {
      const response = await api.call('admin', 'PATCH', `/api/v1/connectors/${json.id}`, body);
      expect([response.status, response.json.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    // Refused updates changed nothing: the secret and the intake key are still there.
    expect((await api.call('viewer', 'GET', `/api/v1/connectors/${json.id}`)).json).toMatchObject({ arguments: { token: { set: true } }, intake: { key: { set: true } } });

    for (const [method, path] of [['GET', '/api/v1/connectors/nope'], ['PATCH', '/api/v1/connectors/nope'], ['DELETE', '/api/v1/connectors/nope'], ['POST', '/api/v1/connectors/nope/start'], ['POST', '/api/v1/connectors/nope/stop']] as const) {
      const response = await api.call('admin', method, path, method === 'PATCH' ? {} : undefined);
      expect([response.status, response.json.error.code], `${method} ${path}`).toEqual([404, 'PLY_CONNECTOR_NOT_FOUND']);
    }
    expect((await api.call(undefined, 'GET', '/api/v1/connectors')).status).toBe(401);
    for (const [role, method, path] of [
      ['viewer', 'POST', '/api/v1/connectors'],
      ['operator', 'POST', '/api/v1/connectors'],
      ['operator', 'PATCH', `/api/v1/connectors/${json.id}`],
      ['operator', 'DELETE', `/api/v1/connectors/${json.id}`],
      ['viewer', 'POST', `/api/v1/connectors/${json.id}/start`],
      ['operator', 'POST', `/api/v1/connectors/${json.id}/stop`],
    ] as const) {
      const response = await api.call(role, method, path, method === 'DELETE' ? undefined : good);
      expect([response.status, response.json.error.code], `${role} ${method} ${path}`).toEqual([403, 'PLY_FORBIDDEN']);
    }
    expect((await api.call('viewer', 'GET', `/api/v1/connectors/${json.id}`)).status).toBe(200);
  });
});
