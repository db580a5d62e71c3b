import { PlyError, isPlyError, sleep, type TriggerContext } from '@ply/core';
import { z } from 'zod';
import { panda, type pandaConfigurationSchema } from './module.js';

/** WatchGuard's security event types, as the reference's trigger reads them. */
export const EVENT_TYPES: Record<number, string> = {
  1: 'Malware',
  2: 'PUPs (Potentially Unwanted Programs)',
  3: 'Blocked Programs',
  4: 'Exploits',
  5: 'Blocked by Advanced Security',
  6: 'Virus',
  7: 'Spyware',
  8: 'Hacking Tools and PUPs detected by Antivirus',
  9: 'Phishing',
  10: 'Suspicious',
  11: 'Dangerous Actions',
  12: 'Tracking Cookies',
  13: 'Malware URLs',
  14: 'Other security event by Antivirus',
  15: 'Intrusion Attempts',
  16: 'Blocked Connections',
  17: 'Blocked Devices',
  18: 'Indicators of Attack',
};

const HEARTBEAT_SECONDS = 10;
/** The reference emits at most about this many events of a type per batch. */
const MAX_BATCH = 500;

/** The newest event date read, per event type (RFC 3339 strings compare in time order). */
type Checkpoint = Record<string, string>;

const eventsSchema = z.looseObject({ data: z.array(z.looseObject({})).nullish() }).nullish();

type Context = TriggerContext<z.output<typeof pandaConfigurationSchema>, { events: Array<Record<string, unknown>> }>;

function eventDate(event: Record<string, unknown>): string | undefined {
  const date = event['security_event_date'] ?? event['date'];
  return typeof date === 'string' ? date : undefined;
}

/**
 * One look at a type (`GET securityevents/{type}/export/1`, the last 24 hours): the events newer
 * than its checkpoint date, oldest first, each tagged with `security_event_type`.
 */
async function newEvents(ctx: Context, type: number, since: string): Promise<Array<Record<string, unknown>>> {
  const answer = eventsSchema.safeParse((await panda.request(ctx, { path: `securityevents/${type}/export/1` })).body);
  if (!answer.success) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `WatchGuard answered the security events of type ${type} without a data list`);
  return (answer.data?.data ?? [])
    .filter((event) => (eventDate(event) ?? '') > since)
    .sort((a, b) => (eventDate(a) ?? '').localeCompare(eventDate(b) ?? ''))
    .map((event) => ({ ...event, security_event_type: type }));
}

/**
 * Every `frequency` seconds, the new security events of each of the 18 types, emitted as the
 * reference does (`{events: [...]}`, one event per type and batch); each type's checkpoint moves
 * after its batch was emitted, so a restart neither loses nor repeats events.
 */
export const securityEventsTrigger = panda.trigger({
  uuid: 'c69d4c31-8a75-4dea-9d51-5814ae73c54a',
  slug: 'security_events_trigger',
  name: 'Fetch Security Events',
  description: 'Fetch the last security events',
  docker_parameters: 'security_events_trigger',
  arguments: z.object({ frequency: z.int().positive().meta({ default: 43200 }).describe('Batch frequency in seconds (default 12h)') }).meta({ title: 'Trigger Arguments' }),
  results: z.object({ events: z.array(z.looseObject({})).describe('A list of security events') }).meta({ title: 'Security events' }),
  async start(ctx, args) {
    ctx.log.info('WatchGuard security events trigger started', { frequency: args.frequency });
    // The reference starts a minute back on its first run.
    const firstSince = new Date(Date.now() - 60_000).toISOString();
    let failures = 0;
    while (!ctx.signal.aborted) {
      let wait = args.frequency;
      try {
        for (const type of Object.keys(EVENT_TYPES).map(Number)) {
          if (ctx.signal.aborted) break;
          const checkpoint = ((await ctx.checkpoint.get()) ?? {}) as Checkpoint;
          const events = await newEvents(ctx, type, checkpoint[String(type)] ?? firstSince);
          for (let start = 0; start < events.length; start += MAX_BATCH) {
            const batch = events.slice(start, start + MAX_BATCH);
            await ctx.emit({ events: batch });
            await ctx.checkpoint.set({ ...((await ctx.checkpoint.get()) as Checkpoint | undefined), [String(type)]: eventDate(batch.at(-1)!)! } satisfies Checkpoint);
          }
          if (events.length > 0) ctx.log.info('WatchGuard security events emitted', { type: EVENT_TYPES[type], count: events.length });
          ctx.heartbeat();
        }
        failures = 0;
      } catch (error) {
        if (ctx.signal.aborted) break;
        const status = isPlyError(error) ? Number(error.details['status']) : undefined;
        if (status === 401 || status === 403) throw new PlyError('PLY_CONFIGURATION_INVALID', `WatchGuard refused the credentials (HTTP ${status}): check the access id and secret, the API key and the account id, then restart`, { details: { status }, cause: error });
        failures += 1;
        wait = Math.min(args.frequency, 2 ** Math.min(failures, 8));
        ctx.log.warn('WatchGuard security events: poll failed; trying again', { error: isPlyError(error) ? error.message : String(error), failures, retryInSeconds: wait });
      }
      for (let left = wait; left > 0 && !ctx.signal.aborted; left -= HEARTBEAT_SECONDS) {
        ctx.heartbeat();
        await sleep(Math.min(left, HEARTBEAT_SECONDS) * 1000, ctx.signal).catch(() => undefined);
      }
    }
  },
});
