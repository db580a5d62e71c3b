import { z } from 'zod';
import { sekoia } from '../module.js';
import { assetV2Schema } from '../schemas/asset.schema.js';

/**
 * `PUT api/v2/asset-management/assets/{uuid}` with the fields given. The reference drops every
 * falsy field (a criticality of 0, an empty description); Ply sends what the playbook gives and
 * leaves out only what it does not.
 */
export const updateAsset = sekoia.restAction({
  uuid: '40708950-5de4-4541-9306-3059a81247f3',
  slug: 'update_assets',
  name: 'Update asset',
  description: 'Update an asset',
  docker_parameters: 'update-asset',
  group: 'Setters',
  method: 'PUT',
  path: 'v2/asset-management/assets/{uuid}',
  arguments: z
    .object({
      uuid: z.string().describe('The identifier of the asset'),
      entity_uuid: z.string().nullable().optional(),
      name: z.string().min(2).optional(),
      description: z.string().optional(),
      type: z.enum(['host', 'account', 'network']).optional(),
      category: z.string().nullable().optional(),
      criticality: z.int().min(0).max(100).optional(),
      props: z.record(z.string(), z.unknown()).nullable().optional().describe('Attach contextual properties'),
      atoms: z.record(z.string(), z.unknown()).nullable().optional().describe('Attach detection properties'),
      tags: z.array(z.string()).optional(),
      reviewed: z.boolean().optional().describe('Mark the asset as reviewed'),
      revoked: z.boolean().optional(),
    })
    .meta({ title: 'Update Asset' }),
  results: assetV2Schema,
  notFound: (args) => `asset ${args.uuid}`,
});
