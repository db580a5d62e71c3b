import { z } from 'zod';
import { sekoia } from '../module.js';
import { nameValueResultSchema } from '../schemas/asset.schema.js';

export const addKeyToAsset = sekoia.restAction({
  uuid: 'b589efe6-3da1-4800-bd41-9873c403fe58',
  slug: 'add_key_to_asset',
  name: 'Add key to Asset',
  description: 'Adds a key to an asset',
  docker_parameters: 'post-assets/{uuid}/keys',
  group: 'Setters',
  method: 'POST',
  path: 'v1/asset-management/assets/{uuid}/keys',
  // As the reference: name and value travel in the query string, the JSON body is empty.
  arguments: z
    .object({ uuid: z.string(), name: z.string().meta({ in: 'query' }), value: z.string().meta({ in: 'query' }) })
    .meta({ title: 'adds_an_key_to_the_asset' }),
  results: nameValueResultSchema,
  notFound: (args) => `asset ${args.uuid}`,
});
