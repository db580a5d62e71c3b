import { z } from 'zod';
import { lookup } from './lookup.js';
import { whois } from './module.js';

const text = (description: string) => z.string().optional().describe(description);
const textOrList = (description: string) => z.union([z.string(), z.array(z.string())]).optional().describe(description);

/**
 * WHOIS of a domain, a URL (its registered domain) or an IP address: not a REST call. RDAP where
 * the registry offers it, WHOIS over TCP 43 with referrals otherwise; `{}` when there is no such
 * registration, as the reference answered.
 */
export const whoisAction = whois.action({
  uuid: 'd9ec2c57-1421-89a8-1cae-8b04eb6a84eb',
  slug: 'whois',
  name: 'Whois',
  description: 'Provides data enrichment for Domains, URLs, and IP addresses.',
  docker_parameters: 'whois',
  arguments: z.object({ query: z.string().min(1).describe('URL, IP, or domain to be enriched') }).meta({ title: 'whois Arguments' }),
  results: z
    .looseObject({
      Domain: z
        .looseObject({
          Name: text('Domain Name'),
          Whois: z
            .looseObject({
              CreationDate: text('Creation Date'),
              DNSSec: text('DNSSEC'),
              Domain: text('Domain'),
              DomainStatus: textOrList('Domain Status'),
              ExpirationDate: text('Expiration Date'),
              NameServers: textOrList('Name Servers'),
              Raw: text('Raw Output'),
              Registrant: z.looseObject({ Email: text("Registrant's Email"), Name: text("Registrant's Name") }).optional(),
              Registrar: z.looseObject({ AbuseEmail: text("Registrar's Abuse Email"), Name: text("Registrar's Name") }).optional(),
              UpdatedDate: text('Updated Date'),
              Source: z.enum(['rdap', 'whois']).optional().describe('Where the answer came from: rdap or whois (Ply addition)'),
              Servers: z.array(z.string()).optional().describe('The servers that answered, in order (Ply addition)'),
            })
            .optional(),
        })
        .optional(),
    })
    .meta({ title: 'whois Results' }),
  async run(ctx, args) {
    const { name, record } = await lookup(ctx, args.query);
    if (!record) {
      ctx.log.info('no registration found', { name });
      return {};
    }
    ctx.log.info('registration found', { name, source: record.Source });
    return { Domain: { Name: record.Domain ?? name, Whois: { ...record } } };
  },
});
