import { PlyError, type ActionContext } from '@ply/core';
import { z } from 'zod';
import type { WindowsServerConfiguration } from './configuration.js';
import { accountStateScript } from './powershell-script.js';
import { runPowerShell } from './remote-powershell.js';

const SID = /^S-1-\d+(-\d+)+$/i;

/** The reference's arguments of Enable Users and Disable Users. */
export function accountStateArguments(verb: 'enable' | 'disable') {
  return z
    .object({
      users: z.array(z.string().min(1)).optional().describe(`List of user names to ${verb}. \`sids\` or \`users\` must be specified`),
      sids: z.array(z.string().min(1)).optional().describe(`List of SID\`s to ${verb}. \`sids\` or \`users\` must be specified`),
      server: z.string().optional().describe('Remote server dns name or IP address'),
    })
    .meta({ title: 'Arguments' });
}

/** `Enable-LocalUser` / `Disable-LocalUser` of the names (or, without names, the SIDs) given, as the reference chooses. */
export async function setAccountState(ctx: ActionContext<WindowsServerConfiguration>, verb: 'Enable' | 'Disable', args: { users?: string[] | undefined; sids?: string[] | undefined; server?: string | undefined }): Promise<Record<string, never>> {
  if (args.users?.length) {
    await runPowerShell(ctx, args.server, accountStateScript(verb, { users: args.users }), `${verb === 'Enable' ? 'enabling' : 'disabling'} ${args.users.join(', ')}`);
    return {};
  }
  if (args.sids?.length) {
    const bad = args.sids.findIndex((sid) => !SID.test(sid));
    if (bad >= 0) throw new PlyError('PLY_ARGUMENTS_INVALID', `sids[${bad}] is not a security identifier (S-1-...): ${JSON.stringify(args.sids[bad])}`, { details: { issues: [{ pointer: `/sids/${bad}`, message: 'is not a SID' }] } });
    await runPowerShell(ctx, args.server, accountStateScript(verb, { sids: args.sids }), `${verb === 'Enable' ? 'enabling' : 'disabling'} ${args.sids.join(', ')}`);
    return {};
  }
  throw new PlyError('PLY_ARGUMENTS_INVALID', '`sids` or `users` must be specified', { details: { issues: [{ pointer: '/users', message: 'users or sids is required' }] } });
}
