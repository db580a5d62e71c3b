import { toPlyError, sleep, type ActionContext, type PlyError } from '@ply/core';
import type { AzureAdConfiguration } from './configuration.js';
import { graphPages } from './graph-pages.js';

/** The two audit logs the reference reads (https://learn.microsoft.com/en-us/graph/api/resources/azure-ad-auditlog-overview). */
const STREAMS = [
  { name: 'directoryAudits', path: 'auditLogs/directoryAudits', dateField: 'activityDateTime' },
  { name: 'signIns', path: 'auditLogs/signIns', dateField: 'createdDateTime' },
] as const;

type StreamName = (typeof STREAMS)[number]['name'];

/** Where each log was read up to: the newest date delivered, and the ids delivered at the end (a filter on `ge` sees them again). */
export type AuditCheckpoint = Partial<Record<StreamName, { since: string; seen: string[] }>>;

/** As the reference: start a week back, and never read further back than a week. */
const LOOKBACK_MS = 7 * 24 * 3600 * 1000;
/** Ids remembered per log (the reference's LRU holds 500). */
const SEEN_MAX = 500;
/** Longest wait between two attempts after failures. */
const MAX_BACKOFF_MS = 5 * 60_000;

/** What a trigger or a connector does with a chunk of records; resolves once they are acknowledged. */
export type Deliver = (records: Array<Record<string, unknown>>) => Promise<void>;

/** The long-running side of the context (a trigger's or a connector's). */
export type PollingContext = ActionContext<AzureAdConfiguration> & { checkpoint: { get(): Promise<unknown>; set(value: unknown): Promise<void> }; heartbeat(): void };

const isoSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** Reads both logs once; returns how many records it delivered. */
async function pass(ctx: PollingContext, checkpoint: AuditCheckpoint, chunkSize: number, deliver: Deliver): Promise<number> {
  let delivered = 0;
  for (const stream of STREAMS) {
    const state = checkpoint[stream.name];
    const floor = Date.now() - LOOKBACK_MS;
    const since = Math.max(state ? Date.parse(state.since) : floor, floor);
    const seen = new Set(state?.seen ?? []);
    let newest = since;
    let pending: Array<Record<string, unknown>> = [];
    const flush = async () => {
      if (pending.length === 0) return;
      await deliver(pending);
      delivered += pending.length;
      for (const record of pending) {
        newest = Math.max(newest, Date.parse(String(record[stream.dateField])) || newest);
        seen.add(String(record['id']));
      }
      checkpoint[stream.name] = { since: new Date(newest).toISOString(), seen: [...seen].slice(-SEEN_MAX) };
      await ctx.checkpoint.set(checkpoint);
      pending = [];
    };
    const query = { $filter: `${stream.dateField} ge ${isoSeconds(since)}`, $orderby: `${stream.dateField} asc` };
    for await (const items of graphPages(ctx, { path: stream.path, query })) {
      ctx.heartbeat();
      for (const item of items) {
        const record = item as Record<string, unknown>;
        if (seen.has(String(record['id']))) continue;
        pending.push(record);
        if (pending.length >= chunkSize) await flush();
      }
    }
    await flush();
  }
  return delivered;
}

/** A refusal that asking again would only repeat: credentials, permissions, a query Graph rejects, a bad account. */
function isPermanent(error: PlyError): boolean {
  if (error.code === 'PLY_CONFIGURATION_INVALID' || error.code === 'PLY_ARGUMENTS_INVALID') return true;
  return error.code === 'PLY_VENDOR_HTTP_ERROR' && [400, 401, 403].includes(Number(error.details['status']));
}

/**
 * Polls the directory audits and the sign-ins until the signal aborts: new records go to `deliver`
 * in chunks, the checkpoint follows each acknowledged chunk; nothing new waits `intervalMs`. A
 * network or server failure is logged and retried with backoff (the next pass resumes from the
 * checkpoint); a refusal of the credentials or permissions stops, with its error.
 */
export async function pollAuditLogs(ctx: PollingContext, options: { chunkSize: number; intervalMs: number }, deliver: Deliver): Promise<void> {
  const checkpoint = ((await ctx.checkpoint.get()) ?? {}) as AuditCheckpoint;
  let failures = 0;
  while (!ctx.signal.aborted) {
    ctx.heartbeat();
    let wait = options.intervalMs;
    try {
      const count = await pass(ctx, checkpoint, options.chunkSize, deliver);
      failures = 0;
      if (count > 0) {
        ctx.log.info(`forwarded ${count} audit log records`);
        wait = 0;
      }
    } catch (error) {
      if (ctx.signal.aborted) return;
      const failure = toPlyError(error);
      if (isPermanent(failure)) throw failure;
      failures += 1;
      wait = Math.min(options.intervalMs * 2 ** failures, MAX_BACKOFF_MS);
      ctx.log.warn('reading the Entra ID audit logs failed; trying again', { code: failure.code, error: failure.message, attempt: failures, delayMs: wait });
    }
    if (wait > 0) await sleep(wait, ctx.signal).catch(() => undefined);
  }
}
