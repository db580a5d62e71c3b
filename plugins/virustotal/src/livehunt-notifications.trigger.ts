import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PlyError, isPlyError, type TriggerContext } from '@ply/core';
import { z } from 'zod';
import type { VirusTotalConfiguration } from './configuration.js';
import { virustotal } from './module.js';
import { asRecord } from './report-mapping.js';
import { pause, vtRequest } from './vt-client.js';

/** How far back one poll reads, in pages of {@link PAGE_SIZE}: a first run without `skip_history` is bounded. */
const MAX_PAGES = 25;
const PAGE_SIZE = 40;
/** The supervisor sees a heartbeat at least this often while the trigger waits. */
const HEARTBEAT_SECONDS = 10;

/** The last notification acknowledged, as the reference kept it. */
interface Checkpoint {
  last_notification_id: string;
  last_notification_date: number;
}

const eventSchema = z
  .looseObject({
    notification_path: z.string().describe('Filepath of the notification'),
    ruleset_name: z.string().describe('Name of the Ruleset'),
    rule_name: z.string().describe('Name of the Rule'),
    notification_id: z.string().describe('ID of the notification'),
    notification_date: z.int().describe('Timestamp of the notification'),
    md5: z.string().describe('MD5 hash of the file that matched the Yara rule'),
    sha1: z.string().describe('SHA-1 hash of the file that matched the Yara rule'),
    sha256: z.string().describe('SHA-256 hash of the file that matched the Yara rule'),
    name: z.string().optional().describe('Meaningful name of the file that matched the Yara rule'),
  })
  .meta({ title: 'Results' });

type Event = z.input<typeof eventSchema>;
type Context = TriggerContext<VirusTotalConfiguration, Event>;

function contextOf(notification: unknown): { id: string; date: number } | undefined {
  const context = asRecord(asRecord(notification)['context_attributes']);
  const id = context['notification_id'];
  const date = context['notification_date'];
  return typeof id === 'string' && typeof date === 'number' ? { id, date } : undefined;
}

/**
 * The notifications newer than the checkpoint, newest first as VirusTotal lists them
 * (`GET intelligence/hunting_notification_files?cursor=`): pages are read until the checkpoint's
 * notification (or an older one) appears, the list ends, or {@link MAX_PAGES} pages were read.
 */
async function newNotifications(ctx: Context, checkpoint: Checkpoint | undefined, firstPageOnly: boolean): Promise<unknown[]> {
  const found: unknown[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = (await vtRequest(ctx, { path: 'intelligence/hunting_notification_files', query: { limit: PAGE_SIZE, cursor } })) ?? {};
    if (!Array.isArray(answer['data'])) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'VirusTotal answered hunting_notification_files without a data list');
    for (const notification of answer['data']) {
      const context = contextOf(notification);
      if (!context) continue;
      if (checkpoint && (context.id === checkpoint.last_notification_id || context.date < checkpoint.last_notification_date)) return found;
      found.push(notification);
    }
    const next = asRecord(answer['meta'])['cursor'];
    if (firstPageOnly || answer['data'].length === 0 || typeof next !== 'string' || next === '') return found;
    cursor = next;
  }
  ctx.log.warn('LiveHunt notifications past the read bound were left', { pages: MAX_PAGES });
  return found;
}

