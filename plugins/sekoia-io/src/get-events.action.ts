import { defineAction } from '@ply/core';
import { z } from 'zod';
import { sekoiaApiOf } from './endpoint-call.js';
import { EventSearchJob } from './event-search-job.js';
import { MAX_SEARCH_LIMIT, searchJobArguments } from './search-arguments.js';
import { REFERENCE_SEARCH_JOB_LIMITS, type SearchJobLimits } from './search-job-limits.js';

/** Get Events, waiting for its search job within `limits` (the reference's by default). */
export function createGetEvents(limits: SearchJobLimits = REFERENCE_SEARCH_JOB_LIMITS) {
  return defineAction({
    uuid: 'af0b4355-a428-43d6-991c-d5ff878e17d5',
    slug: 'get_events',
    name: 'Get Events',
    description: 'Query events',
    group: 'Getters',
    arguments: z
      .object({
        ...searchJobArguments,
      })
      .meta({ title: 'Arguments' }),
    results: z.object({ events: z.array(z.record(z.string(), z.unknown())) }),
    async run(ctx, args) {
      const limit = Math.min(MAX_SEARCH_LIMIT, Math.floor(args.limit));
      const job = await EventSearchJob.create(sekoiaApiOf(ctx), { ...args, limit }, { limits, signal: ctx.signal, log: ctx.log });
      await job.waitUntilDone();
      return { events: (await job.events(limit)) as Array<Record<string, unknown>> };
    },
  });
}
