import { z } from 'zod';

const nameValue = z.looseObject({ uuid: z.string().nullish(), name: z.string().nullish(), value: z.string().nullish() });
const named = z.looseObject({ uuid: z.string().nullish(), name: z.string().nullish(), description: z.string().nullish() });

/** An asset of the v1 asset-management API (`api/v1/asset-management/assets`). */
export const assetV1Schema = z.looseObject({
  uuid: z.string().nullish(),
  name: z.string().nullish(),
  criticity: z.looseObject({ value: z.number().nullish(), display: z.string().nullish() }).nullish(),
  description: z.string().nullish(),
  asset_type: named.nullish(),
  category: z.looseObject({ uuid: z.string().nullish(), name: z.string().nullish(), description: z.string().nullish(), types: z.array(named).nullish() }).nullish(),
  attributes: z.array(nameValue).nullish(),
  keys: z.array(nameValue).nullish(),
  owners: z.array(z.unknown()).nullish(),
  community_uuid: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});

/**
 * A v2 asset (`api/v2/asset-management/assets`): `category` and `criticity` may be objects,
 * `criticality` null, as the API answers them.
 */
export const assetV2Schema = z.looseObject({
  uuid: z.string().nullish(),
  entity_uuid: z.string().nullish(),
  community_uuid: z.string().nullish(),
  name: z.string().nullish(),
  type: z.string().nullish(),
  category: z.union([z.string(), z.looseObject({})]).nullish(),
  criticality: z.number().nullish(),
  criticity: z.looseObject({}).nullish(),
  asset_type: z.looseObject({}).nullish(),
  description: z.string().nullish(),
  created_at: z.string().nullish(),
  created_by: z.string().nullish(),
  created_by_type: z.string().nullish(),
  updated_at: z.string().nullish(),
  first_seen: z.string().nullish(),
  last_seen: z.string().nullish(),
  nb_events: z.number().nullish(),
  nb_alerts: z.number().nullish(),
  nb_atoms: z.number().nullish(),
  atoms: z.record(z.string(), z.unknown()).nullish(),
  props: z.record(z.string(), z.unknown()).nullish(),
  tags: z.array(z.string()).nullish(),
  revoked: z.boolean().nullish(),
  revoked_at: z.string().nullish(),
  revoked_by: z.string().nullish(),
  reviewed: z.boolean().nullish(),
  reviewed_at: z.string().nullish(),
  reviewed_by: z.string().nullish(),
  source: z.string().nullish(),
  rule_uuid: z.string().nullish(),
  rule_version: z.string().nullish(),
});

/** A page of assets as both list endpoints answer it (other keys kept). */
export const assetPageSchema = <T extends z.ZodType>(item: T) => z.looseObject({ items: z.array(item).nullish(), total: z.number().nullish() });

/** What `POST assets/{uuid}/attr` and `POST assets/{uuid}/keys` answer. */
export const nameValueResultSchema = nameValue;
