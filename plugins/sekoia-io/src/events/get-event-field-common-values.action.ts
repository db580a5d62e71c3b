import { z } from 'zod';
import { sekoia } from '../module.js';
import { SekoiaApi } from '../sekoia-api.js';
import { EventSearchJob } from './event-search-job.js';
import { MAX_SEARCH_LIMIT, searchJobArguments } from './search-arguments.js';
import { REFERENCE_SEARCH_JOB_LIMITS, searchRunTimeoutMs, type SearchJobLimits } from './search-job-limits.js';

/** Get Event Field Common Values, waiting for its search job within `limits`. */
export function createGetEventFieldCommonValues(limits: SearchJobLimits = REFERENCE_SEARCH_JOB_LIMITS) {
  return sekoia.action({
    uuid: 'e26662f6-c40d-45ae-bd3f-4f1a13684ffb',
    slug: 'get_event_field_common_values',
    name: 'Get Event Field Common Values',
    description: 'Get the most common values of fields observed under a specific query',
    docker_parameters: 'get-event-field-common-values',
    group: 'Getters',
    timeoutMs: searchRunTimeoutMs(limits),
    arguments: z
      .object({
        query: searchJobArguments.query,
        earliest_time: searchJobArguments.earliest_time,
        latest_time: searchJobArguments.latest_time,
        fields: z.string().describe('Fields to compute the most common values (use a coma between fields)'),
        limit: searchJobArguments.limit,
      })
      .meta({ title: 'Arguments' }),
    results: z.looseObject({
      fields: z.array(z.looseObject({ name: z.string().nullish(), common_values: z.array(z.unknown()).nullish() })).optional(),
    }),
    async run(ctx, args) {
      const requested = new Set(args.fields.split(',').map((field) => field.trim()).filter(Boolean));
      const limit = Math.min(MAX_SEARCH_LIMIT, Math.floor(args.limit));
      const job = await EventSearchJob.create(SekoiaApi.fromModuleConfiguration(ctx.http, ctx.config), { ...args, limit }, { limits, signal: ctx.signal, log: ctx.log });
      await job.waitUntilDone();
      const found = await job.fields(requested);
      return { fields: [...found].map(([name, values]) => ({ name, common_values: values ?? [] })) };
    },
  });
}
