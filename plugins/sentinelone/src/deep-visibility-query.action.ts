import { PlyError } from '@ply/core';
import { z } from 'zod';
import { waitForJob } from './job-wait.js';
import { sentinelone } from './module.js';

const RUNNING = new Set(['RUNNING', 'EVENTS_RUNNING', 'QUERY_RUNNING', 'PROCESS_RUNNING']);
const FINISHED = new Set(['EMPTY_RESULTS', 'FINISHED']);
const CANCELED = new Set(['QUERY_CANCEL', 'QUERY_EXPIRED', 'TIMEOUT']);
/** Events read at most (pages of {@link PAGE_SIZE}): Deep Visibility itself caps a query at 20 000. */
const MAX_PAGES = 25;
const PAGE_SIZE = 1000;

const statusSchema = z.looseObject({ data: z.looseObject({ responseState: z.string(), responseError: z.string().nullish(), progressStatus: z.number().nullish() }) });
const eventsSchema = z.looseObject({ data: z.array(z.looseObject({})), pagination: z.looseObject({ nextCursor: z.string().nullish() }).optional() });

type Results = { status: 'succeed' | 'canceled' | 'failed' | 'timeout'; status_reason: string; events: Array<Record<string, unknown>> };

/** An ISO 8601 date as RFC 3339 in UTC, as the reference's `to_rfc3339` sends it. */
function rfc3339(value: string, name: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new PlyError('PLY_ARGUMENTS_INVALID', `${name} is not a date: ${value}`);
  return date.toISOString();
}

/**
 * `POST dv/init-query`, `GET dv/query-status` until the query is finished, then `GET dv/events`
 * page after page (cursor). A query still running after `timeout` seconds answers
 * `status: "timeout"` naming the query.
 */
export const queryDeepVisibilityAction = sentinelone.action({
  uuid: '6979e852-d2c0-42aa-b713-9bae8c93b274',
  slug: 'dv_query_events',
  name: 'Query events in Deep Visibility',
  description: 'Create a query in Deep Visibility and get the events',
  docker_parameters: 'sentinelone_deep_visibility_query',
  arguments: z
    .object({
      group_ids: z.array(z.string()).optional().describe('The list of network group to filter by'),
      site_ids: z.array(z.string()).optional().describe('The list of Site IDs to filter by'),
      query: z.string().min(1).describe('Free-text search term to use'),
      from_date: z.string().meta({ format: 'datetime' }).describe('Get events created after this timestamp'),
      to_date: z.string().meta({ format: 'datetime' }).describe('Get events created before or at this timestamp'),
      timeout: z.int().positive().meta({ default: 300 }).describe('The maximum time, in seconds, the query should be processed in (default 300s)'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .object({
      status: z.enum(['succeed', 'canceled', 'failed', 'timeout']).describe('The status of the query'),
      status_reason: z.string().describe('The reason of the status'),
      events: z.array(z.looseObject({})).describe('The events got from the query (Deep Visibility event fields: agentName, processName, srcIp, dstIp, fileSha256...)'),
    })
    .meta({ title: 'Results' }),
  async run(ctx, args): Promise<Results> {
    const query = {
      query: args.query,
      fromDate: rfc3339(args.from_date, 'from_date'),
      toDate: rfc3339(args.to_date, 'to_date'),
      ...(args.site_ids?.length ? { siteIds: args.site_ids } : {}),
      ...(args.group_ids?.length ? { groupIds: args.group_ids } : {}),
    };
    const created = await sentinelone.request(ctx, { method: 'POST', path: 'dv/init-query', json: query });
    const queryId = (created.body as { data?: { queryId?: unknown } } | undefined)?.data?.queryId;
    if (typeof queryId !== 'string') throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'SentinelOne answered dv/init-query without data.queryId');
    const outcome = await waitForJob(ctx, args.timeout, async () => {
      const status = statusSchema.safeParse((await sentinelone.request(ctx, { path: 'dv/query-status', query: { queryId }, notFound: `Deep Visibility query ${queryId}` })).body);
      if (!status.success) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `SentinelOne answered dv/query-status of query ${queryId} without data.responseState`);
      const state = status.data.data.responseState;
      return RUNNING.has(state) ? { done: false, state } : { done: true, value: status.data.data };
    });
    if ('timedOut' in outcome) return { status: 'timeout', status_reason: `Deep Visibility query ${queryId} was not finished after ${args.timeout} s (last state: ${outcome.state})`, events: [] };
    const state = outcome.value.responseState;
    if (!FINISHED.has(state)) {
      const reason = outcome.value.responseError ?? `Deep Visibility query ${queryId} ended ${state}`;
      return { status: CANCELED.has(state) ? 'canceled' : 'failed', status_reason: reason, events: [] };
    }
    const events: Array<Record<string, unknown>> = [];
    let cursor: string | undefined;
    for (let page = 0; ; page += 1) {
      if (page === MAX_PAGES) {
        ctx.log.warn('Deep Visibility events past the read bound were left', { query: queryId, events: events.length });
        break;
      }
      const answer = eventsSchema.safeParse((await sentinelone.request(ctx, { path: 'dv/events', query: { queryId, limit: PAGE_SIZE, cursor } })).body);
      if (!answer.success) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `SentinelOne answered dv/events of query ${queryId} without a data list`);
      events.push(...answer.data.data);
      cursor = answer.data.pagination?.nextCursor ?? undefined;
      if (!cursor) break;
    }
    return { status: 'succeed', status_reason: 'The query was successfully executed', events };
  },
});
