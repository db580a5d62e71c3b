import { z } from 'zod';
import { defineAction } from '@ply/core';
import { definePlugin } from '@ply/core';
import { PlyError } from '@ply/core';
import { openStoreOn, type Backend } from './test-servers.js';
import { PlaybookEngine } from '../src/playbooks/playbook-engine.js';
import { createTestPly } from '@ply/kit/testing';
import { writeFixtureModule } from '@ply/kit/testing';

/** Calls per `key` of the `flaky` action, so a test can make it fail a set number of times. */
export const flakyCalls = new Map<string, number>();

/** How many `gauge` actions run right now, and the most seen at once. */
export const gauge = { inFlight: 0, max: 0 };

/** Small actions for playbook tests: pure, failing on demand, slow, and one that sees a secret. */
export const playbookPlugin = definePlugin({
  module: {
    uuid: '7c2d9a10-0000-4000-8000-00000000a000',
    slug: 'tools',
    name: 'Tools',
    description: 'Actions for playbook engine tests',
    categories: ['Generic'],
    configuration: z.object({ api_key: z.string().meta({ secret: true }).optional(), region: z.string().default('eu') }),
    engines: { ply: '>=0.1.0' },
  },
  actions: {
    echo: defineAction({
      uuid: '7c2d9a10-0000-4000-8000-00000000a001',
      slug: 'echo',
      name: 'Echo',
      description: 'Returns its text and number',
      arguments: z.object({ text: z.string(), number: z.number().int().optional(), list: z.array(z.unknown()).optional() }),
      results: z.object({ text: z.string(), number: z.number().optional(), list: z.array(z.unknown()).optional(), region: z.string() }),
      run: (ctx, args) => ({ text: args.text, number: args.number, list: args.list, region: String(ctx.config['region']) }),
    }),
    score: defineAction({
      uuid: '7c2d9a10-0000-4000-8000-00000000a002',
      slug: 'score',
      name: 'Score',
      description: 'Returns a score for an alert',
      arguments: z.object({ alert: z.string() }),
      results: z.object({ alert: z.string(), score: z.number() }),
      run: (_ctx, args) => ({ alert: args.alert, score: args.alert.startsWith('URGENT') ? 90 : 10 }),
    }),
    flaky: defineAction({
      uuid: '7c2d9a10-0000-4000-8000-00000000a003',
      slug: 'flaky',
      name: 'Flaky',
      description: 'Fails (operational error) until it has been called `fail_times` times for `key`',
      arguments: z.object({ key: z.string(), fail_times: z.number().int() }),
      results: z.object({ calls: z.number() }),
      run: (_ctx, args) => {
        const calls = (flakyCalls.get(args.key) ?? 0) + 1;
        flakyCalls.set(args.key, calls);
        if (calls <= args.fail_times) throw new PlyError('PLY_VENDOR_HTTP_ERROR', `vendor answered 503 (call ${calls})`, { details: { status: 503 } });
        return { calls };
      },
    }),
    sleep: defineAction({
      uuid: '7c2d9a10-0000-4000-8000-00000000a004',
      slug: 'sleep',
      name: 'Sleep',
      description: 'Waits `ms` milliseconds (stops when aborted)',
      arguments: z.object({ ms: z.number().int() }),
      results: z.object({ slept: z.number() }),
      run: (ctx, args) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => resolve({ slept: args.ms }), args.ms);
          ctx.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(ctx.signal.reason);
          });
        }),
    }),
    gauge: defineAction({
      uuid: '7c2d9a10-0000-4000-8000-00000000a006',
      slug: 'gauge',
      name: 'Gauge',
      description: 'Counts how many of its runs overlap, waiting `ms` milliseconds',
      arguments: z.object({ ms: z.number().int() }),
      results: z.object({ overlapping: z.number() }),
      run: async (_ctx, args) => {
        gauge.inFlight += 1;
        gauge.max = Math.max(gauge.max, gauge.inFlight);
        const overlapping = gauge.inFlight;
        await new Promise((resolve) => setTimeout(resolve, args.ms));
        gauge.inFlight -= 1;
        return { overlapping };
      },
    }),
    refuse: defineAction({
      uuid: '7c2d9a10-0000-4000-8000-00000000a007',
      slug: 'refuse',
      name: 'Refuse',
      description: 'Fails as a vendor that quotes what it was sent (or, with the account, the path of the account key as a URL) in its error',
      arguments: z.object({ text: z.string().optional() }),
      results: z.object({}),
      run: (ctx, args) => {
        const quoted = args.text ?? new URL(String(ctx.config['api_key'])).pathname;
        ctx.log.warn(`vendor refused ${quoted}`);
        throw new PlyError('PLY_VENDOR_HTTP_ERROR', `vendor answered 404: Cannot POST ${quoted}`, { details: { status: 404 } });
      },
    }),
    whoami: defineAction({
      uuid: '7c2d9a10-0000-4000-8000-00000000a005',
      slug: 'whoami',
      name: 'Who am I',
      description: 'Returns a text quoting the account key (a careless vendor echo), to prove records mask it',
      arguments: z.object({ password: z.string().meta({ secret: true }).optional() }),
      results: z.object({ echo: z.string() }),
      run: (ctx) => ({ echo: `key=${String(ctx.config['api_key'])}` }),
    }),
  },
});

/** A Ply with the tools plugin, a store in its temp `$PLY_HOME` (or on the test PostgreSQL) and an engine on top. */
export async function setupEngine(options: { maxConsecutiveFailures?: number; backend?: Backend } = {}) {
  const moduleDir = writeFixtureModule(playbookPlugin);
  const test = createTestPly({ plugins: [{ moduleDir, plugin: playbookPlugin }] });
  const store = await openStoreOn(options.backend ?? 'sqlite', { home: test.home, secretKey: Buffer.alloc(32, 7) });
  const engine = new PlaybookEngine({ ply: test.ply, store, ...(options.maxConsecutiveFailures !== undefined ? { maxConsecutiveFailures: options.maxConsecutiveFailures } : {}) });
  return { ...test, store, engine, moduleDir };
}

/** Creates, enables and returns the id of a playbook. */
export async function enabled(engine: PlaybookEngine, document: unknown): Promise<string> {
  const { id } = await engine.create(document);
  await engine.enable(id);
  return id;
}
