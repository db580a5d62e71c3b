import { z } from 'zod';
import { SekoiaApi } from '../sekoia-api.js';
import { sekoia } from '../module.js';

/**
 * Hand-written: the reference answers the raw response (`status_code`, `headers`, `text`), not
 * its body. `POST api/v2/asset-management/assets/merge` `{destination, sources}`; a refusal fails
 * the action as the reference's `self.error` does.
 */
export const mergeAssets = sekoia.action({
  uuid: '86fc9d59-3c54-56f3-8266-1c9d80030a48',
  slug: 'merge_assets',
  name: 'Merge Assets',
  description: 'Merge a list of assets into a targeted asset',
  docker_parameters: 'merge-assets',
  group: 'Setters',
  arguments: z
    .object({
      destination: z.string().describe('The identifier of the asset the others are merged into'),
      sources: z.array(z.string()).describe('The identifiers of the assets to merge'),
    })
    .meta({ title: 'Arguments' }),
  results: z.looseObject({
    status_code: z.int().describe('HTTP status of the merge request'),
    headers: z.record(z.string(), z.unknown()).describe('HTTP headers of the answer'),
    text: z.string().describe('The body of the answer'),
  }),
  async run(ctx, args) {
    ctx.log.info('merging assets', { destination: args.destination, sources: args.sources.length });
    const api = SekoiaApi.fromModuleConfiguration(ctx.http, ctx.config);
    const response = await api.send<string>('v2/asset-management/assets/merge', {
      method: 'POST',
      json: { destination: args.destination, sources: args.sources },
      responseType: 'text',
    });
    return { status_code: response.status, headers: Object.fromEntries(response.headers), text: response.body ?? '' };
  },
});
