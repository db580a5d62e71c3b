import { z } from 'zod';
import { extractObservables } from './model.js';
import { stix } from './module.js';
import { bundleResults } from './stix.schema.js';
import { outputBundle } from './stix-input.js';

const KINDS = ['ipv4-addr', 'ipv6-addr', 'domain-name', 'url', 'email-addr', 'file'] as const;

export const stringToObservablesAction = stix.action({
  uuid: '54b8ad1f-e5d9-4d68-a27d-2c3cf24f48a2',
  slug: 'string_to_observables',
  docker_parameters: 'stix_string_to_observables',
  name: 'String to observables',
  description: 'Find the observables in a text: IPv4 and IPv6 addresses, domain names, URLs, e-mail addresses and MD5/SHA-1/SHA-256 hashes, defanged forms included (hxxp://, 1.2.3[.]4, evil[.]com, user[@]example.com)',
  arguments: z
    .object({
      input_string: z.string().describe('The text to read'),
      types: z.array(z.enum(KINDS)).optional().describe('Only these observable types (default all)'),
    })
    .meta({ title: 'Arguments' }),
  results: bundleResults('observables', 'A bundle of the observables found, each once'),
  run(_ctx, args) {
    const types = args.types ? new Set<string>(args.types) : undefined;
    const found = extractObservables(args.input_string).filter((object) => !types || types.has(object.type));
    return { observables: outputBundle(found) };
  },
});
