import { z } from 'zod';
import { sekoia } from '../module.js';

export const deleteAsset = sekoia.restAction({
  uuid: '2f29eed3-be01-4222-871f-cdf74cb199b5',
  slug: 'delete_asset',
  name: 'Delete an asset',
  description: 'Delete the requested asset',
  docker_parameters: 'delete-assets/{uuid}',
  group: 'Setters',
  method: 'DELETE',
  path: 'v1/asset-management/assets/{uuid}',
  arguments: z.object({ uuid: z.string().describe('The identifier of the asset') }).meta({ title: 'deletes_an_asset' }),
  results: z.looseObject({}),
  notFound: (args) => `asset ${args.uuid}`,
});
