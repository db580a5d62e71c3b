import { defineAction } from '@ply/core';
import { z } from 'zod';
import { partialAssetV2Schema } from './asset.schema.js';
import { callEndpoint } from './endpoint-call.js';

export const deleteAssetV2 = defineAction({
  uuid: '31e6e73a-ac13-41ca-9f1a-0a0e33fda801',
  slug: 'delete_assetv2',
  name: 'Delete an asset (V2)',
  description: 'Delete the requested asset',
  group: 'Setters',
  arguments: z.object({ uuid: z.string().min(1).describe('The identifier of the asset') }).meta({ title: 'deletes_an_asset_v2' }),
  // The deleted asset when the API returns it; `{}` when it answers 204.
  results: partialAssetV2Schema,
  run: async (ctx, args) =>
    (await callEndpoint(ctx, { method: 'DELETE', path: 'v2/asset-management/assets/{uuid}' }, args)) as z.input<typeof partialAssetV2Schema>,
});
