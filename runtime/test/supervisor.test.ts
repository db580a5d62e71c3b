import { afterEach, describe, expect, it, vi } from 'vitest';
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
import { createTestPly, WAIT_FOR } from '@ply/kit/testing';
import { writeFixtureModule } from '@ply/kit/testing';

const FAST = { initialDelayMs: 10, maxDelayMs: 40, stableAfterMs: 60_000 };

/**
 * A plugin with a ticker trigger and a pump connector, and the state they read and count, fresh
 * for each test. The ticker emits `count` numbered events from its checkpoint on, then crashes
 * once (first start only); the pump pushes the source events from its checkpoint on.
 */
function feedsPlugin() {
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
  return { plugin, starts, source };
}

async function setup() {
  const feeds = feedsPlugin();
  const test = createTestPly({ plugins: [{ moduleDir: writeFixtureModule(feeds.plugin), plugin: feeds.plugin }] });
  const store = await PlyStore.open({ home: test.home, secretKey: Buffer.alloc(32, 3) });
  const engine = new PlaybookEngine({ ply: test.ply, store });
  return { ...test, ...feeds, store, engine };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Supervisor', () => {
  it('restarts a body that throws or returns, with a growing backoff, and keeps one instance per id', async () => {
    // A fake clock: the test sees each restart wait as the supervisor reports it, and that it waits exactly that long.
    vi.useFakeTimers();
    const reported: number[] = [];
    const supervisor = new Supervisor({ restart: FAST, onFailure: (_instance, _error, restartInMs) => reported.push(restartInMs) });
    let runs = 0;
    const body = async () => {
      runs += 1;
      if (runs % 2) throw new PlyError('PLY_NETWORK_ERROR', 'down');
    };
    expect(supervisor.ensure('a', 'test', body)).toBe(true);
    expect(supervisor.ensure('a', 'test', body)).toBe(false);
    // Each failure in a row doubles the wait, up to maxDelayMs (40 ms).
    const delays = [10, 20, 40, 40];
    for (const [index, delay] of delays.entries()) {
      await vi.advanceTimersByTimeAsync(0);
      expect(runs).toBe(index + 1);
      const [status, ...others] = supervisor.status();
      expect(others).toEqual([]);
      // Odd runs throw, even runs return: both count as failures.
      expect(status).toMatchObject({ id: 'a', state: 'backoff', restarts: index, lastError: { code: index % 2 ? 'PLY_INTERNAL' : 'PLY_NETWORK_ERROR' } });
      expect(Date.parse(status!.nextRestartAt!) - Date.now()).toBe(delay);
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(runs).toBe(index + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(runs).toBe(index + 2);
    }
    expect(reported.slice(0, delays.length)).toEqual(delays);
    const [status] = supervisor.status();
    expect(status).toMatchObject({ id: 'a', restarts: expect.any(Number) });
    expect(status!.restarts).toBeGreaterThanOrEqual(3);
    expect(['PLY_NETWORK_ERROR', 'PLY_INTERNAL']).toContain(status!.lastError!.code);
    await supervisor.stop('a');
    const after = runs;
    // Far past any backoff: a stopped instance is never restarted.
    await vi.advanceTimersByTimeAsync(10 * FAST.maxDelayMs);
    expect(runs).toBe(after);
    expect(supervisor.status()).toEqual([]);
  });

  it('restarts a body that stopped sending heartbeats', async () => {
    const supervisor = new Supervisor({ restart: FAST, heartbeatTimeoutMs: 40 });
    const signals: AbortSignal[] = [];
    supervisor.ensure('hung', 'test', (signal, heartbeat) => {
      signals.push(signal);
      heartbeat();
      return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    });
    await vi.waitFor(() => expect(signals.length).toBeGreaterThanOrEqual(2), WAIT_FOR);
    // The hung body was told to stop before the new one started.
    expect(signals[0]!.aborted).toBe(true);
    expect(supervisor.status()[0]!.lastError).toMatchObject({ code: 'PLY_ACTION_TIMEOUT', message: expect.stringContaining('no heartbeat') });
    await supervisor.stopAll();
  });
});

