import { PlyError } from '@ply/core';
import { z } from 'zod';
import { delegatedToken } from './delegated-token.js';
import { azureAd } from './module.js';
import { userArguments, userOf, userPath } from './user-arguments.js';

/**
 * The reference's deprecated reset, with a delegated token of the configured account:
 * `GET /users/{u}/authentication/passwordMethods`, then `POST .../methods/{id}/resetPassword`
 * `{ newPassword }` (https://learn.microsoft.com/en-us/graph/api/authenticationmethod-resetpassword;
 * Graph answers 202 and finishes the reset on its own).
 */
export const resetUserPassword = azureAd.action({
  uuid: 'a6676d23-4b6d-4892-95c7-d02cc8c9436d',
  slug: 'reset_user_password',
  name: 'Reset User Password [DEPRECATED]',
  description: "Reset a user's password (deprecated). You will need UserAuthenticationMethod.ReadWrite.All delegated permission. And to disable the MFA authentication in your azure AD",
  docker_parameters: 'ResetUserPasswordAction',
  arguments: z
    .object({
      ...userArguments,
      userNewPassword: z.string().optional().meta({ title: 'Usernewpassword', secret: true }).describe('New password, required to reset the old one of course.'),
    })
    .meta({ title: 'RequiredTwoUserArguments' }),
  results: z.looseObject({}),
  async run(ctx, args) {
    const user = userOf(args);
    if (!args.userNewPassword) throw new PlyError('PLY_ARGUMENTS_INVALID', "'userNewPassword' and ('id' or 'userPrincipalName') should be specified", { details: { issues: [{ pointer: '/userNewPassword', message: 'is required' }] } });
    const authorization = `Bearer ${await delegatedToken(ctx, 'UserAuthenticationMethod.ReadWrite.All')}`;
    const { body } = await azureAd.request(ctx, { path: `${userPath(user)}/authentication/passwordMethods`, authorization, notFound: `user ${user}` });
    const method = ((body as { value?: Array<{ id?: unknown }> } | undefined)?.value ?? [])[0]?.id;
    if (typeof method !== 'string') throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `Microsoft Graph lists no password method for user ${user}`);
    await azureAd.request(ctx, { method: 'POST', path: `${userPath(user)}/authentication/methods/${encodeURIComponent(method)}/resetPassword`, json: { newPassword: args.userNewPassword }, authorization, notFound: `password method ${method} of user ${user}` });
    ctx.log.info('password reset requested', { user });
    return {};
  },
});
