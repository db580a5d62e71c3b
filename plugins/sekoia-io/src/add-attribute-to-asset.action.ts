import { defineAction } from '@ply/core';
import { z } from 'zod';
import { nameValueResultSchema } from './asset.schema.js';
import { callEndpoint } from './endpoint-call.js';

export const addAttributeToAsset = defineAction({
  uuid: '380c30f0-8650-47fd-b618-8f35ef47a30b',
  slug: 'add_attribute_to_asset',
  name: 'Add attribute to Asset',
  description: 'Add an attribute to an asset',
  group: 'Setters',
  arguments: z.object({ uuid: z.string().min(1), name: z.string(), value: z.string() }).meta({ title: 'adds_an_attribute_to_the_asset' }),
  results: nameValueResultSchema,
  // As the reference: name and value travel in the query string, the JSON body is `{}`.
  run: async (ctx, args) =>
    (await callEndpoint(ctx, { method: 'POST', path: 'v1/asset-management/assets/{uuid}/attr', query: ['name', 'value'] }, args)) as z.input<
      typeof nameValueResultSchema
    >,
});
