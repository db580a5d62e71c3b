import { PlyError, isPlyError, sleep } from '@ply/core';
import { z } from 'zod';
import { deviceAssetOf, deviceAssetSchema } from './device-asset.js';
import { harfanglab } from './module.js';

const HEARTBEAT_SECONDS = 10;
const MAX_PAGES = 1000;
const pageSchema = z.looseObject({ results: z.array(z.looseObject({ id: z.string(), hostname: z.string().nullish(), firstseen: z.string().nullish() })), next: z.string().nullish() });

/**
 * The agents (`GET api/data/endpoint/Agent/`, ordered by `firstseen`, `next` paging) as OCSF
 * "Device Inventory Info" documents, pushed in batches; the checkpoint (the newest `firstseen`
 * pushed) moves after each acknowledged batch, and the next pass reads agents first seen since.
 */
export const devicesConnector = harfanglab.connector({
  uuid: 'f7da3627-6016-415d-9885-231e1455a7a5',
  slug: 'harfanglab_asset_connector',
  name: 'Harfanglab Devices',
  description: 'Fetch Harfanglab device asset',
  docker_parameters: 'harfanglab_asset_connector',
  arguments: z
    .object({
      sekoia_base_url: z.string().optional().describe('Sekoia base URL'),
      frequency: z.int().min(1).default(60).describe('Batch frequency in seconds'),
      sekoia_api_key: z.string().min(1).meta({ secret: true }).describe('API key to use from sekoia.io'),
      batch_size: z.int().min(1).default(100).describe('Number of assets to process in one batch'),
    })
    .meta({ title: 'Arguments' }),
  results: deviceAssetSchema,
  async start(ctx, args) {
    let failures = 0;
    while (!ctx.signal.aborted) {
      let wait = args.frequency;
      try {
        const since = ((await ctx.checkpoint.get()) as { most_recent_date_seen?: string } | undefined)?.most_recent_date_seen;
        let pending: Array<z.input<typeof deviceAssetSchema>> = [];
        let newest = since;
        const flush = async (): Promise<void> => {
          if (pending.length === 0) return;
          await ctx.push(pending);
          pending = [];
          if (newest) await ctx.checkpoint.set({ most_recent_date_seen: newest });
        };
        let next: string | undefined;
        for (let page = 0; page < MAX_PAGES && !ctx.signal.aborted; page += 1) {
          const call = next ? { path: next } : { path: 'api/data/endpoint/Agent/', query: { ordering: 'firstseen', limit: 100, ...(since ? { firstseen__gt: since } : {}) } };
          const answer = pageSchema.safeParse((await harfanglab.request(ctx, call)).body);
          if (!answer.success) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'HarfangLab answered the agents list without results');
          for (const agent of answer.data.results) {
            if (!agent.hostname) continue;
            pending.push(deviceAssetOf(agent));
            if (agent.firstseen && (!newest || agent.firstseen > newest)) newest = agent.firstseen;
            if (pending.length >= args.batch_size) await flush();
          }
          next = answer.data.next ? new URL(answer.data.next, ctx.config.url).href : undefined;
          if (!next) break;
        }
        await flush();
        failures = 0;
      } catch (error) {
        if (ctx.signal.aborted) break;
        const status = isPlyError(error) ? Number(error.details['status']) : undefined;
        if (status === 401 || status === 403) throw new PlyError('PLY_CONFIGURATION_INVALID', `HarfangLab devices: the API token was refused (HTTP ${status}); check it, then restart`, { details: { status }, cause: error });
        failures += 1;
        wait = Math.min(args.frequency, 2 ** Math.min(failures, 8));
        ctx.log.warn('HarfangLab devices: collection failed; trying again', { error: isPlyError(error) ? error.message : String(error), failures, retryInSeconds: wait });
      }
      for (let left = wait; left > 0 && !ctx.signal.aborted; left -= HEARTBEAT_SECONDS) {
        ctx.heartbeat();
        await sleep(Math.min(left, HEARTBEAT_SECONDS) * 1000, ctx.signal).catch(() => undefined);
      }
    }
  },
});
