import type { CheckpointStore } from '@ply/core';
import { z } from 'zod';
import { collectEvery } from './collect-loop.js';
import { collectStream, startPosition, type LogsCheckpoint } from './logs-collection.js';
import { sentinelone } from './module.js';

const intakeArguments = {
  frequency: z.int().positive().default(60).describe('Batch frequency in seconds'),
  intake_server: z.string().default('https://intake.sekoia.io').describe("Server of the intake server (e.g. 'https://intake.sekoia.io')"),
  intake_key: z.string().min(1).describe('Intake key to use when sending events'),
};

/** An activity or a threat as the Management API returns it (`GET activities`, `GET threats`). */
export const logEventSchema = z.looseObject({ id: z.string().describe('Identifier of the activity or threat'), createdAt: z.string().optional() }).meta({ title: 'SentinelOne activity or threat' });

type LogEvent = z.input<typeof logEventSchema>;

/** The reference clamps its page sizes: activities 100–1000, threats 1–1000. */
export function batchSizes(args: { activities_batch_size?: number; threats_batch_size?: number }): { activity: number; threat: number } {
  return { activity: Math.min(Math.max(args.activities_batch_size ?? 1000, 100), 1000), threat: Math.min(Math.max(args.threats_batch_size ?? 1000, 1), 1000) };
}

type CollectorContext = Parameters<typeof collectStream>[0] & { checkpoint: CheckpointStore; heartbeat(): void };

/**
 * One collection loop over both consumers, each from its own position (`createdAt`, oldest
 * first): each page's new events are delivered (pushed and acknowledged, or emitted), then that
 * consumer's position is checkpointed.
 */
async function collectAlerts(ctx: CollectorContext, frequency: number, sizes: { activity: number; threat: number }, deliver: (events: LogEvent[]) => Promise<unknown>): Promise<void> {
  await collectEvery(ctx, frequency, 'SentinelOne alerts', async () => {
    let count = 0;
    for (const stream of ['activity', 'threat'] as const) {
      const checkpoint = ((await ctx.checkpoint.get()) ?? {}) as LogsCheckpoint;
      count += await collectStream(ctx, stream, sizes[stream], startPosition(checkpoint[stream]), async (events, position) => {
        await deliver(events as LogEvent[]);
        const latest = ((await ctx.checkpoint.get()) ?? {}) as LogsCheckpoint;
        await ctx.checkpoint.set({ ...latest, [stream]: position } satisfies LogsCheckpoint);
      });
    }
    return count;
  });
}

/** Activities and threats pushed to the intake page by page; a consumer's checkpoint moves only after the intake acknowledged its page. */
export const alertsConnector = sentinelone.connector({
  uuid: '09b4d451-0445-4a4a-91ac-1241550cdbfd',
  slug: 'sentinelone_log_connector',
  name: 'Collect SentinelOne alerts',
  description: 'Collect activities and threats from SentinelOne',
  docker_parameters: 'sentinelone_log_connector',
  arguments: z
    .object({
      ...intakeArguments,
      activities_batch_size: z.int().positive().default(1000).describe('Number of activities to fetch in a single batch'),
      threats_batch_size: z.int().positive().default(1000).describe('Number of threats to fetch in a single batch'),
    })
    .meta({ title: 'SentinelOne logs connector' }),
  results: logEventSchema,
  async start(ctx, args) {
    ctx.log.info('SentinelOne alerts connector started', { frequency: args.frequency });
    await collectAlerts(ctx, args.frequency, batchSizes(args), (events) => ctx.push(events));
  },
});

/**
 * The reference's older form of the same collector, as a trigger (same uuid and docker
 * parameters): each activity or threat is emitted as one event, for playbooks that start on it.
 */
export const alertsTrigger = sentinelone.trigger({
  uuid: '09b4d451-0445-4a4a-91ac-1241550cdbfd',
  slug: 'sentinelone_log_connector',
  name: 'Collect SentinelOne alerts',
  description: 'Collect activities and threats from SentinelOne',
  docker_parameters: 'sentinelone_log_connector',
  arguments: z.object(intakeArguments).meta({ title: 'SentinelOne logs connector' }),
  results: logEventSchema,
  async start(ctx, args) {
    ctx.log.info('SentinelOne alerts trigger started', { frequency: args.frequency });
    await collectAlerts(ctx, args.frequency, batchSizes({}), async (events) => {
      for (const event of events) await ctx.emit(event);
    });
  },
});
