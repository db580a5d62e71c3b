import { z } from 'zod';
import { sekoia } from '../module.js';
import { nameValueResultSchema } from '../schemas/asset.schema.js';

export const addAttributeToAsset = sekoia.restAction({
  uuid: '380c30f0-8650-47fd-b618-8f35ef47a30b',
  slug: 'add_attribute_to_asset',
  name: 'Add attribute to Asset',
  description: 'Add an attribute to an asset',
  docker_parameters: 'post-assets/{uuid}/attr',
  group: 'Setters',
  method: 'POST',
  path: 'v1/asset-management/assets/{uuid}/attr',
  // As the reference: name and value travel in the query string, the JSON body is empty.
  arguments: z
    .object({ uuid: z.string(), name: z.string().meta({ in: 'query' }), value: z.string().meta({ in: 'query' }) })
    .meta({ title: 'adds_an_attribute_to_the_asset' }),
  results: nameValueResultSchema,
  notFound: (args) => `asset ${args.uuid}`,
});
