import { z } from 'zod';
import { indexArgument, v2Index } from './index-mapping.js';
import { censys } from './module.js';
import { resultFileSchema } from './result-file.schema.js';
import { aggregateRequest } from './v2-requests.js';

const DEFAULT_BUCKETS = 50;
const MAX_BUCKETS = 500;

interface Aggregate {
  query?: string;
  field?: string;
  total?: number;
  total_omitted?: number;
  potential_deviation?: number;
  duration?: number;
  buckets?: Array<{ key?: unknown; count?: number }>;
}

/**
 * The v1 report shape the reference's playbooks read (`results[{ key, doc_count }]`, `metadata`),
 * made from a Search 2.0 aggregate; v1's `nonnull_count` has no v2 counterpart and is left out.
 */
export function v1Report(aggregate: Aggregate, buckets: number): Record<string, unknown> {
  return {
    status: 'ok',
    results: (aggregate.buckets ?? []).map((bucket) => ({ key: bucket.key, doc_count: bucket.count })),
    metadata: {
      count: aggregate.total,
      other_result_count: aggregate.total_omitted,
      error_bound: aggregate.potential_deviation,
      buckets,
      query: aggregate.query,
      field: aggregate.field,
      ...(aggregate.duration === undefined ? {} : { backend_time: aggregate.duration }),
    },
  };
}

/** Get Report: the breakdown of a field's values over a query's results (`v2/.../aggregate`), to a results file. */
export const getReportAction = censys.action({
  uuid: '56326172-afcf-4be5-b9d9-326bfce3427d',
  slug: 'get_report',
  name: 'Get Report',
  description: 'Generate a Censys report from results',
  docker_parameters: 'censys-report',
  arguments: z
    .object({
      query: z.string().min(1).describe('Query to execute (Censys Search Language)'),
      index: indexArgument('Name of the index to use'),
      field: z.string().min(1).describe('The field you are running a breakdown on in dot notation, e.g. location.country_code.'),
      buckets: z.number().int().min(1).default(DEFAULT_BUCKETS).describe('The maximum number of values to be returned in the report. Maximum: 500. Default: 50'),
    })
    .meta({ title: 'Arguments' }),
  results: resultFileSchema('Path of result file'),
  async run(ctx, args) {
    const v2 = v2Index(args.index);
    const buckets = Math.min(args.buckets, MAX_BUCKETS);
    const answer = await aggregateRequest.run(ctx, { resource: v2.resource, q: args.query, field: args.field, num_buckets: buckets, ...(v2.virtual_hosts ? { virtual_hosts: v2.virtual_hosts } : {}) });
    return { result_path: await ctx.files.writeJson('result.json', v1Report((answer.result ?? {}) as Aggregate, buckets)) };
  },
});
