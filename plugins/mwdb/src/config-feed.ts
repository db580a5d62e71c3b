import { PlyError, isPlyError, type TriggerContext } from '@ply/core';
import type { MwdbConfiguration } from './configuration.js';
import { mwdb } from './module.js';

/** Configurations per `GET /api/config` page (`count`; MWDB caps it at its `listing_endpoints_count_limit`, 1,000 by default). */
export const PAGE_SIZE = 100;
/** Pages one poll reads at most while paging back to the last configuration emitted. */
export const MAX_PAGES = 50;

/** One entry of MWDB's config listing (ConfigListItemResponseSchema). */
export interface ConfigListItem {
  id: string;
  upload_time: string;
  [field: string]: unknown;
}

/** What a file parent of a configuration gives the event (the reference's `get_files_from_config`). */
const FILE_FIELDS = ['file_name', 'file_size', 'file_type', 'ssdeep', 'md5', 'sha1', 'sha256', 'sha512', 'crc32'] as const;

export type FeedContext = TriggerContext<MwdbConfiguration, Record<string, unknown>>;

function isListItem(value: unknown): value is ConfigListItem {
  const item = value as Partial<ConfigListItem> | null;
  return typeof item === 'object' && item !== null && typeof item.id === 'string' && typeof item.upload_time === 'string';
}

/** One page of the listing, newest first (`older_than` the given id). */
export async function configPage(ctx: FeedContext, olderThan: string | undefined, count = PAGE_SIZE): Promise<ConfigListItem[]> {
  // A 404 of the listing itself most often means an api_url that is not MWDB's REST API.
  const notFound = olderThan === undefined ? 'the config listing (is api_url the MWDB REST API, ending with /api/?)' : `the configuration ${olderThan} given as older_than`;
  const { body } = await mwdb.request(ctx, { path: 'config', query: { count, older_than: olderThan }, notFound });
  const list = (body as { configs?: unknown } | undefined)?.configs;
  if (!Array.isArray(list)) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'MWDB answered GET config without a "configs" list');
  const bad = list.findIndex((item) => !isListItem(item));
  if (bad >= 0) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `MWDB answered GET config with configs[${bad}] lacking a string "id" or "upload_time"`);
  return list as ConfigListItem[];
}

/**
 * The configurations newer than `pivot`, newest first, as mwdblib's `listen_for_configs` finds
 * them: pages back with `older_than` until the pivot's id comes (or one uploaded before it, when
 * the pivot was deleted); without a pivot, every configuration. Bounded by {@link MAX_PAGES}.
 */
export async function configsAfter(ctx: FeedContext, pivot: { id: string; upload_time: string } | undefined): Promise<ConfigListItem[]> {
  const found: ConfigListItem[] = [];
  const pivotTime = pivot ? Date.parse(pivot.upload_time) : Number.NaN;
  let olderThan: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const items = await configPage(ctx, olderThan);
    for (const item of items) {
      if (pivot && (item.id === pivot.id || Date.parse(item.upload_time) < pivotTime)) return found;
      found.push(item);
    }
    if (items.length === 0) return found;
    olderThan = items.at(-1)!.id;
  }
  ctx.log.warn('more new MWDB configurations than one poll reads: the oldest are left out', { read: found.length, pages: MAX_PAGES });
  return found;
}

/** A call whose 404 means the object went away (deleted, or no longer shared) between the listing and now. */
async function unlessGone<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isPlyError(error) && error.details['status'] === 404) return undefined;
    throw error;
  }
}

/** The file fields of each file parent (`GET /api/file/{id}`); a parent that is not a file, or is gone, gives nothing. */
async function filesOf(ctx: FeedContext, parents: unknown): Promise<Array<Record<string, unknown>>> {
  const files: Array<Record<string, unknown>> = [];
  for (const parent of Array.isArray(parents) ? parents : []) {
    const { id, type } = (parent ?? {}) as { id?: unknown; type?: unknown };
    if (type !== 'file' || typeof id !== 'string') continue;
    const answer = await unlessGone(mwdb.request(ctx, { path: `file/${encodeURIComponent(id)}`, notFound: `the file ${id}` }));
    if (!answer) continue;
    const file = (answer.body ?? {}) as Record<string, unknown>;
    files.push(Object.fromEntries(FILE_FIELDS.filter((field) => file[field] !== undefined).map((field) => [field, file[field]])));
  }
  return files;
}

/**
 * The event of one configuration, as the reference sends it: the configuration's full record
 * (`GET /api/config/{id}`: `cfg`, parents, children, tags...) with `files`, the samples it was
 * extracted from; undefined when MWDB no longer has it.
 */
export async function configEvent(ctx: FeedContext, id: string): Promise<Record<string, unknown> | undefined> {
  const answer = await unlessGone(mwdb.request(ctx, { path: `config/${encodeURIComponent(id)}`, notFound: `the configuration ${id}` }));
  if (!answer) return undefined;
  const config = answer.body as Record<string, unknown> | undefined;
  if (typeof config !== 'object' || config === null || typeof config['id'] !== 'string' || typeof config['cfg'] !== 'object' || config['cfg'] === null) {
    throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `MWDB answered GET config/${id} without the configuration's "id" and "cfg"`);
  }
  return { ...config, files: await filesOf(ctx, config['parents']) };
}
