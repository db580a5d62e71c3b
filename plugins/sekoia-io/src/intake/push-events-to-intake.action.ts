import { unlink } from 'node:fs/promises';
import { isPlyError, type ActionContext } from '@ply/core';
import { z } from 'zod';
import { deadlineError } from '../events/job-deadline.js';
import { sekoia } from '../module.js';
import { chunkEvents, REFERENCE_CHUNK_LIMITS, type ChunkLimits } from './intake-chunks.js';
import { PUSH_RUN_TIMEOUT_MS, REFERENCE_INTAKE_SEND, sendChunks, type IntakeSendOptions } from './intake-client.js';

const argumentsSchema = z
  .object({
    intake_key: z.string().meta({ secret: true }).describe('Intake Key'),
    intake_server: z.string().default('https://intake.sekoia.io').describe("Server of the intake server (e.g. 'https://intake.sekoia.io')"),
    event: z.union([z.record(z.string(), z.unknown()), z.string()]).optional().describe('Event to push on Intake'),
    event_path: z.string().optional().describe('File path to the event to push on Intake'),
    events: z.array(z.unknown()).optional().describe('Events to push on Intake'),
    events_path: z.string().optional().describe('File path to the events to push on Intake'),
    keep_file_after_push: z
      .boolean()
      .default(false)
      .describe('If set and if the events are supplied through a file, this option keeps the file after the events were sent to the intake'),
  })
  .meta({ title: 'push-events-to-intake' });

type PushArguments = z.output<typeof argumentsSchema>;

/** Strings go as they are; anything else as its JSON text (as the reference's `json.dumps`). */
const serialise = (event: unknown): string => (typeof event === 'string' ? event : JSON.stringify(event));

/**
 * The events to push, `event` first then `events`. The schema declares `event_path` and
 * `events_path`, so the executor leaves them to the action: it reads them from the run's files
 * (and deletes them after the push unless `keep_file_after_push`), as the reference does.
 */
async function collectEvents(ctx: ActionContext<unknown>, args: PushArguments): Promise<{ events: string[]; files: string[] }> {
  const files: string[] = [];
  let event: unknown = args.event;
  if (event === undefined && args.event_path !== undefined) {
    event = await ctx.files.readJson(args.event_path);
    files.push(args.event_path);
  }
  let events: unknown = args.events;
  if (events === undefined && args.events_path !== undefined) {
    events = await ctx.files.readJson(args.events_path);
    files.push(args.events_path);
  }
  const all: string[] = [];
  if (event !== undefined && event !== null && event !== '') all.push(serialise(event));
  if (Array.isArray(events)) all.push(...events.map(serialise));
  return { events: all, files };
}

/** Push Events to Intake with the given chunk bounds and sending policy (the reference's by default). */
export function createPushEventsToIntake(options: { chunks?: ChunkLimits; send?: IntakeSendOptions } = {}) {
  const limits = options.chunks ?? REFERENCE_CHUNK_LIMITS;
  const send = options.send ?? REFERENCE_INTAKE_SEND;
  return sekoia.action({
    uuid: '10314466-ac0c-4067-8e81-4093e3d1e1da',
    slug: 'push_events_to_intake',
    name: 'Push Events to Intake',
    description: 'Push one event or a list of events (given inline or in a file) to a Sekoia.io intake, in chunks, and return their event ids',
    docker_parameters: 'push-events-to-intake',
    group: 'Setters',
    // The reference retries a chunk for up to an hour.
    timeoutMs: PUSH_RUN_TIMEOUT_MS,
    arguments: argumentsSchema,
    results: z.looseObject({ event_ids: z.array(z.string()).optional() }),
    async run(ctx, args) {
      const { events, files } = await collectEvents(ctx, args);
      if (events.length === 0) {
        ctx.log.info('no event to push');
        return { event_ids: [] };
      }
      const { chunks, skipped } = chunkEvents(events, limits);
      if (skipped > 0) ctx.log.warn(`${skipped} too long events were discarded`, { skipped, maxEventBytes: limits.maxEventBytes });
      let eventIds: string[];
      try {
        eventIds = await sendChunks(ctx.http, ctx.log, { intakeServer: args.intake_server, intakeKey: args.intake_key }, chunks, send);
      } catch (error) {
        const sent = isPlyError(error) ? `${String(error.details['sent'])} of ${String(error.details['total'])}` : 'some';
        throw deadlineError(ctx.signal, `events were still being pushed to the intake (${sent} events sent)`, error);
      }
      ctx.log.info('events pushed to the intake', { events: eventIds.length, chunks: chunks.length, skipped });
      if (!args.keep_file_after_push) for (const file of files) await unlink(ctx.files.resolve(file)).catch(() => undefined);
      return { event_ids: eventIds };
    },
  });
}
