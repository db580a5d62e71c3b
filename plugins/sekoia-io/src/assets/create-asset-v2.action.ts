import { z } from 'zod';
import { sekoia } from '../module.js';
import { assetV2Schema } from '../schemas/asset.schema.js';

export const createAssetV2 = sekoia.restAction({
  uuid: 'ed063a4f-105e-437a-8afe-503735add6d4',
  slug: 'create_assetv2',
  name: 'Create Asset (V2)',
  description: 'Create a new asset',
  docker_parameters: 'post-assets-v2',
  group: 'Setters',
  method: 'POST',
  path: 'v2/asset-management/assets',
  arguments: z
    .object({
      uuid: z.string().nullable().default(null),
      community_uuid: z.string(),
      entity_uuid: z.string().nullable().default(null),
      name: z.string().min(2),
      description: z.string().default(''),
      type: z.enum(['host', 'account', 'network']),
      category: z.string().nullable().default(null),
      criticality: z.int().min(0).max(100).default(0),
      props: z.record(z.string(), z.unknown()).nullable().default(null).describe('Attach contextual properties'),
      atoms: z.record(z.string(), z.unknown()).nullable().default(null).describe('Attach detection properties'),
      tags: z.array(z.string()).default([]),
      reviewed: z.boolean().default(false).describe('Mark the asset as reviewed'),
      source: z.enum(['manual', 'automatic', 'import']).default('manual'),
    })
    .meta({ title: 'creates_a_new_asset_v2' }),
  results: assetV2Schema,
});