/** Writes the notification in a folder of its own and emits the reference's event, which names the file. */
async function emitNotification(ctx: Context, notification: unknown): Promise<Checkpoint> {
  const context = contextOf(notification)!;
  const attributes = asRecord(asRecord(notification)['attributes']);
  const details = asRecord(asRecord(notification)['context_attributes']);
  const directory = `livehunt-${context.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  await mkdir(ctx.files.resolve(directory), { recursive: true });
  await writeFile(join(ctx.files.resolve(directory), 'notification.json'), JSON.stringify(notification));
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const event: Event = {
    notification_path: 'notification.json',
    ruleset_name: text(details['ruleset_name']),
    rule_name: text(details['rule_name']),
    notification_id: context.id,
    notification_date: context.date,
    md5: text(attributes['md5']),
    sha1: text(attributes['sha1']),
    sha256: text(attributes['sha256']),
    ...(typeof attributes['meaningful_name'] === 'string' && attributes['meaningful_name'] !== '' ? { name: attributes['meaningful_name'] } : {}),
  };
  await ctx.emit(event, { directory });
  return { last_notification_id: context.id, last_notification_date: context.date };
}

/** Waits `seconds`, telling the supervisor it is alive every {@link HEARTBEAT_SECONDS}; false once the trigger is stopped. */
async function waitAlive(ctx: Context, seconds: number): Promise<boolean> {
  for (let left = seconds; left > 0; left -= HEARTBEAT_SECONDS) {
    ctx.heartbeat();
    try {
      await pause(Math.min(left, HEARTBEAT_SECONDS), ctx.signal);
    } catch {
      return false;
    }
  }
  return !ctx.signal.aborted;
}

/**
 * One poll: the new notifications, emitted oldest first, the checkpoint moved after each one
 * (a restart re-emits at most the notification whose emission was not acknowledged). On a first
 * run with `skip_history`, the newest notification becomes the checkpoint and nothing is emitted.
 */
async function poll(ctx: Context, skipHistory: boolean): Promise<number> {
  const checkpoint = (await ctx.checkpoint.get()) as Checkpoint | undefined;
  const fresh = await newNotifications(ctx, checkpoint, !checkpoint && skipHistory);
  if (!checkpoint && skipHistory) {
    const newest = fresh.map(contextOf).find(Boolean);
    if (newest) await ctx.checkpoint.set({ last_notification_id: newest.id, last_notification_date: newest.date } satisfies Checkpoint);
    return 0;
  }
  for (const notification of fresh.reverse()) {
    if (ctx.signal.aborted) break;
    await ctx.checkpoint.set(await emitNotification(ctx, notification));
  }
  return fresh.length;
}

export const livehuntNotificationFilesTrigger = virustotal.trigger({
  uuid: '851ec90c-04f1-4765-9408-1177bfcc5524',
  slug: 'livehunt_notification_files',
  name: 'livehunt_notification_files',
  description: 'Get LiveHunt notifications from the files endpoint',
  docker_parameters: 'livehunt_notification_files_trigger',
  arguments: z
    .object({
      sleep_time: z.number().positive().default(300).describe('frequency of the lookups (in seconds)'),
      skip_history: z.boolean().default(false).describe('only process new notifications'),
    })
    .meta({ title: 'Trigger Arguments' }),
  results: eventSchema,
  async start(ctx, args) {
    ctx.log.info('LiveHunt trigger started', { sleepTime: args.sleep_time, skipHistory: args.skip_history });
    let failures = 0;
    while (!ctx.signal.aborted) {
      let wait = args.sleep_time;
      try {
        const emitted = await poll(ctx, args.skip_history);
        failures = 0;
        if (emitted > 0) ctx.log.info('LiveHunt notifications emitted', { count: emitted });
      } catch (error) {
        if (ctx.signal.aborted) break;
        const status = isPlyError(error) ? Number(error.details['status']) : undefined;
        // A refused key does not get better by asking again: stop with a clear status.
        if (status === 401 || status === 403) throw new PlyError('PLY_CONFIGURATION_INVALID', `the VirusTotal API key was refused (HTTP ${status}): LiveHunt needs a VirusTotal Intelligence (premium) key`, { details: { status } });
        failures += 1;
        wait = Math.min(args.sleep_time, 2 ** Math.min(failures, 8));
        ctx.log.warn('LiveHunt poll failed; trying again', { error: isPlyError(error) ? error.message : String(error), failures, retryInSeconds: wait });
      }
      if (!(await waitAlive(ctx, wait))) break;
    }
  },
});
