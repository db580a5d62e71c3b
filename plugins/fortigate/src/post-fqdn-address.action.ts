import { z } from 'zod';
import { addressArguments, addressResults, writeAddress } from './address.js';
import { fortigate } from './module.js';

/** Blocks a domain name: a `firewall/address` entry of type `fqdn` on every firewall. */
export const postFqdnAddress = fortigate.action({
  uuid: '288a52f2-6994-419f-884c-d15f81a31cfc',
  slug: 'post_fqdn_address',
  name: 'Post Fortigate FQDN Address',
  description: 'Add a new FQDN object to a Fortigate Firewall',
  docker_parameters: 'fortigate_add_fqdn',
  arguments: z
    .object({
      name: addressArguments.name,
      fqdn: z
        .string()
        .regex(/^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/i, 'a domain name such as example.domain.com')
        .describe("The FQDN to be blocked (for ex: 'example.domain.com')."),
      'associated-interface': addressArguments['associated-interface'],
      comment: addressArguments.comment,
    })
    .meta({ title: 'Arguments' }),
  results: addressResults,
  run: (ctx, args) => writeAddress(ctx, { name: args.name, type: 'fqdn', fqdn: args.fqdn, 'associated-interface': args['associated-interface'] ?? '', comment: args.comment ?? '' }),
});
