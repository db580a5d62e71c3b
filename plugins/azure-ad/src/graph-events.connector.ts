import { pollAuditLogs } from './audit-log-collector.js';
import { auditRecordSchema, GRAPH_EVENTS, graphEventsArguments, type PollingOptions } from './graph-events.js';
import { azureAd } from './module.js';

/** The reference's Graph API connector: new directory audits and sign-ins pushed to the intake, one event per record. */
export function graphEventsConnector(options: PollingOptions = {}) {
  return azureAd.connector({
    ...GRAPH_EVENTS,
    arguments: graphEventsArguments,
    results: auditRecordSchema.meta({ title: 'The records' }),
    start: (ctx, args) =>
      pollAuditLogs(ctx, { chunkSize: args.chunk_size, intervalMs: options.pollIntervalMs ?? args.frequency * 1000 }, async (records) => {
        await ctx.push(records);
      }),
  });
}
