/**
 * A Sekoia.io alert as the plugins that read alerts (Mattermost, PagerDuty) see it through
 * `@ply/plugin-sekoia-io/api`: the fields they use, others kept. The API may also send `null`
 * for the text fields that allow it (`details`, `source`, `target`, the dates).
 */
export interface SekoiaAlert {
  uuid: string;
  short_id?: string;
  title?: string;
  details?: string | null;
  urgency?: { current_value?: number; value?: number; severity?: number; criticity?: number; display?: string; [key: string]: unknown };
  status?: { uuid?: string; name?: string; description?: string; [key: string]: unknown };
  rule?: { uuid?: string; name?: string; description?: string | null; pattern?: string; [key: string]: unknown };
  entity?: { uuid?: string; name?: string; [key: string]: unknown };
  alert_type?: { category?: string; value?: string; [key: string]: unknown };
  community_uuid?: string;
  created_at?: number;
  updated_at?: number;
  first_seen_at?: string | null;
  last_seen_at?: string | null;
  source?: string | null;
  target?: string | null;
  stix?: unknown;
  cases?: unknown[];
  [key: string]: unknown;
}
