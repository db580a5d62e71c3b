import { z } from 'zod';
import { firewallOutcomeSchema, onEveryFirewall } from './every-firewall.js';
import { fortigate } from './module.js';

/** Disables a local user account (`PUT user/local/<name>` with `status: disable`) on every firewall. */
export const disableLocalUser = fortigate.action({
  uuid: '83ffd9c7-ed8e-4e14-950f-3d2fada0a4a3',
  slug: 'disable_local_user_account',
  name: 'Disable Fortigate local user account',
  description: 'Disable a local user account of a Fortigate Firewall',
  docker_parameters: 'fortigate_disable_local_user',
  arguments: z.object({ name: z.string().min(1).describe('The name of the local account to disable.') }).meta({ title: 'Arguments' }),
  results: z.looseObject({ firewalls: z.array(firewallOutcomeSchema).describe('What happened on each firewall') }),
  async run(ctx, args) {
    const path = `user/local/${encodeURIComponent(args.name)}`;
    const firewalls = await onEveryFirewall(ctx, `local user ${args.name}`, async (api) => {
      if (!(await api.get(path))) throw new Error(`the firewall has no local user ${args.name}`);
      await api.write('PUT', path, { status: 'disable' });
      return 'disabled';
    });
    return { firewalls };
  },
});
