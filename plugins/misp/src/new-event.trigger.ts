import { PlyError, pollUntilStopped, type TriggerContext } from '@ply/core';
import { z } from 'zod';
import type { MispConfiguration } from './configuration.js';
import { misp } from './module.js';

/** A first run (no checkpoint) reads the events published in the last hour. */
const FIRST_LOOKBACK_SECONDS = 3600;
/** Events per restSearch page, and the pages one poll reads at most. */
const PAGE_LIMIT = 50;
const MAX_PAGES = 20;

/** The last acknowledged publish timestamp, and the uuids already emitted at that timestamp. */
interface Checkpoint {
  publish_timestamp: number;
  uuids: string[];
}

type MispEventJson = Record<string, unknown> & { uuid: string; publish_timestamp: string | number; Attribute?: unknown[] };
type Context = TriggerContext<MispConfiguration, { event: Record<string, unknown> }>;

/** The events published at or after `since`, every page (`page`, `limit`), oldest first. */
async function publishedSince(ctx: Context, since: number): Promise<MispEventJson[]> {
  const events: MispEventJson[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const { body } = await misp.request(ctx, { method: 'POST', path: 'events/restSearch', idempotent: true, json: { returnFormat: 'json', publish_timestamp: since, published: true, page, limit: PAGE_LIMIT } });
    const list = (body as { response?: unknown } | undefined)?.response;
    if (!Array.isArray(list)) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'MISP answered events/restSearch without a "response" list');
    for (const item of list) {
      const event = (item as { Event?: MispEventJson }).Event;
      if (event && typeof event.uuid === 'string') events.push(event);
    }
    if (list.length < PAGE_LIMIT) break;
  }
  return events.sort((a, b) => Number(a.publish_timestamp) - Number(b.publish_timestamp));
}

/** Drops the attributes older than `seconds` (the reference's attributes_filter; 0 keeps all). */
function filterAttributes(event: MispEventJson, seconds: number): Record<string, unknown> {
  if (seconds <= 0 || !Array.isArray(event.Attribute)) return event;
  const oldest = Date.now() / 1000 - seconds;
  return { ...event, Attribute: event.Attribute.filter((attribute) => Number((attribute as { timestamp?: unknown }).timestamp ?? 0) >= oldest) };
}

/** One poll: each new event emitted once, the checkpoint moved after each acknowledged emission. */
async function poll(ctx: Context, args: { sleep_time: number; attributes_filter: number }): Promise<void> {
  const checkpoint = ((await ctx.checkpoint.get()) as Checkpoint | undefined) ?? { publish_timestamp: Math.floor(Date.now() / 1000) - FIRST_LOOKBACK_SECONDS, uuids: [] };
  let current = checkpoint;
  for (const event of await publishedSince(ctx, checkpoint.publish_timestamp)) {
    if (ctx.signal.aborted) return;
    const at = Number(event.publish_timestamp);
    if (at < current.publish_timestamp || (at === current.publish_timestamp && current.uuids.includes(event.uuid))) continue;
    await ctx.emit({ event: filterAttributes(event, args.attributes_filter) });
    current = at === current.publish_timestamp ? { publish_timestamp: at, uuids: [...current.uuids, event.uuid] } : { publish_timestamp: at, uuids: [event.uuid] };
    await ctx.checkpoint.set(current);
  }
}

export const newEventTrigger = misp.trigger({
  uuid: 'f9e8cf2c-065f-4116-89dd-ff2cfe7f452a',
  slug: 'new_event',
  docker_parameters: 'trigger',
  name: 'New Event',
  description: 'Trigger a playbook on a new MISP event',
  arguments: z
    .object({
      sleep_time: z.number().positive().default(60).describe('Time in seconds the worker sleeps between the checks of new events'),
      attributes_filter: z.int().min(0).default(0).describe('Time in seconds after which attributes are no longer considered new (0 for no filter)'),
    })
    .meta({ title: 'Trigger Arguments' }),
  results: z.object({ event: z.looseObject({}).describe('MISP event') }).meta({ title: 'Results' }),
  async start(ctx, args) {
    await pollUntilStopped(ctx, { vendor: 'MISP', intervalMs: args.sleep_time * 1000, poll: () => poll(ctx, args) });
  },
});
