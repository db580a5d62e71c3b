import { PlyError } from '@ply/core';
import { unwrapEvent } from '@ply/plugin-stix/model';
import { z } from 'zod';
import { asInputError } from './misp-input.js';
import { misp } from './module.js';

const eventSchema = z.record(z.string(), z.unknown());

/** The event of MISP's answer (`{"Event": {...}}`), or a clear error when MISP answered something else. */
function answeredEvent(body: unknown, call: string): Record<string, unknown> & { id: string } {
  const event = (body as { Event?: unknown } | undefined)?.Event as Record<string, unknown> | undefined;
  const id = event?.['id'];
  if (!event || (typeof id !== 'string' && typeof id !== 'number')) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `MISP answered ${call} without an event id`);
  return { ...event, id: String(id) };
}

export const publishEventAction = misp.action({
  uuid: '14a89812-1d7b-46bb-a300-4a98cdff8e69',
  slug: 'publish_event',
  docker_parameters: 'publish-to-misp',
  name: 'Publish Event',
  description: 'Publish an event on a MISP server',
  arguments: z
    .object({
      event: eventSchema.optional().describe('MISP event ({"Event": {...}} or the event itself, with at least "info")'),
      event_path: z.string().optional().describe('MISP event (from file)'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .object({
      event: z.looseObject({}).optional().describe('Published MISP event'),
      event_path: z.string().optional().describe('Published MISP event (to file)'),
    })
    .meta({ title: 'Results' }),
  async run(ctx, args) {
    if ((args.event === undefined) === (args.event_path === undefined)) throw new PlyError('PLY_INVALID_INPUT', 'give exactly one of event and event_path', { details: { argument: 'event' } });
    const argument = args.event === undefined ? 'event_path' : 'event';
    const input = args.event ?? (await ctx.files.readJson(args.event_path!));
    const event = asInputError(() => unwrapEvent(input), argument);
    // Not idempotent: a 5xx after MISP stored the event would create it twice if repeated.
    const added = answeredEvent((await misp.request(ctx, { method: 'POST', path: 'events/add', json: { Event: event } })).body, 'events/add');
    const id = encodeURIComponent(added.id);
    await misp.request(ctx, { method: 'POST', path: `events/publish/${id}`, idempotent: true, notFound: `the event ${added.id} just added` });
    const published = answeredEvent((await misp.request(ctx, { path: `events/view/${id}`, notFound: `the event ${added.id} just published` })).body, 'events/view');
    ctx.log.info('MISP event published', { eventId: published.id, uuid: published['uuid'] });
    return args.event_path === undefined ? { event: published } : { event_path: await ctx.files.writeJson('misp-event.json', { Event: published }) };
  },
});
