import { z } from 'zod';

/** A STIX-like `{id, type, name, description}` entry of an alert's ttps or adversaries. */
const threat = z.looseObject({ id: z.string().nullish(), type: z.string().nullish(), name: z.string().nullish(), description: z.string().nullish() });

/**
 * A Sekoia.io alert as `GET v1/sic/alerts/{uuid}` returns it: the reference's fields, each
 * optional and nullable where the API may send null, every object open to fields it adds later.
 */
export const sekoiaAlertSchema = z.looseObject({
  uuid: z.string().nullish(),
  short_id: z.string().nullish(),
  title: z.string().nullish(),
  details: z.string().nullish(),
  urgency: z
    .looseObject({ current_value: z.number().nullish(), value: z.number().nullish(), severity: z.number().nullish(), criticity: z.number().nullish(), display: z.string().nullish() })
    .nullish(),
  status: z.looseObject({ uuid: z.string().nullish(), name: z.string().nullish(), description: z.string().nullish() }).nullish(),
  rule: z
    .looseObject({ uuid: z.string().nullish(), name: z.string().nullish(), description: z.string().nullish(), pattern: z.string().nullish(), type: z.string().nullish(), severity: z.number().nullish() })
    .nullish(),
  entity: z.looseObject({ uuid: z.string().nullish(), name: z.string().nullish() }).nullish(),
  alert_type: z.looseObject({ category: z.string().nullish(), value: z.string().nullish() }).nullish(),
  community_uuid: z.string().nullish(),
  created_at: z.number().nullish(),
  created_by: z.string().nullish(),
  created_by_type: z.string().nullish(),
  updated_at: z.number().nullish(),
  updated_by: z.string().nullish(),
  updated_by_type: z.string().nullish(),
  first_seen_at: z.string().nullish(),
  last_seen_at: z.string().nullish(),
  source: z.string().nullish(),
  target: z.string().nullish(),
  similar: z.number().nullish(),
  is_incident: z.boolean().nullish(),
  kill_chain_short_id: z.string().nullish(),
  assets: z.array(z.unknown()).nullish(),
  event_uuids: z.array(z.unknown()).nullish(),
  ttps: z.array(threat).nullish(),
  adversaries: z.array(threat).nullish(),
  number_of_unseen_comments: z.number().nullish(),
  number_of_total_comments: z.number().nullish(),
  comments: z.array(z.looseObject({})).nullish(),
  countermeasures: z.array(z.looseObject({})).nullish(),
  history: z.array(z.looseObject({})).nullish(),
  stix: z.unknown().optional(),
  cases: z.array(z.looseObject({})).nullish(),
});

/** A comment of an alert (`POST v1/sic/alerts/{uuid}/comments`). */
export const alertCommentSchema = z.looseObject({
  uuid: z.string().nullish().describe('Identifier of the comment'),
  content: z.string().nullish().describe('Content of the comment'),
  author: z.string().nullish().describe('Author of the comment'),
  date: z.number().nullish(),
  created_by: z.string().nullish().describe('The identifier of the creator of the comment'),
  created_by_type: z.string().nullish().describe('The type of the creator of the comment'),
  unseen: z.boolean().nullish(),
});
