import { z } from 'zod';
import { indexArgument, viewableIndex } from './index-mapping.js';
import { censys } from './module.js';
import { resultFileSchema } from './result-file.schema.js';
import { viewRequest } from './v2-requests.js';

/** View Item: one host (by IP) or certificate (by SHA-256 fingerprint), written to a results file. */
export const viewItemAction = censys.action({
  uuid: 'bf4f264f-8df2-44c8-88fb-459b455e51bc',
  slug: 'view_item',
  name: 'View Item',
  description: 'Return the item as a structured data',
  docker_parameters: 'censys-view',
  arguments: z
    .object({
      index: indexArgument('Name of the index to use'),
      item: z.string().min(1).describe('Item to retrieve (an IP address for ipv4, a SHA-256 fingerprint for certificates)'),
    })
    .meta({ title: 'Arguments' }),
  results: resultFileSchema('Path of result file'),
  async run(ctx, args) {
    const { resource } = viewableIndex(args.index);
    const answer = await viewRequest.run(ctx, { resource, item: args.item });
    return { result_path: await ctx.files.writeJson('result.json', answer.result ?? null) };
  },
});