describe('PlaybookTriggers', () => {
  it('runs a module trigger for an enabled playbook, restarts it after a crash from its checkpoint, and stops it on disable', async () => {
    const { store, engine, ply, starts } = await setup();
    const { id } = await engine.create({ name: 'Ticks', trigger: { type: 'module', module: 'feeds', trigger: 'ticker', next: ['keep'] }, nodes: { keep: { type: 'store', set: { n: '{{ trigger.n }}' } } } });
    await engine.enable(id);
    const triggers = new PlaybookTriggers({ ply, store, engine, restart: FAST, syncIntervalMs: 20 });
    triggers.start();
    // The trigger checkpoints after each emit resolves, so wait for the sixth checkpoint too.
    await vi.waitFor(async () => {
      expect((await store.executions.list({ playbookId: id })).length).toBeGreaterThanOrEqual(6);
      expect(await store.checkpoints.read('trigger', id)).toBe(6);
    }, WAIT_FOR);
    expect(starts.ticker).toBe(2);
    const events = (await store.executions.list({ playbookId: id })).map((e) => (e.triggerEvent as { n: number }).n).sort((a, b) => a - b);
    expect(events).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await store.checkpoints.read('trigger', id)).toBe(6);
    await engine.disable(id);
    await vi.waitFor(async () => expect(await triggers.status()).toEqual([]), WAIT_FOR);
    await triggers.stop();
    await engine.shutdown(1000);
    await store.close();
  });

  it('runs a schedule trigger (cron with seconds) until the playbook is disabled', async () => {
    const { store, engine, ply } = await setup();
    const { id } = await engine.create({ name: 'Every second', trigger: { type: 'schedule', cron: '* * * * * *', next: ['keep'] }, nodes: { keep: { type: 'store', set: { at: '{{ trigger.scheduled_at }}' } } } });
    await engine.enable(id);
    const triggers = new PlaybookTriggers({ ply, store, engine, restart: FAST, syncIntervalMs: 20 });
    triggers.start();
    await vi.waitFor(async () => expect((await store.executions.list({ playbookId: id })).length).toBeGreaterThanOrEqual(1), WAIT_FOR);
    expect((await triggers.status())[0]).toMatchObject({ id, kind: 'schedule', state: 'running' });
    expect((await store.executions.list({ playbookId: id }))[0]!.triggerEvent).toEqual({ scheduled_at: expect.any(String) });
    await engine.disable(id);
    await triggers.sync();
    expect(await triggers.status()).toEqual([]);
    await triggers.stop();
    await engine.shutdown(1000);
    await store.close();
  });
});

describe('IntakeSink and connectors', () => {
  it('batches by count, bytes and time', async () => {
    // A fake clock: the batch cut by time leaves exactly when maxDelayMs has passed, not before.
    vi.useFakeTimers();
    const batches: unknown[][] = [];
    const sink = new IntakeSink({ transport: { send: async (events) => (batches.push(events), events.map((_, i) => `id-${batches.length}-${i}`)) }, maxEvents: 3, maxBytes: 40, maxDelayMs: 20 });
    const pushed = sink.push([1, 2, 3, 4]);
    await vi.advanceTimersByTimeAsync(0);
    // By count: the first three leave at once; the fourth waits for company.
    expect(batches).toEqual([[1, 2, 3]]);
    await vi.advanceTimersByTimeAsync(19);
    expect(batches).toEqual([[1, 2, 3]]);
    // By time: alone, it leaves once maxDelayMs has passed.
    await vi.advanceTimersByTimeAsync(1);
    expect(batches.slice(0, 2)).toEqual([[1, 2, 3], [4]]);
    const ids = await pushed;
    expect(ids).toEqual(['id-1-0', 'id-1-1', 'id-1-2', 'id-2-0']);
    // By bytes: two 32-byte events do not fit in one 40-byte batch.
    const big = sink.push(['x'.repeat(30), 'y'.repeat(30)]);
    await vi.advanceTimersByTimeAsync(20);
    await big;
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
    const { store, ply, source } = await setup();
    source.events = Array.from({ length: 20 }, (_, n) => n);
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
    await vi.waitFor(() => expect(supervisor.status()[0]!.restarts).toBeGreaterThanOrEqual(1), WAIT_FOR);
    // The intake failed after 10 events: the checkpoint never passed them.
    expect(await store.checkpoints.read('connector', 'pump-1')).toBe(10);
    failing = false;
    await vi.waitFor(async () => expect(await store.checkpoints.read('connector', 'pump-1')).toBe(20), WAIT_FOR);
    await supervisor.stopAll();
    expect([...new Set(received)].sort((a, b) => a - b)).toEqual(source.events);
    await store.close();
  });
});
