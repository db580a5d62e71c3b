import { z } from 'zod';
import { accountStateArguments, setAccountState } from './account-state.js';
import { windowsServer } from './module.js';

/** `Disable-LocalUser -Name ...` (or `-SID ...`) on the server. */
export const disableUsers = windowsServer.action({
  uuid: 'ebbc2c31-81de-4fea-bba2-bce8d83a2058',
  slug: 'disable_users',
  name: 'Disable Users',
  description: 'Disable specified users on remote server',
  docker_parameters: 'disable-users',
  arguments: accountStateArguments('disable'),
  results: z.looseObject({}).meta({ title: 'Result' }),
  run: (ctx, args) => setAccountState(ctx, 'Disable', args),
});
