import { z } from 'zod';
import { auditFields } from './audit-fields.js';
import { sekoiaAlertSchema } from './alert.schema.js';

/** A custom status, priority or verdict as a case embeds it. */
const customLevel = z.looseObject({ label: z.string().nullish(), description: z.string().nullish(), level: z.number().nullish(), stage: z.string().nullish(), color: z.string().nullish() });

/** A Sekoia.io case (`api/v1/sic/cases/{uuid}`): the reference's fields, all optional, open to more. */
export const caseSchema = z.looseObject({
  uuid: z.string().nullish(),
  short_id: z.string().nullish(),
  title: z.string().nullish(),
  description: z.string().nullish(),
  priority: z.unknown().optional(),
  status: z.string().nullish(),
  status_uuid: z.string().nullish(),
  community_uuid: z.string().nullish(),
  ...auditFields,
  subscribers: z.array(z.looseObject({ avatar_uuid: z.string().nullish(), type: z.string().nullish() })).nullish(),
  assignees: z.array(z.unknown()).nullish(),
  tags: z.array(z.string()).nullish(),
  number_of_comments: z.number().nullish(),
  number_of_alerts: z.number().nullish(),
  first_seen_at: z.string().nullish(),
  last_seen_at: z.string().nullish(),
  manual: z.boolean().nullish(),
  is_supplied: z.boolean().nullish(),
  verdict_uuid: z.string().nullish(),
  verdict: customLevel.nullish(),
  custom_status_uuid: z.string().nullish(),
  custom_status: customLevel.nullish(),
  custom_priority_uuid: z.string().nullish(),
  custom_priority: customLevel.nullish(),
  alerts: z.array(sekoiaAlertSchema).nullish(),
});

/** A comment of a case (`api/v1/sic/cases/{uuid}/comments`). */
export const caseCommentSchema = z.looseObject({
  uuid: z.string().nullish(),
  content: z.string().nullish(),
  created_at: z.string().nullish(),
  created_by: z.string().nullish(),
  created_by_type: z.string().nullish(),
  updated_at: z.string().nullish(),
});
