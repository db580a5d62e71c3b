import { z } from 'zod';

type Json = Record<string, unknown>;

/** The configuration of the case triggers (Case Created has no `case_uuids_filter`). */
export const caseFilterFields = {
  mode_filter: z.enum(['automatic', 'manual']).optional().describe('Create a run only for cases matching a mode (automatic or manual)'),
  priority_uuids_filter: z.array(z.string()).optional().describe('Create a run only for cases matching a list of priority uuids'),
  assignees_filter: z.array(z.string()).optional().describe('Create a run only for cases matching a list of assignees'),
};
export const caseUuidsFilter = {
  case_uuids_filter: z.array(z.string()).optional().describe('Create a run only for cases matching a list of case uuids/short ids'),
};

export interface CaseFilters {
  mode_filter?: 'automatic' | 'manual' | undefined;
  priority_uuids_filter?: string[] | undefined;
  assignees_filter?: string[] | undefined;
  case_uuids_filter?: string[] | undefined;
}

/** True when the case (as the Case API returns it) passes every configured filter, as the reference checks them. */
export function matchesCaseFilters(found: Json, filters: CaseFilters): boolean {
  if (filters.mode_filter && Boolean(found['manual']) !== (filters.mode_filter === 'manual')) return false;
  if (filters.priority_uuids_filter?.length && !filters.priority_uuids_filter.includes(String(found['custom_priority_uuid']))) return false;
  if (filters.assignees_filter?.length) {
    const subscribers = Array.isArray(found['subscribers']) ? (found['subscribers'] as Json[]) : [];
    if (!subscribers.some((subscriber) => filters.assignees_filter!.includes(String(subscriber['avatar_uuid'])))) return false;
  }
  if (filters.case_uuids_filter?.length && !filters.case_uuids_filter.includes(String(found['uuid'])) && !filters.case_uuids_filter.includes(String(found['short_id']))) return false;
  return true;
}
