import { defineAction } from '@ply/core';
import { z } from 'zod';
import { sekoiaApiOf } from './endpoint-call.js';
import { EventSearchJob } from './event-search-job.js';
import { MAX_SEARCH_LIMIT, searchJobArguments } from './search-arguments.js';
import { REFERENCE_SEARCH_JOB_LIMITS, type SearchJobLimits } from './search-job-limits.js';

/** Get Event Field Common Values, waiting for its search job within `limits`. */
export function createGetEventFieldCommonValues(limits: SearchJobLimits = REFERENCE_SEARCH_JOB_LIMITS) {
  return defineAction({
    uuid: 'e26662f6-c40d-45ae-bd3f-4f1a13684ffb',
    slug: 'get_event_field_common_values',
    name: 'Get Event Field Common Values',
    description: 'Get the most common values of fields observed under a specific query',
    group: 'Getters',
    arguments: z
      .object({
        query: searchJobArguments.query,
        earliest_time: searchJobArguments.earliest_time,
        latest_time: searchJobArguments.latest_time,
        fields: z.string().describe('Fields to compute the most common values (use a coma between fields)'),
        limit: searchJobArguments.limit,
      })
      .meta({ title: 'Arguments' }),
    results: z.object({
      fields: z.array(
        z.object({
          name: z.string(),
          common_values: z.array(z.looseObject({ name: z.string().optional(), value: z.unknown().optional() })),
        }),
      ),
    }),
    async run(ctx, args) {
      const requested = new Set(args.fields.split(',').map((field) => field.trim()).filter(Boolean));
      const limit = Math.min(MAX_SEARCH_LIMIT, Math.floor(args.limit));
      const job = await EventSearchJob.create(sekoiaApiOf(ctx), { ...args, limit }, { limits, signal: ctx.signal, log: ctx.log });
      await job.waitUntilDone();
      const found = await job.fields(requested);
      return { fields: [...found].map(([name, values]) => ({ name, common_values: values ?? [] })) };
    },
  });
}
