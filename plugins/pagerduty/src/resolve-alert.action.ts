import { alertStateAction } from './alert-state.action.js';

/** Ply addition (the reference module only triggers): resolve by `dedup_key`. */
export const resolveAlert = alertStateAction({
  uuid: '358c9d13-1f54-44cc-b02b-9813be9f517d',
  slug: 'resolve_alert',
  name: 'Resolve Alert',
  description: 'Resolve a PagerDuty alert by its deduplication key',
  eventAction: 'resolve',
});
