import { z } from 'zod';
import { pagedEvents } from './common.schema.js';

/** One DNS record set of a domain, as BinaryEdge's passive DNS keeps it. */
const dnsRecord = z.looseObject({
  A: z.array(z.string()).optional(),
  AAAA: z.array(z.string()).optional(),
  NS: z.array(z.string()).optional(),
  MX: z.array(z.string()).optional(),
  CNAME: z.array(z.string()).optional(),
  updated_at: z.string().optional(),
  domain: z.string().optional(),
  root: z.string().optional(),
});

/** `query/domains/dns/{target}`, `query/domains/ip/{target}`, `query/domains/search`. */
export const dnsRecordsSchema = pagedEvents(dnsRecord);

/** `query/domains/subdomain/{target}`: the subdomains, by name. */
export const subdomainsSchema = pagedEvents(z.string());
