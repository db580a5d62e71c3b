import type { ActionContext } from '@ply/core';
import type { AzureAdConfiguration } from './configuration.js';
import { azureAd } from './module.js';
import { userOf, userPath } from './user-arguments.js';

/** `PATCH /users/{id | upn}` `{ accountEnabled }` (204): setting the same value twice changes nothing, so it is retried like a GET. */
export async function setAccountEnabled(ctx: ActionContext<AzureAdConfiguration>, args: { id?: string | undefined; userPrincipalName?: string | undefined }, accountEnabled: boolean): Promise<Record<string, never>> {
  const user = userOf(args);
  await azureAd.request(ctx, { method: 'PATCH', path: userPath(user), json: { accountEnabled }, idempotent: true, notFound: `user ${user}` });
  ctx.log.info(accountEnabled ? 'user enabled' : 'user disabled', { user });
  return {};
}
