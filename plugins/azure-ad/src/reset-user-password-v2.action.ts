import { z } from 'zod';
import { generatePassword } from './generated-password.js';
import { azureAd } from './module.js';
import { userOf, userPath } from './user-arguments.js';

/**
 * Resets a password by `PATCH /users/{id | upn}` `{ passwordProfile }` with the application token
 * (https://learn.microsoft.com/en-us/graph/api/user-update, passwordProfile resource); an empty new
 * password is replaced by a generated one, returned as `newPassword`.
 */
export const resetUserPasswordV2 = azureAd.action({
  uuid: 'd39a2f96-78ed-468b-876d-9442d9261b68',
  slug: 'reset_user_password_v2',
  name: 'Reset User Password',
  description: "Resets a user's password by patching passwordProfile. Requires User-PasswordProfile.ReadWrite.All (Application), admin consent and appropriate Entra role assignment",
  docker_parameters: 'ResetUserPasswordActionV2',
  arguments: z
    .object({
      id: z.string().optional().meta({ title: 'Id' }).describe('ID of the user. Only one of id or userPrincipalName should be specified.'),
      userPrincipalName: z.string().optional().meta({ title: 'UserPrincipalName' }).describe('Principal Name of the user. Only one of id or userPrincipalName should be specified.'),
      userNewPassword: z
        .string()
        .nullable()
        .optional()
        .meta({ title: 'UserNewPassword', secret: true })
        .describe('New password, to reset the old one. Let empty to generate a random password. If not empty, should comply with https://learn.microsoft.com/en-us/entra/identity/authentication/concept-password-ban-bad-combined-policy'),
      forceChangePasswordNextSignIn: z.boolean().default(true).meta({ title: 'ForceChangePasswordNextSignIn' }).describe('Determines if the user must change their password on the next sign-in.'),
      forceChangePasswordNextSignInWithMfa: z
        .boolean()
        .default(false)
        .meta({ title: 'ForceChangePasswordNextSignInWithMfa' })
        .describe('Determines if the user must perform a multifactor authentication (MFA) before being forced to change their password.'),
    })
    .meta({ title: 'RequiredTwoUserArguments', oneOf: [{ required: ['id'] }, { required: ['userPrincipalName'] }] }),
  results: z.looseObject({ newPassword: z.string().meta({ secret: true }).describe('New password') }),
  async run(ctx, args) {
    const user = userOf(args);
    const newPassword = (args.userNewPassword ?? '').trim() || generatePassword();
    // Setting the same password twice is one reset: safe to retry after a 5xx.
    await azureAd.request(ctx, {
      method: 'PATCH',
      path: userPath(user),
      json: { passwordProfile: { password: newPassword, forceChangePasswordNextSignIn: args.forceChangePasswordNextSignIn, forceChangePasswordNextSignInWithMfa: args.forceChangePasswordNextSignInWithMfa } },
      idempotent: true,
      notFound: `user ${user}`,
    });
    ctx.log.info('password reset', { user, generated: !(args.userNewPassword ?? '').trim() });
    return { newPassword };
  },
});
