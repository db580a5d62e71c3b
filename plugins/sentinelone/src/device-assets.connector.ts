import { PlyError } from '@ply/core';
import { z } from 'zod';
import { collectEvery } from './collect-loop.js';
import { deviceAssetOf, deviceAssetSchema, type SentinelOneAgent } from './device-asset.js';
import { sentinelone } from './module.js';

const MAX_PAGES = 1000;

const pageSchema = z.looseObject({ data: z.array(z.looseObject({ id: z.string(), computerName: z.string().nullish(), createdAt: z.string() })).nullable(), pagination: z.looseObject({ nextCursor: z.string().nullish() }).optional() });

/**
 * The agents inventory (`GET agents`, 100 a page, cursor paging) as OCSF "Device Inventory Info"
 * documents (class 5001), the reference's mapping; agents created after the checkpoint's date are
 * read on each pass, and the checkpoint moves after each acknowledged batch.
 */
export const deviceAssetsConnector = sentinelone.connector({
  uuid: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
  slug: 'sentinelone_device_assets_connector',
  name: 'SentinelOne Devices',
  description: 'Collect device/agent inventory from SentinelOne and send to Sekoia.io Asset Management',
  docker_parameters: 'sentinelone_device_assets_connector',
  arguments: z
    .object({
      sekoia_base_url: z.string().meta({ title: 'Sekoia.io Base URL', default: 'https://api.sekoia.io' }).describe('The base URL of the Sekoia.io API'),
      sekoia_api_key: z.string().min(1).meta({ title: 'Sekoia.io API Key', secret: true }).describe('The API key to authenticate to Sekoia.io'),
      frequency: z.int().min(60).default(3600).meta({ title: 'Frequency (in seconds)' }).describe('How often to fetch device assets from SentinelOne (minimum 60 seconds)'),
      batch_size: z.int().min(1).default(1000).meta({ title: 'Chunk Size' }).describe('Number of assets to send in each batch to Sekoia.io'),
    })
    .meta({ title: 'SentinelOne Device Assets Connector Configuration' }),
  results: deviceAssetSchema,
  async start(ctx, args) {
    await collectEvery(ctx, args.frequency, 'SentinelOne devices', async () => {
      const since = ((await ctx.checkpoint.get()) as { most_recent_date_seen?: string } | undefined)?.most_recent_date_seen;
      let cursor: string | undefined;
      let count = 0;
      let pending: ReturnType<typeof deviceAssetOf>[] = [];
      let newest = since;
      const flush = async (): Promise<void> => {
        if (pending.length === 0) return;
        await ctx.push(pending);
        count += pending.length;
        pending = [];
        if (newest) await ctx.checkpoint.set({ most_recent_date_seen: newest });
      };
      for (let page = 0; page < MAX_PAGES && !ctx.signal.aborted; page += 1) {
        const answer = pageSchema.safeParse((await sentinelone.request(ctx, { path: 'agents', query: { limit: 100, sortBy: 'createdAt', sortOrder: 'asc', ...(since ? { createdAt__gt: since } : {}), cursor } })).body);
        if (!answer.success) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'SentinelOne answered agents without a data list');
        for (const agent of answer.data.data ?? []) {
          if (!agent.computerName) {
            ctx.log.warn('agent without a computer name skipped', { agent: agent.id });
            continue;
          }
          pending.push(deviceAssetOf(agent as SentinelOneAgent));
          if (!newest || agent.createdAt > newest) newest = agent.createdAt;
          if (pending.length >= args.batch_size) await flush();
        }
        cursor = answer.data.pagination?.nextCursor ?? undefined;
        if (!cursor) break;
      }
      await flush();
      return count;
    });
  },
});
