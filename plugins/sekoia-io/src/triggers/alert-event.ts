import { z } from 'zod';

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});

/** The configuration every alert trigger takes (the reference's). */
export const alertTriggerArguments = z
  .object({
    rule_filter: z.string().optional().describe('Create a run only for alerts matching a rule name'),
    rule_names_filter: z.array(z.string()).optional().describe('Create a run only for alerts matching a list of rule name'),
  })
  .meta({ title: 'Trigger configuration' });

/** The fields of the reference's alert event; each may be null where the alert lacks it. */
export const alertEventFields = {
  file_path: z.string().optional().describe('File path to the alert on disk.'),
  event_type: z.string().optional().describe('Action that triggered this Sekoia.io Alert notification (could be for example “alert-created”, “alert-status-changed”, etc.)'),
  alert_uuid: z.string().describe('Unique identifier of the Alert (UUID string).'),
  short_id: z.string().nullable().describe('Unique short identifier of the Alert.'),
  status: z.looseObject({ name: z.string().nullish(), uuid: z.string().nullish() }).describe('Status of the Alert (object containing status description and name).'),
  created_at: z.number().nullable().describe('Creation date of the Alert (timestamp).'),
  urgency: z.number().nullable().describe('Current urgency of the Alert.'),
  entity: z.looseObject({}).describe('Description of the entity involved with this Alert (object containing entity UUID and name).'),
  alert_type: z.looseObject({}).describe('Category of the Alert'),
  rule: z.looseObject({ name: z.string().nullish(), uuid: z.string().nullish() }),
  first_seen_at: z.string().nullable(),
  last_seen_at: z.string().nullable(),
};

export const alertEventSchema = z.looseObject(alertEventFields).meta({ title: 'Results' });

/** The event the reference's alert triggers emit, from the alert read back from the API. */
export function alertEvent(alert: Json, alertUuid: string, eventType: string, filePath: string) {
  const status = object(alert['status']);
  const rule = object(alert['rule']);
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const number = (value: unknown) => (typeof value === 'number' ? value : null);
  return {
    file_path: filePath,
    event_type: eventType,
    alert_uuid: alertUuid,
    short_id: text(alert['short_id']),
    status: { name: text(status['name']), uuid: text(status['uuid']) },
    created_at: number(alert['created_at']),
    urgency: number(object(alert['urgency'])['current_value']),
    entity: object(alert['entity']),
    alert_type: object(alert['alert_type']),
    rule: { name: text(rule['name']), uuid: text(rule['uuid']) },
    last_seen_at: text(alert['last_seen_at']),
    first_seen_at: text(alert['first_seen_at']),
  };
}

/** True when the alert passes `rule_filter` (rule name or uuid) and `rule_names_filter`, as the reference filters after reading it. */
export function matchesRuleFilters(alert: Json, filters: { rule_filter?: string | undefined; rule_names_filter?: readonly string[] | undefined }): boolean {
  const rule = object(alert['rule']);
  if (filters.rule_filter && rule['name'] !== filters.rule_filter && rule['uuid'] !== filters.rule_filter) return false;
  if (filters.rule_names_filter && filters.rule_names_filter.length > 0 && !filters.rule_names_filter.includes(String(rule['name']))) return false;
  return true;
}

/** The alert as the triggers read it: without STIX, comments, countermeasures or history, as the reference asks. */
export const ALERT_QUERY = { stix: false, comments: false, countermeasures: false, history: false } as const;
