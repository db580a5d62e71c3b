import { z } from 'zod';
import { shodan } from './module.js';

/** `dns/resolve` and `dns/reverse` take their lists comma-separated (`hostnames=a,b`). */
export const lookupIpsAction = shodan.restAction({
  uuid: 'b1b98911-071b-4a4d-b26e-2ae5aa7cef62',
  slug: 'lookup_ips',
  name: 'Lookup IPs',
  description: 'Look up the IP address for the provided list of hostnames.',
  docker_parameters: 'get-dns/resolve',
  method: 'GET',
  path: 'dns/resolve',
  arguments: z
    .object({ hostnames: z.array(z.string().min(1)).min(1).meta({ in: 'query', explode: false }).describe('List of hostnames; example "google.com".') })
    .meta({ title: 'get_dns_resolve' }),
  // `{ "<hostname>": "<ip>" | null }`.
  results: z.record(z.string(), z.unknown()).describe('The IP address of each hostname (null when it does not resolve)'),
});

export const lookupDnsAction = shodan.restAction({
  uuid: '72be4c27-4a56-454e-8e43-da655e294cde',
  slug: 'lookup_dns',
  name: 'Lookup DNS',
  description: 'Look up the hostnames that have been defined for the given list of IP addresses.',
  docker_parameters: 'get-dns/reverse',
  method: 'GET',
  path: 'dns/reverse',
  arguments: z
    .object({ ips: z.array(z.string().min(1)).min(1).meta({ in: 'query', explode: false }).describe('List of IP addresses; example "74.125.227.230"') })
    .meta({ title: 'get_dns_reverse' }),
  // `{ "<ip>": ["<hostname>", ...] | null }`.
  results: z.record(z.string(), z.unknown()).describe('The hostnames of each IP address (null when it has none)'),
});
