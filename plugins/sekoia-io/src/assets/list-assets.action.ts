import { z } from 'zod';
import { sekoia } from '../module.js';
import { assetPageSchema, assetV1Schema } from '../schemas/asset.schema.js';

/** The reference registers no code for this v1 JSON (its class serves v2); Ply implements the v1 query it describes. */
export const listAssets = sekoia.restAction({
  uuid: '37782dd7-1308-4cd4-a73d-0a6cc69661e3',
  slug: 'list_assets',
  name: 'List Assets',
  description: 'Return a list of assets according to the filters',
  docker_parameters: 'get-assets',
  group: 'Getters',
  method: 'GET',
  path: 'v1/asset-management/assets',
  arguments: z
    .object({
      limit: z.int().min(1).max(100).default(20).describe('The number of assets to return'),
      offset: z.int().optional().describe('The position of the first asset to return'),
      'match[uuid]': z.string().optional().describe('Filter assets according to their identifier'),
      'match[name]': z.string().optional().describe('Filter assets according to their name'),
      'match[category_name]': z.string().optional().describe('Filter assets according to their category'),
      'match[category_uuid]': z.string().optional().describe('Filter assets according to their category'),
      'match[type_name]': z.string().optional().describe('Filter assets according to their type'),
      'match[type_uuid]': z.string().optional().describe('Filter assets according to their type'),
      'range[criticality]': z.string().optional().describe('Filter assets according to their criticality'),
      'date[created_at]': z.string().optional().describe('Filter assets according to their creation date'),
      'date[updated_at]': z.string().optional().describe('Filter assets according to their modification date'),
      sort: z.string().optional().describe('The field to use to sort the list'),
      direction: z.string().optional().describe('The direction to sort the list'),
    })
    .meta({ title: 'list_assets' }),
  results: assetPageSchema(assetV1Schema),
});
