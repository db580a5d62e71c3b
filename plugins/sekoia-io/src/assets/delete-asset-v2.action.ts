import { z } from 'zod';
import { sekoia } from '../module.js';
import { assetV2Schema } from '../schemas/asset.schema.js';

export const deleteAssetV2 = sekoia.restAction({
  uuid: '31e6e73a-ac13-41ca-9f1a-0a0e33fda801',
  slug: 'delete_assetv2',
  name: 'Delete an asset (V2)',
  description: 'Delete the requested asset',
  docker_parameters: 'delete-assets-v2/{uuid}',
  group: 'Setters',
  method: 'DELETE',
  path: 'v2/asset-management/assets/{uuid}',
  arguments: z.object({ uuid: z.string().describe('The identifier of the asset') }).meta({ title: 'deletes_an_asset_v2' }),
  // The deleted asset when the API returns it; `{}` when it answers 204.
  results: assetV2Schema,
  notFound: (args) => `asset ${args.uuid}`,
});
