import { alertStateAction } from './alert-state.action.js';

/** Ply addition (the reference module only triggers): acknowledge by `dedup_key`. */
export const acknowledgeAlert = alertStateAction({
  uuid: 'c0e82787-f57f-4308-bcd2-16ba9a8fca0f',
  slug: 'acknowledge_alert',
  name: 'Acknowledge Alert',
  description: 'Acknowledge a PagerDuty alert by its deduplication key',
  eventAction: 'acknowledge',
});
