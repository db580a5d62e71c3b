import { z } from 'zod';
import { windowsServer } from './module.js';
import { changePasswordScript } from './powershell-script.js';
import { runPowerShell } from './remote-powershell.js';

/** `Set-LocalUser -Name <user> -Password <new password>` on the server. */
export const changeUserPassword = windowsServer.action({
  uuid: 'd5f08194-19ca-48c5-885c-a4e4ca3ecf0a',
  slug: 'change_user_password',
  name: 'Change User Password',
  description: 'Changes specified user password on remote server',
  docker_parameters: 'change-user-password',
  arguments: z
    .object({
      user_to_update: z.string().min(1).describe('Username you want to change password for'),
      new_password: z.string().min(1).meta({ secret: true }).describe('New password for user'),
      server: z.string().optional().describe('Remote server dns name or IP address'),
    })
    .meta({ title: 'Arguments' }),
  results: z.looseObject({}).meta({ title: 'Result' }),
  async run(ctx, args) {
    await runPowerShell(ctx, args.server, changePasswordScript(args.user_to_update, args.new_password), `changing the password of ${args.user_to_update}`);
    return {};
  },
});
