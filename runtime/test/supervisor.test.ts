import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineConnector } from '@ply/core';
import { definePlugin } from '@ply/core';
import { defineTrigger } from '@ply/core';
import { PlyError } from '@ply/core';
import { PlyStore } from '../src/store/ply-store.js';
import { PlaybookEngine } from '../src/playbooks/playbook-engine.js';
import { connectorInstanceBody } from '../src/supervisor/connector-instance.js';
import { IntakeSink } from '../src/supervisor/intake-sink.js';
import { PlaybookTriggers } from '../src/supervisor/playbook-triggers.js';
import { Supervisor } from '../src/supervisor/supervisor.js';
import { createTestPly } from '@ply/kit/testing';
import { writeFixtureModule } from '@ply/kit/testing';

const FAST = { initialDelayMs: 10, maxDelayMs: 40, stableAfterMs: 60_000 };

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Counts its starts; emits `count` numbered events from its checkpoint on, then crashes once (first start only). */
const starts = { ticker: 0 };
const source = { events: [] as number[] };
const plugin = definePlugin({
  module: { uuid: '4e1f0000-0000-4000-8000-00000000d000', slug: 'feeds', name: 'Feeds', description: 'Supervisor tests', categories: ['Generic'], configuration: z.object({}), engines: { ply: '>=0.1.0' } },
  actions: {},
  triggers: {
    ticker: defineTrigger({
      uuid: '4e1f0000-0000-4000-8000-00000000d001',
      slug: 'ticker',
      name: 'Ticker',
      description: 'Emits numbered events, checkpointing each; crashes after its first three',
      arguments: z.object({ count: z.number().int().default(3) }),
      results: z.object({ n: z.number() }),
      start: async (ctx, args) => {
        starts.ticker += 1;
        const from = ((await ctx.checkpoint.get()) as number | undefined) ?? 0;
        for (let n = from; n < from + args.count; n += 1) {
          await ctx.emit({ n });
          await ctx.checkpoint.set(n + 1);
          ctx.heartbeat();
        }
        if (starts.ticker === 1) throw new Error('feed connection lost');
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
      },
    }),
  },
  connectors: {
    pump: defineConnector({
      uuid: '4e1f0000-0000-4000-8000-00000000d002',
      slug: 'pump',
      name: 'Pump',
      description: 'Pushes the source events from its checkpoint on, then waits',
      arguments: z.object({}),
      results: z.object({ n: z.number() }),
      start: async (ctx) => {
        let position = ((await ctx.checkpoint.get()) as number | undefined) ?? 0;
        while (position < source.events.length) {
          const batch = source.events.slice(position, position + 5);
          // Not awaited on purpose: the checkpoint must still wait for the acknowledgement.
          void ctx.push(batch.map((n) => ({ n }))).catch(() => undefined);
          position += batch.length;
          await ctx.checkpoint.set(position);
        }
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
      },
    }),
  },
});

async function setup() {
  const test = createTestPly({ plugins: [{ moduleDir: writeFixtureModule(plugin), plugin }] });
  const store = await PlyStore.open({ home: test.home, secretKey: Buffer.alloc(32, 3) });
  const engine = new PlaybookEngine({ ply: test.ply, store });
  return { ...test, store, engine };
}

describe('Supervisor', () => {
  it('restarts a body that throws or returns, with a growing backoff, and keeps one instance per id', async () => {
    const supervisor = new Supervisor({ restart: FAST });
    let runs = 0;
    const body = async () => {
      runs += 1;
      if (runs % 2) throw new PlyError('PLY_NETWORK_ERROR', 'down');
    };
    expect(supervisor.ensure('a', 'test', body)).toBe(true);
    expect(supervisor.ensure('a', 'test', body)).toBe(false);
    await until(() => runs >= 4);
    const [status] = supervisor.status();
    expect(status).toMatchObject({ id: 'a', restarts: expect.any(Number) });
    expect(status!.restarts).toBeGreaterThanOrEqual(3);
    expect(['PLY_NETWORK_ERROR', 'PLY_INTERNAL']).toContain(status!.lastError!.code);
    await supervisor.stop('a');
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(runs).toBe(after);
    expect(supervisor.status()).toEqual([]);
  });

  it('restarts a body that stopped sending heartbeats', async () => {
    const supervisor = new Supervisor({ restart: FAST, heartbeatTimeoutMs: 40 });
    let runs = 0;
    supervisor.ensure('hung', 'test', (signal, heartbeat) => {
      runs += 1;
      heartbeat();
      return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    });
    await until(() => runs >= 2);
    expect(supervisor.status()[0]!.lastError!.message).toContain('no heartbeat');
    await supervisor.stopAll();
  });
});

