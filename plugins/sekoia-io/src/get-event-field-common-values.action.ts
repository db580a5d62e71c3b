import { defineAction } from '@ply/core';
import { z } from 'zod';
import { sekoiaApiOf } from './endpoint-call.js';
import { EventSearchJob } from './event-search-job.js';
import { REFERENCE_SEARCH_JOB_LIMITS, type SearchJobLimits } from './search-job-limits.js';

const MAX_LIMIT = 100;

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
        query: z.string().describe('Event search query'),
        earliest_time: z.string().describe('The earliest time of the time range of the search'),
        latest_time: z.string().describe('The latest time of the time range of the search'),
        fields: z.string().describe('Fields to compute the most common values (use a coma between fields)'),
        limit: z.number().min(1).max(MAX_LIMIT).default(100).describe('Maximum number of events to retrieve'),
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
      const limit = Math.min(MAX_LIMIT, Math.floor(args.limit));
      const job = await EventSearchJob.create(sekoiaApiOf(ctx), { ...args, limit }, { limits, signal: ctx.signal, log: ctx.log });
      await job.waitUntilDone();
      const found = await job.fields(requested);
      return { fields: [...found].map(([name, values]) => ({ name, common_values: values ?? [] })) };
    },
  });
}
