import type { Logger } from '@ply/core';

/** A LiveAPI v2 notification, as the reference's test samples show them. */
export interface Notification {
  metadata: { version: unknown; uuid?: unknown; created_at?: unknown; community_uuid?: unknown };
  type: string;
  action?: unknown;
  attributes: Record<string, unknown>;
}

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/**
 * The v2 notification in a raw LiveAPI message, or undefined (logged) for what the reference
 * also drops: text that is not JSON, the `{"authenticated": ...}` greeting, v1 notifications
 * (the LiveAPI sends both versions once upgraded), a notification without a type.
 */
export function parseNotification(raw: string, log: Logger): Notification | undefined {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    log.error('invalid JSON message received from LiveAPI');
    return undefined;
  }
  const body = record(message);
  if (body['authenticated']) return undefined;
  const metadata = record(body['metadata']);
  if (String(metadata['version']) !== '2') {
    log.debug('received a notification in a version the trigger does not handle', { version: String(metadata['version'] ?? body['event_version'] ?? 'none') });
    return undefined;
  }
  if (typeof body['type'] !== 'string' || body['type'] === '') {
    log.error('LiveAPI notification without a type', { uuid: String(metadata['uuid'] ?? '') });
    return undefined;
  }
  return { metadata: { ...metadata, version: metadata['version'] }, type: body['type'], action: body['action'], attributes: record(body['attributes']) };
}

/** The notification's `attributes.<key>` as a non-empty string, or undefined. */
export function attribute(notification: Notification, key: string): string | undefined {
  const value = notification.attributes[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
