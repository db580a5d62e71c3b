import { z } from 'zod';
import { sekoia } from '../module.js';
import { SekoiaApi } from '../sekoia-api.js';
import { EventSearchJob } from './event-search-job.js';
import { MAX_SEARCH_LIMIT, searchJobArguments } from './search-arguments.js';
import { REFERENCE_SEARCH_JOB_LIMITS, searchRunTimeoutMs, type SearchJobLimits } from './search-job-limits.js';

/** Get Events, waiting for its search job within `limits` (the reference's by default). */
export function createGetEvents(limits: SearchJobLimits = REFERENCE_SEARCH_JOB_LIMITS) {
  return sekoia.action({
    uuid: 'af0b4355-a428-43d6-991c-d5ff878e17d5',
    slug: 'get_events',
    name: 'Get Events',
    description: 'Query events',
    docker_parameters: 'get-events',
    group: 'Getters',
    timeoutMs: searchRunTimeoutMs(limits),
    arguments: z.object({ ...searchJobArguments }).meta({ title: 'Arguments' }),
    results: z.looseObject({ events: z.array(z.unknown()).optional() }),
    async run(ctx, args) {
      const limit = Math.min(MAX_SEARCH_LIMIT, Math.floor(args.limit));
      const job = await EventSearchJob.create(SekoiaApi.fromModuleConfiguration(ctx.http, ctx.config), { ...args, limit }, { limits, signal: ctx.signal, log: ctx.log });
      await job.waitUntilDone();
      return { events: await job.events(limit) };
    },
  });
}
