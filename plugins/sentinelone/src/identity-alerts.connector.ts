import { PlyError } from '@ply/core';
import { z } from 'zod';
import { collectEvery } from './collect-loop.js';
import { sentinelone } from './module.js';

/** The reference's query (`SingularityClient.list_alerts`): one product's alerts, oldest first, from an instant. */
export const LIST_ALERTS_QUERY = `query listAlerts($productName: String!, $after: String, $startDateTime: Long) {
  alerts(after: $after, filters: [{fieldId: "detectionProduct", stringEqual: {value: $productName}}, {fieldId: "detectedAt", dateTimeRange: {start: $startDateTime, startInclusive: true}}], sort: {by: "detectedAt", order: ASC}) {
    edges { node { id name description detectedAt attackSurfaces detectionSource { product } status assignee { fullName } classification confidenceLevel firstSeenAt lastSeenAt process { cmdLine file { path sha1 sha256 md5 } parentName } result storylineId } }
    pageInfo { endCursor hasNextPage }
    totalCount
  }
}`;

const LOOKBACK_MS = 24 * 60 * 60 * 1000;
const MAX_PAGES = 50;

const answerSchema = z.looseObject({
  data: z
    .looseObject({
      alerts: z.looseObject({
        edges: z.array(z.looseObject({ node: z.looseObject({ id: z.string(), detectedAt: z.string() }) })),
        pageInfo: z.looseObject({ endCursor: z.string().nullish(), hasNextPage: z.boolean() }),
      }),
    })
    .nullish(),
  errors: z.array(z.looseObject({ message: z.string().optional() })).nullish(),
});

/** Where the collector stands: the newest `detectedAt` read (ms) and the alert ids read at that instant. */
interface Checkpoint {
  detectedAt: number;
  ids: string[];
}

export const identityAlertSchema = z.looseObject({ id: z.string(), detectedAt: z.string(), name: z.string().nullish() }).meta({ title: 'Singularity Identity alert' });

/**
 * Singularity Identity alerts from the unified alerts GraphQL API (`POST
 * web/api/v2.1/unifiedalerts/graphql`, `Authorization: Bearer <token>` as the reference sends it),
 * pushed page by page; the checkpoint moves only after the intake acknowledged a page.
 */
export const identityAlertsConnector = sentinelone.connector({
  uuid: '2d772558-821d-4663-87bd-af28bbb8415a',
  slug: 'sentinelone_identity_connector',
  name: 'Collect SentinelOne Singularity Identity alerts',
  description: 'Collect alerts from SentinelOne Singularity Identity',
  docker_parameters: 'sentinelone_identity_connector',
  arguments: z
    .object({
      frequency: z.int().positive().default(60).describe('Batch frequency in seconds'),
      intake_server: z.string().default('https://intake.sekoia.io').describe("Server of the intake server (e.g. 'https://intake.sekoia.io')"),
      intake_key: z.string().min(1).describe('Intake key to use when sending events'),
    })
    .meta({ title: 'SentinelOne logs connector' }),
  results: identityAlertSchema,
  async start(ctx, args) {
    await collectEvery(ctx, args.frequency, 'Singularity Identity alerts', async () => {
      const saved = (await ctx.checkpoint.get()) as Checkpoint | undefined;
      const floor = Date.now() - LOOKBACK_MS;
      const from: Checkpoint = saved && saved.detectedAt >= floor ? saved : { detectedAt: floor, ids: [] };
      let position = from;
      let after: string | undefined;
      let count = 0;
      for (let page = 0; page < MAX_PAGES && !ctx.signal.aborted; page += 1) {
        const variables = { productName: 'Identity', after: after ?? null, startDateTime: after ? null : from.detectedAt };
        const body = (await sentinelone.request(ctx, { method: 'POST', path: 'unifiedalerts/graphql', json: { query: LIST_ALERTS_QUERY, variables }, authorization: `Bearer ${ctx.config.api_token}`, idempotent: true })).body;
        const answer = answerSchema.safeParse(body);
        if (!answer.success) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'SentinelOne answered the unified alerts query without data.alerts');
        if (answer.data.errors?.length || !answer.data.data) throw new PlyError('PLY_VENDOR_HTTP_ERROR', `SentinelOne refused the unified alerts query: ${answer.data.errors?.map((error) => error.message).join('; ') ?? 'no data'}`);
        const alerts = answer.data.data.alerts.edges.map((edge) => edge.node).filter((alert) => !(Date.parse(alert.detectedAt) === from.detectedAt && from.ids.includes(alert.id)));
        if (alerts.length > 0) {
          await ctx.push(alerts);
          for (const alert of alerts) {
            const at = Date.parse(alert.detectedAt);
            position = at > position.detectedAt ? { detectedAt: at, ids: [alert.id] } : at === position.detectedAt ? { detectedAt: at, ids: [...position.ids, alert.id] } : position;
          }
          await ctx.checkpoint.set(position satisfies Checkpoint);
          count += alerts.length;
        }
        const info = answer.data.data.alerts.pageInfo;
        if (!info.hasNextPage || !info.endCursor) break;
        after = info.endCursor;
      }
      return count;
    });
  },
});
