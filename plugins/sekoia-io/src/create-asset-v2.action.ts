import { defineAction } from '@ply/core';
import { z } from 'zod';
import { assetV2Schema } from './asset.schema.js';
import { callEndpoint } from './endpoint-call.js';

export const createAssetV2 = defineAction({
  uuid: 'ed063a4f-105e-437a-8afe-503735add6d4',
  slug: 'create_assetv2',
  name: 'Create Asset (V2)',
  description: 'Create a new asset',
  group: 'Setters',
  arguments: z
    .object({
      uuid: z.uuid().nullable().default(null),
      community_uuid: z.uuid(),
      entity_uuid: z.uuid().nullable().default(null),
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
  run: async (ctx, args) => (await callEndpoint(ctx, { method: 'POST', path: 'v2/asset-management/assets' }, args)) as z.input<typeof assetV2Schema>,
});
