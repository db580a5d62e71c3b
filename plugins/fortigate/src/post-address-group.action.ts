import { z } from 'zod';
import { firewallOutcomeSchema, onEveryFirewall } from './every-firewall.js';
import { fortigate } from './module.js';

/**
 * Puts addresses in an address group on every firewall: the group's existing members are kept and
 * the new ones added (as the reference merges them), or the group is created.
 */
export const postAddressGroup = fortigate.action({
  uuid: 'd98acb88-88ca-4afe-95d0-b9996fe37cfc',
  slug: 'post_address_group',
  name: 'Post Fortigate Address Group',
  description: 'Add a new Address Group to a Fortigate Firewall',
  docker_parameters: 'fortigate_add_group_address',
  arguments: z
    .object({
      name: z.string().min(1).describe('The name of the Address Group.'),
      member: z
        .array(z.string().min(1))
        .min(1)
        .describe('The Object LIST to be added in the Address Group (can be an IP address, a FQDN or event a Group), for example Address1'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      objects: z.array(z.string()).describe('The OBJECT list added to the Address Group.'),
      firewalls: z.array(firewallOutcomeSchema.extend({ members: z.array(z.string()).optional() })).describe('What happened on each firewall'),
    })
    .meta({ title: 'Results' }),
  async run(ctx, args) {
    const path = `firewall/addrgrp/${encodeURIComponent(args.name)}`;
    const members = new Map<string, string[]>();
    const firewalls = await onEveryFirewall(ctx, `address group ${args.name}`, async (api) => {
      const existing = await api.get(path);
      const current = (existing?.results?.[0]?.['member'] as Array<{ name?: unknown }> | undefined)?.map((member) => String(member.name)) ?? [];
      const merged = [...new Set([...current, ...args.member])];
      members.set(`${api.firewall.base_ip}:${api.firewall.base_port}`, merged);
      if (!existing) {
        await api.write('POST', 'firewall/addrgrp', { name: args.name, member: merged.map((name) => ({ name })) });
        return 'created';
      }
      if (merged.length === current.length) return 'unchanged';
      await api.write('PUT', path, { member: merged.map((name) => ({ name })) });
      return 'updated';
    });
    return { objects: args.member, firewalls: firewalls.map((outcome) => ({ ...outcome, ...(members.has(outcome.firewall) && outcome.status !== 'failed' ? { members: members.get(outcome.firewall) } : {}) })) };
  },
});
