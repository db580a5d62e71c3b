import { z } from 'zod';
import { sekoia } from '../module.js';
import { assetPageSchema, assetV2Schema } from '../schemas/asset.schema.js';

export const listAssetsV2 = sekoia.restAction({
  uuid: 'f7581c54-b9b8-414c-96cd-f13168cac7ce',
  slug: 'list_assetsv2',
  name: 'List Assets (V2)',
  description: 'Return a list of assets according to the filters',
  docker_parameters: 'get-assets-v2',
  group: 'Getters',
  method: 'GET',
  path: 'v2/asset-management/assets',
  arguments: z
    .object({
      search: z.string().nullable().optional().describe('Search assets by name'),
      uuids: z.string().nullable().optional().describe('Filter by comma-separated list of asset UUIDs'),
      community_uuids: z.string().nullable().optional().describe('Filter by comma-separated list of community UUIDs'),
      type: z.string().nullable().optional().describe('Filter by comma-separated list of asset types'),
      category: z.string().nullable().optional().describe('Filter by comma-separated list of asset categories'),
      source: z.string().nullable().optional().describe('Filter by comma-separated list of asset sources'),
      reviewed: z.boolean().nullable().optional().describe('Filter reviewed assets only'),
      criticality: z.int().nullable().optional().describe('Filter assets with higher criticality'),
      sort: z.enum(['name', 'type', 'created_at', 'criticality']).nullable().optional().describe('Sort criterion'),
      direction: z.enum(['desc', 'asc']).nullable().default(null).describe('Sort order'),
      rule_uuid: z.string().nullable().optional().describe('Rule Uuid'),
      rule_version: z.string().nullable().optional().describe('Rule Version'),
      offset: z.int().min(0).default(0).describe('The position of the first asset to return'),
      limit: z.int().min(1).max(100).default(20).describe('The number of assets to return'),
    })
    .meta({ title: 'list_assets_v2' }),
  results: assetPageSchema(assetV2Schema),
});
