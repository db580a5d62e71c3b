import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineConnector } from '@ply/core';
import { definePlugin } from '@ply/core';
import { PlyStore } from '../src/store/ply-store.js';
import { sql } from '../src/store/sql/sql-query.js';
import { ConnectorInstances } from '../src/supervisor/connector-instances.js';
import { startFakeServer, WAIT_FOR, type FakeServer } from '@ply/kit/testing';
import { createTestPly } from '@ply/kit/testing';
import { writeFixtureModule } from '@ply/kit/testing';

const FAST = { initialDelayMs: 10, maxDelayMs: 40, stableAfterMs: 60_000 };
const API_KEY = 'stream-api-key-5f1e2d3c';
const INTAKE_KEY = 'intake-key-9a8b7c6d5e';
const SOURCE_TOKEN = 'source-token-0a1b2c3d';

/**
 * The stream plugin, and its "vendor": the events it has and how often the connector was started,
 * fresh for each test.
 */
function streamPlugin() {
  const feed = { events: [] as number[], starts: 0 };
  const plugin = definePlugin({
    module: {
      uuid: '5a2e0000-0000-4000-8000-00000000e000',
      slug: 'stream',
      name: 'Stream',
      description: 'Connector instance tests',
      categories: ['Generic'],
      configuration: z.object({ api_key: z.string().meta({ secret: true }) }),
      engines: { ply: '>=0.1.0' },
    },
    actions: {},
    connectors: {
      tail: defineConnector({
        uuid: '5a2e0000-0000-4000-8000-00000000e001',
        slug: 'tail',
        name: 'Tail',
        description: 'Pushes the feed from its checkpoint on, three events at a time, checkpointing after each acknowledged push',
        arguments: z.object({ source_token: z.string().meta({ secret: true }), batch: z.number().int().default(3) }),
        results: z.object({ n: z.number() }),
        start: async (ctx, args) => {
          feed.starts += 1;
          let position = ((await ctx.checkpoint.get()) as number | undefined) ?? 0;
          while (!ctx.signal.aborted) {
            ctx.heartbeat();
            if (position < feed.events.length) {
              const batch = feed.events.slice(position, position + args.batch);
              await ctx.push(batch.map((n) => ({ n, source: 'tail' })));
              position += batch.length;
              await ctx.checkpoint.set(position);
            } else {
              // The vendor's polling interval: a real tail connector asks again later.
              await new Promise((resolve) => setTimeout(resolve, 5));
            }
          }
        },
      }),
    },
  });
  return { plugin, feed };
}

/** A fake intake `POST /batch` as Sekoia's: `{ intake_key, jsons: [string] }` -> `{ event_ids }`; `failing` answers 503. */
function fakeIntake() {
  const state = { received: [] as number[], keys: new Set<string>(), failing: false };
  const app = new Hono();
  app.post('/batch', async (c) => {
    const body = (await c.req.json()) as { intake_key?: unknown; jsons?: unknown };
    if (state.failing) return c.json({ message: `intake for key ${String(body.intake_key)} is unavailable` }, 503);
    if (typeof body.intake_key !== 'string' || !Array.isArray(body.jsons) || !body.jsons.every((j) => typeof j === 'string')) return c.json({ message: 'intake_key and jsons are required' }, 400);
    state.keys.add(body.intake_key);
    const ids = (body.jsons as string[]).map((json) => {
      state.received.push((JSON.parse(json) as { n: number }).n);
      return `ev-${state.received.length}`;
    });
    return c.json({ event_ids: ids });
  });
  return { app, state };
}

let server: FakeServer | undefined;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server?.close();
  server = undefined;
});

async function setup() {
  const { plugin, feed } = streamPlugin();
  const test = createTestPly({ plugins: [{ moduleDir: writeFixtureModule(plugin), plugin }] });
  const store = await PlyStore.open({ home: test.home, secretKey: Buffer.alloc(32, 5) });
  cleanups.push(() => store.close());
  await store.accounts.create({ module: 'stream', name: 'main', configuration: { api_key: API_KEY }, secretKeys: ['api_key'] });
  return { ...test, store, feed };
}

function supervise(ply: Awaited<ReturnType<typeof setup>>['ply'], store: PlyStore) {
  const connectors = new ConnectorInstances({ ply, store, restart: FAST, syncIntervalMs: 10, sink: { maxDelayMs: 1, maxAttempts: 2, retryDelayMs: 1 } });
  connectors.start();
  cleanups.push(() => connectors.stop());
  return connectors;
}

