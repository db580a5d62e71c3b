import { z } from 'zod';
import { addressArguments, addressResults, writeAddress } from './address.js';
import { fortigate } from './module.js';

/** Blocks an IPv4 address: a `firewall/address` entry of type `ipmask`, `<ip>/32`, on every firewall. */
export const postIpAddress = fortigate.action({
  uuid: '377a9c54-6bb6-40e3-8753-80cbc5b59c60',
  slug: 'post_ip_address',
  name: 'Post Fortigate IP Address',
  description: 'Add a new IP Address object to a Fortigate Firewall',
  docker_parameters: 'fortigate_add_ip_address',
  arguments: z
    .object({
      name: addressArguments.name,
      ip: z.ipv4().describe("The IPv4 linked with the Address to be blocked, (for ex: '1.1.1.1')."),
      'associated-interface': addressArguments['associated-interface'],
      comment: addressArguments.comment,
    })
    .meta({ title: 'Arguments' }),
  results: addressResults,
  run: (ctx, args) =>
    writeAddress(ctx, { name: args.name, type: 'ipmask', subnet: `${args.ip}/32`, 'associated-interface': args['associated-interface'] ?? '', comment: args.comment ?? '' }),
});
