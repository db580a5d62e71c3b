import { z } from 'zod';
import { sekoia } from '../module.js';
import { assetV1Schema } from '../schemas/asset.schema.js';

export const getAsset = sekoia.restAction({
  uuid: '2588a60c-59da-4b65-9b96-e5facd03c768',
  slug: 'get_asset',
  name: 'Get Asset',
  description: 'Return an asset according its identifier',
  docker_parameters: 'get-assets/{uuid}',
  group: 'Getters',
  method: 'GET',
  path: 'v1/asset-management/assets/{uuid}',
  arguments: z.object({ uuid: z.string().describe('The identifier of the asset') }).meta({ title: 'Asset getter arguments' }),
  results: assetV1Schema,
  notFound: (args) => `asset ${args.uuid}`,
});
