import { z } from 'zod';
import { accountStateArguments, setAccountState } from './account-state.js';
import { windowsServer } from './module.js';

/** `Enable-LocalUser -Name ...` (or `-SID ...`) on the server. */
export const enableUsers = windowsServer.action({
  uuid: 'e72cadea-d1e2-4b05-ab4c-333cba2fb724',
  slug: 'enable_users',
  name: 'Enable Users',
  description: 'Enable specified users on remote server',
  docker_parameters: 'enable-users',
  arguments: accountStateArguments('enable'),
  results: z.looseObject({}).meta({ title: 'Result' }),
  run: (ctx, args) => setAccountState(ctx, 'Enable', args),
});
