import { z } from 'zod';

const namedRef = z.looseObject({ uuid: z.string().optional(), name: z.string().optional() });

/** A Sekoia.io alert as `GET v1/sic/alerts/{uuid}` returns it (the fields playbooks use; others kept). */
export const sekoiaAlertSchema = z.looseObject({
  uuid: z.string(),
  short_id: z.string().optional(),
  title: z.string().optional(),
  details: z.string().nullable().optional(),
  urgency: z.looseObject({ current_value: z.number().optional(), value: z.number().optional(), severity: z.number().optional() }).optional(),
  status: z.looseObject({ uuid: z.string().optional(), name: z.string().optional(), description: z.string().optional() }).optional(),
  rule: z.looseObject({ uuid: z.string().optional(), name: z.string().optional(), description: z.string().nullable().optional(), pattern: z.string().optional() }).optional(),
  entity: namedRef.optional(),
  alert_type: z.looseObject({ category: z.string().optional(), value: z.string().optional() }).optional(),
  community_uuid: z.string().optional(),
  created_at: z.number().optional(),
  updated_at: z.number().optional(),
  first_seen_at: z.string().nullable().optional(),
  last_seen_at: z.string().nullable().optional(),
  source: z.string().nullable().optional(),
  target: z.string().nullable().optional(),
  stix: z.unknown().optional(),
  cases: z.array(z.unknown()).optional(),
});

export type SekoiaAlert = z.infer<typeof sekoiaAlertSchema>;
