import { z } from 'zod';
import { azureAd } from './module.js';
import { userArguments, userOf, userPath } from './user-arguments.js';

/**
 * `POST /users/{id | upn}/revokeSignInSessions` (https://learn.microsoft.com/en-us/graph/api/user-revokesigninsessions):
 * invalidates the user's refresh tokens. Revoking twice is the same as once, so it is retried after a 5xx.
 */
export const revokeSignIn = azureAd.action({
  uuid: '4be1e1e1-cb41-4b93-ac3d-cdc6a5c38c71',
  slug: 'revoke_sign_in',
  name: 'Revoke Sign in',
  description: 'Invalidates all the refresh tokens issued to applications for a user. Requires the User.ReadWrite.All or Directory.ReadWrite.All permissions.',
  docker_parameters: 'RevokeSignInsSessionsAction',
  arguments: z.object(userArguments).meta({ title: 'SingleUserArguments' }),
  results: z.looseObject({}),
  async run(ctx, args) {
    const user = userOf(args);
    await azureAd.request(ctx, { method: 'POST', path: `${userPath(user)}/revokeSignInSessions`, idempotent: true, notFound: `user ${user}` });
    ctx.log.info('sign-in sessions revoked', { user });
    return {};
  },
});
