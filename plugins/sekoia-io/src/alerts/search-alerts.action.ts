import { z } from 'zod';
import { sekoia } from '../module.js';
import { sekoiaAlertSchema } from '../schemas/alert.schema.js';

const MATCH = [
  'community_uuid', 'entity_name', 'entity_uuid', 'status_uuid', 'status_name', 'type_category', 'type_value', 'source', 'target', 'node',
  'stix_object', 'rule_uuid', 'rule_name', 'detection_type', 'uuid', 'title', 'asset_uuid', 'urgency_display', 'case_short_id', 'assignee',
  'custom_status_uuid', 'verdict_uuid', 'short_id',
] as const;
const NOMATCH = [
  'asset_uuid', 'entity_uuid', 'rule_uuid', 'rule_name', 'detection_type', 'source', 'target', 'status_uuid', 'stix_object', 'type_value',
  'urgency_display', 'assignee', 'custom_status_uuid', 'verdict_uuid',
] as const;

const text = z.string().optional();
/** Every filter of the reference, with its exact query-string name (`match[...]`, `nomatch[...]`). */
const filters: Record<string, z.ZodType> = {
  ...Object.fromEntries(MATCH.map((field) => [`match[${field}]`, text])),
  'date[created_at]': text,
  'date[updated_at]': text,
  'range[urgency]': text,
  'range[similar]': text,
  ...Object.fromEntries(NOMATCH.map((field) => [`nomatch[${field}]`, text])),
  visible: z.boolean().optional(),
  is_assigned_to_case: z.boolean().optional(),
  similar_to: text,
  limit: z.int().min(1).max(100).default(20),
  offset: z.int().optional(),
  stix: z.boolean().optional(),
  cases: z.boolean().optional(),
  sort: text,
  direction: text,
  with_count: z.boolean().optional(),
};

export const searchAlerts = sekoia.restAction({
  uuid: '050b7bc1-4df8-47bc-84e2-ec265821e18a',
  slug: 'search_alerts',
  name: 'Search Alerts',
  description: 'find alerts that match your filters',
  docker_parameters: 'get-alerts',
  group: 'Getters',
  method: 'GET',
  path: 'v1/sic/alerts',
  arguments: z.object(filters).meta({ title: 'list_alerts' }),
  results: z.looseObject({ total: z.number().nullish(), has_more: z.boolean().nullish(), items: z.array(sekoiaAlertSchema).nullish() }),
});