describe('PlaybookTriggers', () => {
  it('runs a module trigger for an enabled playbook, restarts it after a crash from its checkpoint, and stops it on disable', async () => {
    starts.ticker = 0;
    const { store, engine, ply } = await setup();
    const { id } = await engine.create({ name: 'Ticks', trigger: { type: 'module', module: 'feeds', trigger: 'ticker', next: ['keep'] }, nodes: { keep: { type: 'store', set: { n: '{{ trigger.n }}' } } } });
    await engine.enable(id);
    const triggers = new PlaybookTriggers({ ply, store, engine, restart: FAST, syncIntervalMs: 20 });
    triggers.start();
    // The trigger checkpoints after each emit resolves, so wait for the sixth checkpoint too.
    await until(async () => (await store.executions.list({ playbookId: id })).length >= 6 && await store.checkpoints.read('trigger', id) === 6);
    expect(starts.ticker).toBe(2);
    const events = (await store.executions.list({ playbookId: id })).map((e) => (e.triggerEvent as { n: number }).n).sort((a, b) => a - b);
    expect(events).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await store.checkpoints.read('trigger', id)).toBe(6);
    await engine.disable(id);
    await until(async () => (await triggers.status()).length === 0);
    await triggers.stop();
    await engine.shutdown(1000);
    store.close();
  });

  it('runs a schedule trigger (cron with seconds) until the playbook is disabled', async () => {
    const { store, engine, ply } = await setup();
    const { id } = await engine.create({ name: 'Every second', trigger: { type: 'schedule', cron: '* * * * * *', next: ['keep'] }, nodes: { keep: { type: 'store', set: { at: '{{ trigger.scheduled_at }}' } } } });
    await engine.enable(id);
    const triggers = new PlaybookTriggers({ ply, store, engine, restart: FAST, syncIntervalMs: 20 });
    triggers.start();
    await until(async () => (await store.executions.list({ playbookId: id })).length >= 1, 3000);
    expect((await triggers.status())[0]).toMatchObject({ id, kind: 'schedule', state: 'running' });
    await triggers.stop();
    await engine.shutdown(1000);
    store.close();
  });
});

describe('IntakeSink and connectors', () => {
  it('batches by count, bytes and time', async () => {
    const batches: unknown[][] = [];
    const sink = new IntakeSink({ transport: { send: async (events) => (batches.push(events), events.map((_, i) => `id-${batches.length}-${i}`)) }, maxEvents: 3, maxBytes: 40, maxDelayMs: 20 });
    const ids = await sink.push([1, 2, 3, 4]);
    expect(batches.slice(0, 2)).toEqual([[1, 2, 3], [4]]);
    expect(ids).toEqual(['id-1-0', 'id-1-1', 'id-1-2', 'id-2-0']);
    await sink.push(['x'.repeat(30), 'y'.repeat(30)]);
    expect(batches.slice(2)).toEqual([['x'.repeat(30)], ['y'.repeat(30)]]);
  });

  it('retries a failing batch a bounded number of times, then rejects the push', async () => {
    let calls = 0;
    const sink = new IntakeSink({
      transport: {
        send: async () => {
          calls += 1;
          throw new PlyError('PLY_VENDOR_HTTP_ERROR', 'intake answered 503');
        },
      },
      maxDelayMs: 1,
      maxAttempts: 3,
      retryDelayMs: 1,
    });
    await expect(sink.push([1])).rejects.toMatchObject({ code: 'PLY_VENDOR_HTTP_ERROR' });
    expect(calls).toBe(3);
  });

  it('writes the checkpoint only after the intake acknowledged, so a restart loses nothing', async () => {
    source.events = Array.from({ length: 20 }, (_, n) => n);
    const { store, ply } = await setup();
    const received: number[] = [];
    let failing = true;
    const transport = {
      send: async (events: unknown[]) => {
        if (failing && received.length >= 10) throw new PlyError('PLY_NETWORK_ERROR', 'intake unreachable');
        received.push(...events.map((e) => (e as { n: number }).n));
        return events.map(() => 'ok');
      },
    };
    const supervisor = new Supervisor({ restart: FAST });
    supervisor.ensure('pump-1', 'connector', connectorInstanceBody({ ply, store, id: 'pump-1', module: 'feeds', connector: 'pump', transport, sink: { maxEvents: 5, maxDelayMs: 1, maxAttempts: 2, retryDelayMs: 1 } }));
    await until(() => supervisor.status()[0]!.restarts >= 1);
    // The intake failed after 10 events: the checkpoint never passed them.
    expect(await store.checkpoints.read('connector', 'pump-1')).toBe(10);
    failing = false;
    await until(async () => await store.checkpoints.read('connector', 'pump-1') === 20);
    await supervisor.stopAll();
    expect([...new Set(received)].sort((a, b) => a - b)).toEqual(source.events);
    store.close();
  });
});
