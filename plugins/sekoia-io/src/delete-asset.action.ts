import { defineAction } from '@ply/core';
import { z } from 'zod';
import { callEndpoint } from './endpoint-call.js';

export const deleteAsset = defineAction({
  uuid: '2f29eed3-be01-4222-871f-cdf74cb199b5',
  slug: 'delete_asset',
  name: 'Delete an asset',
  description: 'Delete the requested asset',
  group: 'Setters',
  arguments: z.object({ uuid: z.string().min(1).describe('The identifier of the asset') }).meta({ title: 'deletes_an_asset' }),
  results: z.object({}),
  async run(ctx, args) {
    await callEndpoint(ctx, { method: 'DELETE', path: 'v1/asset-management/assets/{uuid}' }, args);
    return {};
  },
});