describe('ConnectorInstanceRepository', () => {
  it('seals secret arguments and the intake key, shows them as { set: true }, keeps them when left out of an update', async () => {
    const { store } = await setup();
    const created = await store.connectors.create({
      module: 'stream',
      connector: 'tail',
      account: 'main',
      arguments: { source_token: SOURCE_TOKEN, batch: 2 },
      secretKeys: ['source_token', 'intake_key'],
      intake: { url: 'http://127.0.0.1:9/batch', key: INTAKE_KEY },
    });
    expect(created).toMatchObject({ module: 'stream', connector: 'tail', account: 'main', enabled: false, arguments: { source_token: { set: true }, batch: 2 }, intake: { url: 'http://127.0.0.1:9/batch', key: { set: true } } });
    const raw = JSON.stringify(await store.db.all(sql('SELECT * FROM connector_instances')));
    expect(raw).not.toContain(SOURCE_TOKEN);
    expect(raw).not.toContain(INTAKE_KEY);
    expect(JSON.stringify(await store.connectors.list())).not.toContain(SOURCE_TOKEN);
    expect(await store.connectors.forRun(created.id)).toMatchObject({ arguments: { source_token: SOURCE_TOKEN, batch: 2 }, intake: { key: INTAKE_KEY } });

    const updated = await store.connectors.update(created.id, { arguments: { batch: 4 }, enabled: true, secretKeys: ['source_token', 'intake_key'] });
    expect(updated.arguments).toEqual({ source_token: { set: true }, batch: 4 });
    expect((await store.connectors.forRun(created.id)).arguments).toEqual({ source_token: SOURCE_TOKEN, batch: 4 });
    expect([...(await store.connectors.enabledStamps()).keys()]).toEqual([created.id]);

    // A stored intake key removed: the connector's own intake_key argument is used (Sekoia's convention).
    await store.connectors.update(created.id, { arguments: { source_token: null, intake_key: 'from-args-1234' }, intake: { key: null }, secretKeys: ['source_token', 'intake_key'] });
    expect(await store.connectors.get(created.id)).toMatchObject({ arguments: { intake_key: { set: true } }, intake: { key: null } });
    expect((await store.connectors.forRun(created.id)).intake.key).toBe('from-args-1234');

    // A refused instance is not written.
    await expect(store.connectors.update(created.id, { enabled: false, secretKeys: [], check: () => { throw new Error('refused'); } })).rejects.toThrow('refused');
    expect((await store.connectors.get(created.id)).enabled).toBe(true);

    await store.checkpoints.write('connector', created.id, 7);
    expect(await store.connectors.delete(created.id)).toBe(true);
    expect(await store.checkpoints.read('connector', created.id)).toBeUndefined();
    await expect(store.connectors.get(created.id)).rejects.toThrow(expect.objectContaining({ code: 'PLY_CONNECTOR_NOT_FOUND' }));
  });
});

describe('ConnectorInstances (the supervisor of stored connector instances)', () => {
  it('runs an enabled instance once, pushes to the HTTP intake, and resumes from its checkpoint after a restart without loss or duplicates', async () => {
    const intake = fakeIntake();
    server = await startFakeServer(intake.app.fetch);
    const { ply, store, feed } = await setup();
    feed.events = [0, 1, 2, 3, 4];
    const { id } = await store.connectors.create({
      module: 'stream',
      connector: 'tail',
      account: 'main',
      arguments: { source_token: SOURCE_TOKEN },
      secretKeys: ['source_token', 'intake_key'],
      intake: { url: `${server.url}batch`, key: INTAKE_KEY },
      enabled: true,
    });
    const first = supervise(ply, store);
    await vi.waitFor(async () => expect(await store.checkpoints.read('connector', id)).toBe(5), WAIT_FOR);
    expect(intake.state.received).toEqual([0, 1, 2, 3, 4]);
    expect([...intake.state.keys]).toEqual([INTAKE_KEY]);
    await first.sync();
    await first.sync();
    expect(first.supervisor.ids()).toEqual([id]);
    expect(feed.starts).toBe(1);
    expect(await first.status(id)).toMatchObject({ state: 'running', restarts: 0, eventsPushed: 5, checkpoint: 5, lastError: null });
    expect((await first.status(id)).lastHeartbeatAt).not.toBeNull();
    await first.stop();
    expect((await first.status(id)).state).toBe('stopped');

    // A new process (new supervisor, same store) picks up where the checkpoint says.
    feed.events.push(5, 6, 7);
    const second = supervise(ply, store);
    await vi.waitFor(async () => expect(await store.checkpoints.read('connector', id)).toBe(8), WAIT_FOR);
    expect(intake.state.received).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(feed.starts).toBe(2);

    // Disabling stops it; its checkpoint stays.
    await store.connectors.update(id, { enabled: false, secretKeys: [] });
    await second.sync();
    expect(second.supervisor.ids()).toEqual([]);
    expect(await second.status(id)).toMatchObject({ state: 'stopped', checkpoint: 8 });
  });

  it('shows a crashed instance with its last error, secrets redacted, and loses nothing once the intake is back', async () => {
    const intake = fakeIntake();
    intake.state.failing = true;
    server = await startFakeServer(intake.app.fetch);
    const { ply, store, feed } = await setup();
    feed.events = [0, 1, 2];
    const { id } = await store.connectors.create({ module: 'stream', connector: 'tail', account: 'main', arguments: { source_token: SOURCE_TOKEN }, secretKeys: ['source_token', 'intake_key'], intake: { url: `${server.url}batch`, key: INTAKE_KEY }, enabled: true });
    const connectors = supervise(ply, store);
    await vi.waitFor(async () => expect((await connectors.status(id)).restarts).toBeGreaterThanOrEqual(1), WAIT_FOR);
    const status = await connectors.status(id);
    expect(status.lastError?.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(JSON.stringify(status)).not.toContain(INTAKE_KEY);
    expect(status.lastError?.message).toContain('[REDACTED]');
    expect(status.checkpoint).toBeNull();
    intake.state.failing = false;
    await vi.waitFor(async () => expect(await store.checkpoints.read('connector', id)).toBe(3), WAIT_FOR);
    expect(intake.state.received).toEqual([0, 1, 2]);
  });
});
