import type { SekoiaApi } from './sekoia-api.js';

/** A LiveAPI notification (`event_version` 1), e.g. `{event_type: "alert", type: "alert", action: "created", attributes: {...}}`. */
export interface LiveApiNotification {
  event_version?: unknown;
  event_type?: unknown;
  type?: unknown;
  action?: unknown;
  attributes?: Record<string, unknown>;
}

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});

/** The alert as the trigger reads it: without STIX, comments, countermeasures or history, as the reference asks. */
export function fetchAlert(api: SekoiaApi, uuid: string): Promise<Json> {
  return api.request<Json>(`v1/sic/alerts/${encodeURIComponent(uuid)}`, {
    query: { stix: false, comments: false, countermeasures: false, history: false },
  });
}

/** The event the reference's alert triggers emit, from the enriched alert. */
export function alertEvent(alert: Json, eventType: string, filePath: string): Json {
  const status = object(alert['status']);
  const rule = object(alert['rule']);
  return {
    file_path: filePath,
    event_type: eventType,
    alert_uuid: alert['uuid'],
    short_id: alert['short_id'],
    status: { name: status['name'], uuid: status['uuid'] },
    created_at: alert['created_at'],
    urgency: object(alert['urgency'])['current_value'],
    entity: object(alert['entity']),
    alert_type: object(alert['alert_type']),
    rule: { name: rule['name'], uuid: rule['uuid'] },
    last_seen_at: alert['last_seen_at'] ?? null,
    first_seen_at: alert['first_seen_at'] ?? null,
  };
}

/** True when the alert passes the trigger's `rule_filter` (name or uuid) and `rule_names_filter`. */
export function matchesRuleFilters(alert: Json, filters: { rule_filter?: string | undefined; rule_names_filter?: string[] | undefined }): boolean {
  const rule = object(alert['rule']);
  if (filters.rule_filter && rule['name'] !== filters.rule_filter && rule['uuid'] !== filters.rule_filter) return false;
  if (filters.rule_names_filter && filters.rule_names_filter.length > 0 && !filters.rule_names_filter.includes(String(rule['name']))) return false;
  return true;
}
