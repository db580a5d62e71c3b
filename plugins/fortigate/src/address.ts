import type { ActionContext } from '@ply/core';
import { z } from 'zod';
import type { Firewall } from './configuration.js';
import { firewallOutcomeSchema, onEveryFirewall } from './every-firewall.js';

/** The fields both address actions share with the reference. */
export const addressArguments = {
  name: z.string().min(1).describe('The name of the Address.'),
  'associated-interface': z.string().optional().describe("The associated interface of the firewall leave blank for 'Any' (default: Any)."),
  comment: z.string().optional().describe('A commentary to be displayed in the Fortigate GUI (default none).'),
};

export const addressResults = z.looseObject({
  address: z.record(z.string(), z.unknown()).describe('The address entry as written to the firewalls'),
  firewalls: z.array(firewallOutcomeSchema).describe('What happened on each firewall'),
});

/**
 * Writes a `firewall/address` entry on every firewall: updated where an entry of that name exists
 * (FortiOS refuses a second one with the same name), created elsewhere.
 */
export async function writeAddress(ctx: ActionContext<{ firewalls: Firewall[] }>, entry: Record<string, unknown> & { name: string }) {
  const path = `firewall/address/${encodeURIComponent(entry.name)}`;
  const firewalls = await onEveryFirewall(ctx, `address ${entry.name}`, async (api) => {
    if (await api.get(path)) {
      await api.write('PUT', path, entry);
      return 'updated';
    }
    await api.write('POST', 'firewall/address', entry);
    return 'created';
  });
  return { address: entry, firewalls };
}
