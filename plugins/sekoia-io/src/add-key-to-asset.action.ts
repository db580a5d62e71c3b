import { defineAction } from '@ply/core';
import { z } from 'zod';
import { nameValueResultSchema } from './asset.schema.js';
import { callEndpoint } from './endpoint-call.js';

export const addKeyToAsset = defineAction({
  uuid: 'b589efe6-3da1-4800-bd41-9873c403fe58',
  slug: 'add_key_to_asset',
  name: 'Add key to Asset',
  description: 'Adds a key to an asset',
  group: 'Setters',
  arguments: z.object({ uuid: z.string().min(1), name: z.string(), value: z.string() }).meta({ title: 'adds_an_key_to_the_asset' }),
  results: nameValueResultSchema,
  // As the reference: name and value travel in the query string, the JSON body is `{}`.
  run: async (ctx, args) =>
    (await callEndpoint(ctx, { method: 'POST', path: 'v1/asset-management/assets/{uuid}/keys', query: ['name', 'value'] }, args)) as z.input<
      typeof nameValueResultSchema
    >,
});
