import { PlyError, type ActionContext } from '@ply/core';
import type { TriageConfiguration } from './configuration.js';
import { triage } from './module.js';

/** Samples per search page: the most Triage answers (https://tria.ge/docs/cloud-api/samples/#get-samples). */
export const SEARCH_PAGE_LIMIT = 200;
/** Samples one search reads at most, as the reference (`search(..., max=2000)`). */
export const SEARCH_MAX_SAMPLES = 2000;

/** A sample as `GET /search` lists it (the fields this trigger reads; Triage sends more). */
export interface SearchedSample {
  id: string;
  /** RFC 3339 submission time. */
  submitted: string;
  /** `pending`, `static_analysis`, `scheduled`, `running`, `processing`, `reported` or `failed`; absent on older answers. */
  status?: string;
}

/** Statuses after which a sample's reports no longer change. */
export const FINISHED_STATUSES: ReadonlySet<string> = new Set(['reported', 'failed']);

function searchedSample(item: unknown): SearchedSample | undefined {
  const { id, submitted, status } = (item ?? {}) as Record<string, unknown>;
  if (typeof id !== 'string' || typeof submitted !== 'string' || Number.isNaN(Date.parse(submitted))) return undefined;
  return { id, submitted, ...(typeof status === 'string' ? { status } : {}) };
}

/**
 * The samples `family:<malware>` finds that were submitted at or after `since` (epoch ms), every
 * page: `GET search?query=...&limit=200`, then `&offset=<next>` while Triage gives a `next`.
 * Triage lists the newest first, so paging stops at the first page that reaches past `since`, and
 * after {@link SEARCH_MAX_SAMPLES} samples.
 */
export async function searchFamily(ctx: ActionContext<TriageConfiguration>, malware: string, since: number, timeoutMs?: number): Promise<SearchedSample[]> {
  const found: SearchedSample[] = [];
  let offset: string | undefined;
  for (let read = 0; read < SEARCH_MAX_SAMPLES; ) {
    const query = { query: `family:${malware}`, limit: Math.min(SEARCH_PAGE_LIMIT, SEARCH_MAX_SAMPLES - read), ...(offset === undefined ? {} : { offset }) };
    const { body } = await triage.request(ctx, { path: 'search', query, notFound: `the search family:${malware}`, ...(timeoutMs ? { timeoutMs } : {}) });
    const { data, next } = (body ?? {}) as { data?: unknown; next?: unknown };
    if (data !== null && data !== undefined && !Array.isArray(data)) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `Triage answered the search family:${malware} without a "data" list`);
    const page = (data ?? []) as unknown[];
    read += page.length;
    let reachedSince = false;
    for (const item of page) {
      const sample = searchedSample(item);
      if (!sample) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `Triage answered the search family:${malware} with a sample without an id or a submission time`);
      if (Date.parse(sample.submitted) >= since) found.push(sample);
      else reachedSince = true;
    }
    // `next` is an opaque offset (a string, a number on some instances): sent back as it came.
    if (reachedSince || page.length === 0 || (typeof next !== 'string' && typeof next !== 'number') || next === '') break;
    offset = String(next);
  }
  return found;
}
