import { z } from 'zod';
import { collectGraph } from './graph-pages.js';
import { azureAd } from './module.js';
import { odataString } from './user-arguments.js';

const flag = (title: string) => z.boolean().nullable().optional().meta({ title });

/** A user's registration details (https://learn.microsoft.com/en-us/graph/api/resources/userregistrationdetails). */
const registrationSchema = z.looseObject({
  id: z.string().meta({ title: 'Id' }),
  userPrincipalName: z.string().meta({ title: 'Userprincipalname' }),
  userDisplayName: z.string().nullable().optional().meta({ title: 'Userdisplayname' }),
  userType: z.string().nullable().optional().meta({ title: 'Usertype' }),
  isAdmin: flag('Isadmin'),
  isSsprRegistered: flag('Isssprregistered'),
  isSsprEnabled: flag('Isssprenabled'),
  isSsprCapable: flag('Isssprcapable'),
  isMfaRegistered: flag('Ismfaregistered'),
  isMfaCapable: flag('Ismfacapable'),
  isPasswordlessCapable: flag('Ispasswordlesscapable'),
  methodsRegistered: z.array(z.string()).nullable().optional().meta({ title: 'Methodsregistered' }),
  isSystemPreferredAuthenticationMethodEnabled: flag('Issystempreferredauthenticationmethodenabled'),
  systemPreferredAuthenticationMethods: z.array(z.string()).nullable().optional().meta({ title: 'Systempreferredauthenticationmethods' }),
  userPreferredMethodForSecondaryAuthentication: z.string().nullable().optional().meta({ title: 'Userpreferredmethodforsecondaryauthentication' }),
  lastUpdatedDateTime: z.string().nullable().optional().meta({ title: 'Lastupdateddatetime' }),
});

/**
 * `GET /reports/authenticationMethods/userRegistrationDetails?$filter=userPrincipalName eq '<upn>'`
 * (https://learn.microsoft.com/en-us/graph/api/authenticationmethodsroot-list-userregistrationdetails);
 * without a principal name, every user's details (one page unless `max_pages`), as the reference does.
 */
export const getUserAuthenticationMethods = azureAd.action({
  uuid: 'ae7ec26b-7a57-54f1-908b-011240ffd5c7',
  slug: 'get_user_authentication_methods',
  name: 'Get User Authentication Methods',
  description: "Get information about an user's authentication methods (such as their MFA status). Requires the UserAuthenticationMethod.Read.All permission.",
  docker_parameters: 'GetUserAuthenticationMethodsAction',
  arguments: z
    .object({
      userPrincipalName: z.string().optional().meta({ title: 'Userprincipalname' }).describe('Principal name of the user, which may correspond to their Azure email address.'),
      max_pages: z.number().int().min(1).max(100).default(1).describe('Pages to read at most'),
    })
    .meta({ title: 'RequiredSingleUserArguments' }),
  results: z.looseObject({ authenticationResults: z.array(registrationSchema).meta({ title: 'Authentication results' }) }).meta({ title: 'GetUserAuthenticationMethodsResults' }),
  async run(ctx, args) {
    const upn = args.userPrincipalName?.trim();
    const items = await collectGraph(ctx, { path: 'reports/authenticationMethods/userRegistrationDetails', query: { $filter: upn ? `userPrincipalName eq ${odataString(upn)}` : undefined } }, args.max_pages);
    return { authenticationResults: items as Array<z.input<typeof registrationSchema>> };
  },
});
