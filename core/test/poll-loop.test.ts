import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runTestTrigger, startFakeServer, stopAfterEach } from '@ply/kit/testing';
import { PlyError, defineModule, pollUntilStopped } from '../src/index.js';

// A generic feed API on 127.0.0.1: these tests prove the mechanics of the shared poll loop through
// the real kernel (real timers, short intervals); each plugin's own tests fake its real vendor.
const track = stopAfterEach(afterEach);

const KEY = 'Poll-Key+51/secret';

/** A feed answering `GET /feed` with the number of the request; `answers` queues statuses to send first. */
async function feed(answers: number[] = []) {
  const state = { requests: 0 };
  const app = new Hono();
  app.get('/feed', (c) => {
    state.requests += 1;
    const status = answers.shift();
    if (status !== undefined) return c.json({ message: `status ${status}` }, status as 401);
    if (c.req.header('authorization') !== `Bearer ${KEY}`) return c.json({ message: 'Not authenticated.' }, 401);
    return c.json({ poll: state.requests });
  });
  const server = track(await startFakeServer(app.fetch));
  return { url: server.url, state };
}

function pollingPlugin() {
  const acme = defineModule({
    uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000f0',
    slug: 'acme',
    name: 'Acme Feed',
    description: 'A feed',
    categories: ['Threat Intelligence'],
    configuration: z.object({ url: z.string(), api_key: z.string().meta({ secret: true }) }),
    engines: { ply: '>=0.1.0' },
    http: { baseUrl: (config) => config.url, auth: { type: 'bearer', token: (config) => config.api_key } },
  });
  const trigger = acme.trigger({
    uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000f1',
    slug: 'feed',
    name: 'Feed',
    description: 'Polls the feed',
    docker_parameters: 'acme_feed',
    arguments: z.object({ interval_ms: z.number() }),
    results: z.object({ poll: z.number() }),
    async start(ctx, args) {
      await pollUntilStopped(ctx, {
        vendor: 'Acme',
        intervalMs: args.interval_ms,
        backoff: { baseDelayMs: 5, maxDelayMs: 20 },
        poll: async () => {
          const { body } = await acme.request(ctx, { method: 'GET', path: 'feed' });
          await ctx.emit(body as { poll: number });
        },
      });
    },
  });
  return acme.plugin({ triggers: [trigger] });
}

function start(url: string, intervalMs: number, apiKey = KEY) {
  return track(runTestTrigger({ plugin: pollingPlugin(), trigger: 'feed', configuration: { url, api_key: apiKey }, arguments: { interval_ms: intervalMs }, settings: { httpRetry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } } }));
}

describe('pollUntilStopped', () => {
  it('polls at once, then again after each interval, with a heartbeat before every poll', async () => {
    const api = await feed();
    const trigger = start(api.url, 10);
    const events = await trigger.waitForEvents(3);
    expect(events.map((e) => e.event)).toEqual([{ poll: 1 }, { poll: 2 }, { poll: 3 }]);
    expect(trigger.heartbeats()).toBeGreaterThanOrEqual(3);
  });

  it('returns when the signal aborts in the middle of a long wait, without an error', async () => {
    const api = await feed();
    const trigger = start(api.url, 3_600_000);
    await trigger.waitForEvents(1);
    expect(await trigger.stop()).toBeUndefined();
    expect(api.state.requests).toBe(1);
  });

  it('stops with PLY_CONFIGURATION_INVALID naming the vendor on a 401, without asking again', async () => {
    const api = await feed();
    const trigger = start(api.url, 5, 'wrong-key');
    const error = await trigger.waitForEvents(1).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PlyError);
    expect((error as PlyError).code).toBe('PLY_CONFIGURATION_INVALID');
    expect((error as PlyError).message).toContain('Acme refused the credentials');
    expect((error as PlyError).details['status']).toBe(401);
    expect(api.state.requests).toBe(1);
  });

  it('stops on a 403 the same way', async () => {
    const api = await feed([403]);
    const error = await start(api.url, 5).waitForEvents(1).catch((failure: unknown) => failure);
    expect((error as PlyError).code).toBe('PLY_CONFIGURATION_INVALID');
    expect((error as PlyError).details['status']).toBe(403);
  });

  it('logs a failed poll as a warning and recovers with backoff, then emits', async () => {
    const api = await feed([503, 500, 502]);
    const trigger = start(api.url, 10_000);
    const events = await trigger.waitForEvents(1);
    expect(events[0]!.event).toEqual({ poll: 4 });
    const warnings = trigger.logs.records('Acme poll failed; trying again');
    expect(warnings.map((w) => w['failures'])).toEqual([1, 2, 3]);
    expect(warnings.every((w) => Number(w['retryInMs']) <= 20)).toBe(true);
    expect(trigger.logs.text()).not.toContain(KEY);
  });
});
