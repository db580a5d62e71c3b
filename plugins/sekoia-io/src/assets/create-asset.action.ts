import { z } from 'zod';
import { sekoia } from '../module.js';
import { assetV1Schema } from '../schemas/asset.schema.js';

const nameValue = z.object({ name: z.string().optional(), value: z.string().optional() });

export const createAsset = sekoia.restAction({
  uuid: 'f11f93f8-df5e-4f03-a049-45c3ad9c15c1',
  slug: 'create_asset',
  name: 'Create Asset',
  description: 'Create a new asset',
  docker_parameters: 'post-assets',
  group: 'Setters',
  method: 'POST',
  path: 'v1/asset-management/assets',
  arguments: z
    .object({
      asset_type: z.looseObject({ uuid: z.string().optional(), name: z.string().optional() }),
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
});
