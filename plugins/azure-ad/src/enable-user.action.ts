import { z } from 'zod';
import { setAccountEnabled } from './account-enabled.js';
import { azureAd } from './module.js';
import { userArguments } from './user-arguments.js';

/** Allows sign-in again: `accountEnabled: true` (https://learn.microsoft.com/en-us/graph/api/user-update). */
export const enableUser = azureAd.action({
  uuid: 'b0722afd-470c-5963-a111-b30804965b37',
  slug: 'enable_user',
  name: 'Enable User',
  description: 'Enable an Azure Active Directory user. Requires the User.ReadWrite.All permission.',
  docker_parameters: 'EnableUserAction',
  arguments: z.object(userArguments).meta({ title: 'RequiredSingleUserArguments' }),
  results: z.looseObject({}),
  run: (ctx, args) => setAccountEnabled(ctx, args, true),
});
