import { z } from 'zod';
import { sekoia } from '../module.js';
import { assetV2Schema } from '../schemas/asset.schema.js';

export const getAssetV2 = sekoia.restAction({
  uuid: '7df20273-8698-45f8-b2b4-6b6d28717b45',
  slug: 'retrieve_assetv2',
  name: 'Get Asset (V2)',
  description: 'Return an asset according to its identifier',
  docker_parameters: 'get-assets-v2/{uuid}',
  group: 'Getters',
  method: 'GET',
  path: 'v2/asset-management/assets/{uuid}',
  arguments: z
    .object({
      uuid: z.string().describe('The identifier of the asset'),
      with_telemetry: z.boolean().optional().describe('Flag to return telemetry information (first_seen, last_seen, occurrences) of the asset'),
      with_compliance: z.boolean().optional().describe('Flag to return the hygiene information (partitions, vulnerabilities) of the asset'),
    })
    .meta({ title: 'Get Asset' }),
  results: assetV2Schema,
  notFound: (args) => `asset ${args.uuid}`,
});
