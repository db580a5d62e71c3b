import { PlyError } from '@ply/core';
import { z } from 'zod';

const idList = (description: string) => z.array(z.string()).optional().describe(description);

/** The reference's filter fields, by name (each item picks the ones its reference lists). */
export const filterFields = {
  ids: idList('The list of Agent IDs to filter by'),
  uuids: idList('The list of Agent uuids to filter by'),
  agent_ids: idList('The list of Agent IDs to filter by'),
  account_ids: idList('The list of Account IDs to filter by'),
  group_ids: idList('The list of network group to filter by'),
  site_ids: idList('The list of Site IDs to filter by'),
  query: z.string().optional().describe('Free-text search term to use'),
};

function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * The API's `filter` object from the reference's snake_case filters (`account_ids` becomes
 * `accountIds`), empty values dropped, as the reference's `BaseFilters.to_query_filter` does.
 */
export function apiFilter(filters: Record<string, unknown> | undefined): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters ?? {})) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    filter[camelCase(key)] = value;
  }
  return filter;
}

/**
 * The filter of an action that changes endpoints or threats. SentinelOne applies an action with an
 * empty filter to everything the token can see: one forgotten argument would isolate the whole
 * fleet, so an empty filter is refused before any call.
 */
export function requiredFilter(filters: Record<string, unknown> | undefined, what: string): Record<string, unknown> {
  const filter = apiFilter(filters);
  if (Object.keys(filter).length === 0) {
    throw new PlyError('PLY_ARGUMENTS_INVALID', `${what} needs at least one filter (${Object.keys(filters ?? {}).join(', ') || 'ids, account_ids, group_ids, site_ids or query'}): an empty filter would select every ${what.includes('threat') ? 'threat' : 'endpoint'} of the account`);
  }
  return filter;
}

/** `{"data": {"affected": N}}`, the answer of every SentinelOne bulk action. */
export const affectedAnswer = z.looseObject({ data: z.looseObject({ affected: z.int() }) });

/** The number of affected items of a bulk action's answer. */
export function affectedOf(body: unknown, where: string): { affected: number } {
  const parsed = affectedAnswer.safeParse(body);
  if (!parsed.success) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `SentinelOne answered ${where} without data.affected`);
  return { affected: parsed.data.data.affected };
}
