import { defineAction } from '@ply/core';
import { z } from 'zod';
import { assetV1Schema } from './asset.schema.js';
import { callEndpoint } from './endpoint-call.js';

const nameValue = z.object({ name: z.string(), value: z.string() });

export const createAsset = defineAction({
  uuid: 'f11f93f8-df5e-4f03-a049-45c3ad9c15c1',
  slug: 'create_asset',
  name: 'Create Asset',
  description: 'Create a new asset',
  group: 'Setters',
  arguments: z
    .object({
      asset_type: z.object({ uuid: z.string().optional(), name: z.string().optional() }),
      name: z.string(),
      criticity: z.int(),
      description: z.string().optional(),
      attributes: z.array(nameValue).optional(),
      keys: z.array(nameValue).optional(),
      owners: z.array(z.string()).optional(),
      community_uuid: z.string().optional(),
    })
    .meta({ title: 'creates_a_new_asset' }),
  results: assetV1Schema,
  run: async (ctx, args) => (await callEndpoint(ctx, { method: 'POST', path: 'v1/asset-management/assets' }, args)) as z.input<typeof assetV1Schema>,
});
