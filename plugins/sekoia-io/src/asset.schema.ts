import { z } from 'zod';

const nameValue = z.looseObject({ uuid: z.string().optional(), name: z.string(), value: z.string() });

/** An asset of the v1 asset-management API (`api/v1/asset-management/assets`). */
export const assetV1Schema = z.looseObject({
  uuid: z.string(),
  name: z.string(),
  criticity: z.looseObject({ value: z.number(), display: z.string() }).optional(),
  description: z.string().nullable().optional(),
  asset_type: z.looseObject({ uuid: z.string().optional(), name: z.string().optional() }).optional(),
  category: z.looseObject({ uuid: z.string().optional(), name: z.string().optional() }),
  attributes: z.array(nameValue).optional(),
  keys: z.array(nameValue).optional(),
  owners: z.array(z.unknown()).optional(),
  community_uuid: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
});

/** The fields of a v2 asset (`api/v2/asset-management/assets`). */
const assetV2Fields = {
  uuid: z.string(),
  entity_uuid: z.string().nullable().optional(),
  community_uuid: z.string(),
  name: z.string(),
  type: z.string(),
  category: z.string().nullable().optional(),
  criticality: z.number().optional(),
  created_at: z.string().nullable().optional(),
  created_by: z.string().nullable().optional(),
  created_by_type: z.string().nullable().optional(),
  updated_at: z.string().nullable().optional(),
  first_seen: z.string().nullable().optional(),
  last_seen: z.string().nullable().optional(),
  nb_events: z.number().nullable().optional(),
  nb_alerts: z.number().nullable().optional(),
  nb_atoms: z.number().nullable().optional(),
  atoms: z.record(z.string(), z.unknown()).nullable().optional(),
  props: z.record(z.string(), z.unknown()).nullable().optional(),
  tags: z.array(z.string()).optional(),
  revoked: z.boolean().optional(),
  reviewed: z.boolean().optional(),
  source: z.string().optional(),
  rule_uuid: z.string().nullable().optional(),
  rule_version: z.string().nullable().optional(),
};

/** A v2 asset. */
export const assetV2Schema = z.looseObject(assetV2Fields);

/** A v2 asset where every field may be missing: DELETE may answer 204 with no body. */
export const partialAssetV2Schema = assetV2Schema.partial();

/** A page of assets as both list endpoints answer it. */
export const assetPageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });

/** What `POST assets/{uuid}/attr` and `POST assets/{uuid}/keys` answer. */
export const nameValueResultSchema = z.looseObject({ uuid: z.string(), name: z.string(), value: z.string() });
