import { setTimeout as wait } from 'node:timers/promises';
import { PlyError, isPlyError, type TriggerContext } from '@ply/core';
import { z } from 'zod';
import type { SekoiaConfiguration } from '../configuration.js';
import { sekoia } from '../module.js';
import { SekoiaApi } from '../sekoia-api.js';
import { REFERENCE_FEED_OPTIONS, type FeedOptions } from './feed-options.js';
import { resolveSources, type SourcesCache } from './feed-sources.js';

const DEFAULT_FEED = 'd6092c37-d8d7-45c3-8aff-c4dc26030608';

export const feedArguments = z
  .object({
    feed_id: z.string().default(DEFAULT_FEED).describe('ID of the Sekoia.io feed to get data from'),
    batch_size_limit: z.int().default(200).describe('Size of the batch of elements to get from the Sekoia.io feed in one time'),
    modified_after: z.string().optional().describe('Date from which IOCs should be retrieved. It must be a valid RFC-3339 date-time string (i.e. 2024-04-12T23:20:50.52Z)'),
    resolve_sources: z.boolean().default(false).describe('Adding x_inthreat_sources field in all objects with the resolved names and confidences of the sources'),
  })
  .meta({ title: 'Feed consumption configuration' });

type Args = z.output<typeof feedArguments>;
/** The checkpoint: the next cursor of each feed, as the reference keeps it in `context.json`. */
type Checkpoint = { cursors?: Record<string, string | null> };
type Page = { items?: unknown[]; next_cursor?: string | null };

export interface FeedTriggerSpec {
  uuid: string;
  slug: string;
  name: string;
  description: string;
  docker_parameters: string;
  /** Query parameters besides the cursor and `limit` (the IOC feed keeps only indicators). */
  query: (firstRun: boolean) => Record<string, string>;
}

/** One batch: `GET api/v2/inthreat/collections/{feed}/objects`, the sources resolved if asked, the objects written to a file and emitted, the cursor kept. */
async function nextBatch(spec: FeedTriggerSpec, ctx: TriggerContext<SekoiaConfiguration, { stix_objects_path: string }>, api: SekoiaApi, args: Args, state: { firstRun: boolean; sources: SourcesCache }): Promise<number> {
  const checkpoint = ((await ctx.checkpoint.get()) ?? {}) as Checkpoint;
  const cursor = checkpoint.cursors?.[args.feed_id];
  const query: Record<string, string | number> = { limit: args.batch_size_limit, ...spec.query(state.firstRun) };
  if (cursor) query['cursor'] = cursor;
  else if (args.modified_after) query['modified_after'] = args.modified_after;
  const page = await api.request<Page>(`v2/inthreat/collections/${encodeURIComponent(args.feed_id)}/objects`, { query });
  const objects = Array.isArray(page?.items) ? page.items : [];
  if (args.resolve_sources) await resolveSources(api, objects, state.sources, ctx.log);
  if (objects.length > 0) {
    ctx.log.info(`fetched ${objects.length} objects from the feed`, { feed: args.feed_id });
    const path = await ctx.files.writeJson('stix_objects.json', objects);
    await ctx.emit({ stix_objects_path: path });
    // After the emit resolved (the run is durable): a restart reads on from the next batch.
    await ctx.checkpoint.set({ ...checkpoint, cursors: { ...checkpoint.cursors, [args.feed_id]: page.next_cursor ?? null } });
  }
  ctx.heartbeat();
  return objects.length;
}

/** A feed trigger: pages through a Sekoia.io intelligence feed by cursor, resumes from its checkpoint. */
export function createFeedTrigger(spec: FeedTriggerSpec, options: FeedOptions = REFERENCE_FEED_OPTIONS) {
  return sekoia.trigger({
    uuid: spec.uuid,
    slug: spec.slug,
    name: spec.name,
    description: spec.description,
    docker_parameters: spec.docker_parameters,
    arguments: feedArguments,
    results: z.looseObject({ stix_objects_path: z.string().describe('Filepath of the STIX objects fetched from the collection') }).meta({ title: 'Results' }),
    async start(ctx, args) {
      const api = SekoiaApi.fromModuleConfiguration(ctx.http, ctx.config);
      const state = { firstRun: true, sources: new Map() as SourcesCache };
      let succeeded = false;
      ctx.log.info('starting the feed consumption', { feed: args.feed_id });
      while (!ctx.signal.aborted) {
        let fetched: number;
        try {
          fetched = await nextBatch(spec, ctx, api, args, state);
          succeeded = true;
        } catch (error) {
          if (ctx.signal.aborted) break;
          const status = isPlyError(error) ? error.details['status'] : undefined;
          // As the reference: a failure before any success stops the trigger (wrong feed, wrong key); later ones are retried.
          if (!succeeded || status === 401 || status === 403) {
            if (status === 401 || status === 403) throw new PlyError('PLY_CONFIGURATION_INVALID', `the Sekoia.io API key was refused by the feed API (HTTP ${String(status)})`, { details: { status } });
            throw error;
          }
          ctx.log.error('failed to get data from the feed', { feed: args.feed_id, error: error instanceof Error ? error.message : String(error) });
          await wait(options.errorDelayMs, undefined, { signal: ctx.signal }).catch(() => undefined);
          continue;
        }
        if (fetched < args.batch_size_limit) {
          state.firstRun = false;
          await wait(options.frequencyMs, undefined, { signal: ctx.signal }).catch(() => undefined);
        }
      }
    },
  });
}
