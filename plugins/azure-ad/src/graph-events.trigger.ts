import { z } from 'zod';
import { pollAuditLogs } from './audit-log-collector.js';
import { auditRecordSchema, GRAPH_EVENTS, graphEventsArguments, type PollingOptions } from './graph-events.js';
import { azureAd } from './module.js';

/**
 * The reference's Graph API trigger: each chunk of new directory audits and sign-ins starts a
 * playbook run with `{ records: [...] }` (the SDK's `send_records` event shape).
 */
export function graphEventsTrigger(options: PollingOptions = {}) {
  return azureAd.trigger({
    ...GRAPH_EVENTS,
    arguments: graphEventsArguments,
    results: z.looseObject({ records: z.array(auditRecordSchema).describe('Directory audits and sign-ins, as Graph returns them') }).meta({ title: 'The records' }),
    start: (ctx, args) => pollAuditLogs(ctx, { chunkSize: args.chunk_size, intervalMs: options.pollIntervalMs ?? args.frequency * 1000 }, (records) => ctx.emit({ records })),
  });
}
