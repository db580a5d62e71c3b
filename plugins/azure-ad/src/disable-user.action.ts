import { z } from 'zod';
import { setAccountEnabled } from './account-enabled.js';
import { azureAd } from './module.js';
import { userArguments } from './user-arguments.js';

/** Blocks sign-in: `accountEnabled: false` (https://learn.microsoft.com/en-us/graph/api/user-update). */
export const disableUser = azureAd.action({
  uuid: 'df34b4c8-f570-5c70-a986-e1c649aedf42',
  slug: 'disable_user',
  name: 'Disable User',
  description: 'Disable an Azure Active Directory user. Requires the User.ReadWrite.All permission.',
  docker_parameters: 'DisableUserAction',
  arguments: z.object(userArguments).meta({ title: 'RequiredSingleUserArguments' }),
  results: z.looseObject({}),
  run: (ctx, args) => setAccountEnabled(ctx, args, false),
});
