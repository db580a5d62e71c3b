import { sleep, toPlyError } from '@ply/core';
import { z } from 'zod';
import type { PollingContext } from './audit-log-collector.js';
import type { PollingOptions } from './graph-events.js';
import { collectGraph, graphPages } from './graph-pages.js';
import { azureAd } from './module.js';
import { toUserAsset, userAssetSchema, type GraphUser, type UserAsset } from './user-asset.js';

const SELECT = ['id', 'displayName', 'mail', 'identities', 'createdDateTime', 'userPrincipalName', 'mailNickname', 'accountEnabled', 'department', 'jobTitle', 'employeeId', 'employeeType', 'signInActivity', 'companyName', 'officeLocation', 'isManagementRestricted'];
/** Authentication methods that count as a second factor, as the reference counts them. */
const MFA_METHODS = new Set(['#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', '#microsoft.graph.softwareOathAuthenticationMethod', '#microsoft.graph.phoneAuthenticationMethod']);
/** Every user read with the advanced query headers the `$count` and `$orderby` of users need. */
const ADVANCED = { consistencylevel: 'eventual' };

const argumentsSchema = z
  .object({
    sekoia_base_url: z.string().optional().describe('Sekoia base URL'),
    frequency: z.number().int().min(1).default(1200).describe('Batch frequency in seconds'),
    sekoia_api_key: z.string().meta({ secret: true }).describe('API key to use from sekoia.io'),
    batch_size: z.number().int().min(1).default(100).describe('Batch size'),
    asset_connector_uuid: z.uuid().describe('UUID of the asset connector configured in Sekoia.io (the platform fills it for its own connectors)'),
  })
  .meta({ title: 'Entra ID asset connector' });

type Args = z.output<typeof argumentsSchema>;

/** Facts of one user: MFA (`/authentication/methods`), groups (`/memberOf`, paged) and admin roles (`/transitiveMemberOf/microsoft.graph.directoryRole`). */
async function userFacts(ctx: PollingContext, id: string) {
  const user = `users/${encodeURIComponent(id)}`;
  const methods = await collectGraph(ctx, { path: `${user}/authentication/methods`, notFound: `user ${id}` }, 10);
  const groups: Array<{ name: string | undefined; uid: string | undefined }> = [];
  for await (const page of graphPages(ctx, { path: `${user}/memberOf`, notFound: `user ${id}` })) {
    for (const member of page as Array<Record<string, unknown>>) if (member['@odata.type'] === '#microsoft.graph.group') groups.push({ name: member['displayName'] as string | undefined, uid: member['id'] as string | undefined });
  }
  const roles = await collectGraph(ctx, { path: `${user}/transitiveMemberOf/microsoft.graph.directoryRole`, notFound: `user ${id}` }, 1);
  return { hasMfa: methods.some((method) => MFA_METHODS.has(String((method as Record<string, unknown>)['@odata.type']))), groups, isAdmin: roles.length > 0 };
}

/** `POST <sekoia>/api/v2/asset-management/asset-connector/<uuid>` `{ version: 1, items }`, Bearer key, as the SDK's asset connectors post. */
async function postAssets(ctx: PollingContext, args: Args, items: UserAsset[]): Promise<void> {
  const base = (args.sekoia_base_url || 'https://api.sekoia.io').replace(/\/+$/, '');
  const url = `${base}/api/v2/asset-management/asset-connector/${encodeURIComponent(args.asset_connector_uuid)}`;
  // The same batch posted twice updates the same assets: safe to retry.
  await ctx.http.request(url, { method: 'POST', json: { version: 1, items }, headers: { authorization: `Bearer ${args.sekoia_api_key}` }, idempotent: true, responseType: 'none' });
}

/** One pass: users created since the checkpoint, in batches; the checkpoint moves after each acknowledged batch. */
async function pass(ctx: PollingContext, args: Args): Promise<number> {
  const since = ((await ctx.checkpoint.get()) as { most_recent_date_seen?: string } | undefined)?.most_recent_date_seen;
  const query = { $select: SELECT.join(','), $filter: since ? `createdDateTime ge ${since}` : undefined, $orderby: 'createdDateTime asc', $count: true };
  let batch: UserAsset[] = [];
  let latest: number | undefined;
  let total = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await postAssets(ctx, args, batch);
    total += batch.length;
    batch = [];
    // A second past the newest user, as the reference, so that it is not sent again.
    if (latest !== undefined) await ctx.checkpoint.set({ most_recent_date_seen: new Date(Math.floor(latest / 1000) * 1000 + 1000).toISOString().replace('.000Z', 'Z') });
  };
  for await (const page of graphPages(ctx, { path: 'users', query, headers: ADVANCED })) {
    ctx.heartbeat();
    for (const user of page as GraphUser[]) {
      if (!user.id) continue;
      batch.push(toUserAsset(user, await userFacts(ctx, user.id)));
      const created = user.createdDateTime ? Date.parse(user.createdDateTime) : NaN;
      if (!Number.isNaN(created)) latest = Math.max(latest ?? created, created);
      if (batch.length >= args.batch_size) await flush();
    }
  }
  await flush();
  return total;
}

/**
 * The reference's Users asset connector: Entra ID users (with MFA, groups and admin roles) as OCSF
 * user inventory items, posted to Sekoia.io's asset connector API in batches, then again every
 * `frequency` seconds for users created since.
 */
export function userAssetsConnector(options: PollingOptions = {}) {
  return azureAd.connector({
    uuid: 'b6e2e2e2-4c3a-4b7a-9e2a-1f2c3d4e5f6a',
    slug: 'entra_id_assets',
    name: 'Microsoft Entra ID Users',
    description: 'Fetch Entra ID user asset',
    docker_parameters: 'entra_id_asset_connector',
    arguments: argumentsSchema,
    results: userAssetSchema,
    async start(ctx, args) {
      let failures = 0;
      while (!ctx.signal.aborted) {
        ctx.heartbeat();
        let wait = options.pollIntervalMs ?? args.frequency * 1000;
        try {
          const count = await pass(ctx, args);
          failures = 0;
          ctx.log.info(count > 0 ? `posted ${count} user assets` : 'no new user');
        } catch (error) {
          if (ctx.signal.aborted) return;
          const failure = toPlyError(error);
          if (failure.code === 'PLY_VENDOR_HTTP_ERROR' && [400, 401, 403].includes(Number(failure.details['status']))) throw failure;
          if (failure.code === 'PLY_CONFIGURATION_INVALID') throw failure;
          failures += 1;
          wait = Math.min(wait * 2 ** failures, 5 * 60_000);
          ctx.log.warn('collecting the Entra ID users failed; trying again', { code: failure.code, error: failure.message, attempt: failures, delayMs: wait });
        }
        await sleep(wait, ctx.signal).catch(() => undefined);
      }
    },
  });
}
