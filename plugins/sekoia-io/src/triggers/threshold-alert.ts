import type { Notification } from '../liveapi/notification.js';

type Json = Record<string, unknown>;

/**
 * The alert an `alert:created` notification describes, in the API's shape, as the reference
 * builds it to spare an API call (its dates default to now: the alert was just created).
 */
export function alertFromCreatedNotification(attributes: Json, now: string): Json {
  const text = (key: string) => attributes[key] ?? null;
  return {
    uuid: attributes['uuid'],
    short_id: text('short_id'),
    status: { name: text('status_name'), uuid: text('status_uuid') },
    urgency: { current_value: text('urgency_current_value') },
    alert_type: { category: text('alert_type_category'), value: text('alert_type_value') },
    rule: { uuid: text('rule_uuid'), name: text('rule_name') },
    entity: { uuid: text('entity_uuid'), name: text('entity_name') },
    assets: (Array.isArray(attributes['assets_uuids']) ? attributes['assets_uuids'] : []).map((uuid) => ({ uuid })),
    created_at: attributes['created_at'] ?? now,
    first_seen_at: attributes['first_seen_at'] ?? now,
    last_seen_at: attributes['last_seen_at'] ?? now,
  };
}

/** The alert's total event count the notification carries (`similar`), if it does. */
export function eventCountOf(notification: Notification): number | undefined {
  const updated = notification.attributes['updated'];
  const fromUpdate = typeof updated === 'object' && updated !== null ? (updated as Json)['similar'] : undefined;
  const count = fromUpdate ?? notification.attributes['similar'];
  return typeof count === 'number' ? count : undefined;
}
