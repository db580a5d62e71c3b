import { pollUntilStopped } from '@ply/core';
import { z } from 'zod';
import { configEvent, configPage, configsAfter, type FeedContext } from './config-feed.js';
import { mwdb } from './module.js';

/**
 * The last configuration emitted (or, on a first run, the newest one MWDB had then: as mwdblib's
 * `listen_for_configs`, the trigger starts from now). `id: null` records a first run that found
 * the repository empty, so that every configuration uploaded later is new.
 */
interface Checkpoint {
  id: string | null;
  upload_time: string | null;
}

/** One poll: each configuration uploaded after the checkpoint emitted once, oldest first, the checkpoint moved after each. */
async function poll(ctx: FeedContext): Promise<void> {
  const checkpoint = (await ctx.checkpoint.get()) as Checkpoint | undefined;
  if (!checkpoint) {
    const [newest] = await configPage(ctx, undefined, 1);
    await ctx.checkpoint.set({ id: newest?.id ?? null, upload_time: newest?.upload_time ?? null } satisfies Checkpoint);
    return;
  }
  const pivot = checkpoint.id !== null && checkpoint.upload_time !== null ? { id: checkpoint.id, upload_time: checkpoint.upload_time } : undefined;
  const fresh = await configsAfter(ctx, pivot);
  for (const item of fresh.reverse()) {
    if (ctx.signal.aborted) return;
    const event = await configEvent(ctx, item.id);
    if (event) await ctx.emit(event);
    else ctx.log.warn('an MWDB configuration went away before it was read: skipped', { id: item.id });
    await ctx.checkpoint.set({ id: item.id, upload_time: item.upload_time } satisfies Checkpoint);
    ctx.heartbeat();
  }
}

const fileSchema = z
  .looseObject({
    file_name: z.string().optional().describe('File Name'),
    file_size: z.int().optional().describe('File Size'),
    file_type: z.string().optional().describe('File Type'),
    ssdeep: z.string().nullable().optional().describe('File SSDEEP'),
    md5: z.string().optional().describe('File MD5'),
    sha1: z.string().optional().describe('File SHA1'),
    sha256: z.string().optional().describe('File SHA256'),
    sha512: z.string().optional().describe('File SHA512'),
    crc32: z.string().optional().describe('File CRC32'),
  })
  .describe('Malware sample');

export const getNewConfigsTrigger = mwdb.trigger({
  uuid: '3e57841d-8487-441a-bd5e-becd6e7ccb0f',
  slug: 'get_new_configs',
  docker_parameters: 'trigger_mwdb_configs',
  name: 'Get new configs',
  description: 'Get Malware configs from MWDB',
  arguments: z
    .object({
      interval: z.number().positive().default(15).describe('Time in seconds between two checks for new configurations (mwdblib\'s default, 15)'),
    })
    .meta({ title: 'Trigger Arguments' }),
  results: z
    .looseObject({
      id: z.string().describe('Configuration ID'),
      config_type: z.string().describe('Configuration Type (static or dynamic)'),
      upload_time: z.string().optional().describe('Configuration Upload Time (in ISO format)'),
      type: z.string().optional().describe('Configuration Type'),
      family: z.string().describe('Malware Family'),
      tags: z.array(z.unknown()).optional().describe('Tags associated with this configuration'),
      children: z.array(z.unknown()).optional().describe('Configuration Children Objects'),
      parents: z.array(z.unknown()).optional().describe('Configuration Parent Objects'),
      cfg: z.looseObject({}).describe('Configuration Content'),
      files: z.array(fileSchema).optional().describe('Malware samples associated with this configuration'),
    })
    .meta({ title: 'MWDB Configuration' }),
  async start(ctx, args) {
    await pollUntilStopped(ctx, { vendor: 'MWDB', intervalMs: args.interval * 1000, poll: () => poll(ctx) });
  },
});
