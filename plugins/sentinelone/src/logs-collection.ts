import { PlyError, type RunContext } from '@ply/core';
import { z } from 'zod';
import type { SentinelOneConfiguration } from './configuration.js';
import { sentinelone } from './module.js';

/** Where one consumer (activities or threats) stands: the newest `createdAt` read and the ids read at that instant. */
export interface StreamPosition {
  createdAt: string;
  ids: string[];
}

/** The checkpoint of the alerts collector, one position per consumer as the reference keeps them. */
export type LogsCheckpoint = Partial<Record<'activity' | 'threat', StreamPosition>>;

/** The reference's first run starts a day back, and never reads further back than a day. */
const LOOKBACK_MS = 24 * 60 * 60 * 1000;
/** Pages read per consumer and collection, so one slow console does not keep the other consumer waiting. */
const MAX_PAGES = 50;

const pageSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), createdAt: z.string().optional(), threatInfo: z.looseObject({ createdAt: z.string().optional() }).optional() })).nullable(),
  pagination: z.looseObject({ nextCursor: z.string().nullish() }).optional(),
});

type Event = z.output<typeof pageSchema>['data'] & object;

function createdAtOf(event: Event[number]): string | undefined {
  return event.createdAt ?? event.threatInfo?.createdAt;
}

/** A position no older than the lookback, as the reference's `ignore_older_than`. */
export function startPosition(position: StreamPosition | undefined, now = Date.now()): StreamPosition {
  const floor = new Date(now - LOOKBACK_MS).toISOString();
  if (!position || position.createdAt < floor) return { createdAt: floor, ids: [] };
  return position;
}

/**
 * Reads the consumer's events newer than its position (`GET activities` or `GET threats`,
 * `createdAt__gte`, oldest first, cursor paging), hands each page's new events to `forward`
 * (which resolves once they are acknowledged) and returns the position after them. Events at the
 * position's own instant that were already read are skipped: none is lost at a shared timestamp,
 * none is sent twice.
 */
export async function collectStream(
  ctx: RunContext<SentinelOneConfiguration>,
  stream: 'activity' | 'threat',
  batchSize: number,
  from: StreamPosition,
  forward: (events: Array<Record<string, unknown>>, position: StreamPosition) => Promise<void>,
): Promise<number> {
  const path = stream === 'activity' ? 'activities' : 'threats';
  let position = from;
  let cursor: string | undefined;
  let count = 0;
  for (let page = 0; page < MAX_PAGES && !ctx.signal.aborted; page += 1) {
    const query = { limit: batchSize, sortBy: 'createdAt', sortOrder: 'asc', ...(cursor ? { cursor } : { createdAt__gte: from.createdAt }) };
    const answer = pageSchema.safeParse((await sentinelone.request(ctx, { path, query })).body);
    if (!answer.success) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `SentinelOne answered ${path} without a data list`);
    const events = (answer.data.data ?? []).filter((event) => !(createdAtOf(event) === from.createdAt && from.ids.includes(event.id)));
    if (events.length > 0) {
      for (const event of events) {
        const at = createdAtOf(event);
        if (at === undefined) continue;
        position = at > position.createdAt ? { createdAt: at, ids: [event.id] } : at === position.createdAt ? { createdAt: at, ids: [...position.ids, event.id] } : position;
      }
      await forward(events, position);
      count += events.length;
    }
    cursor = answer.data.pagination?.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return count;
}
