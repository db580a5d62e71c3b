import { z } from 'zod';

export const IANA_WHOIS_SERVER = 'whois.iana.org';
/** IANA's RDAP bootstrap registries (RFC 9224): `dns.json`, `ipv4.json`, `ipv6.json`. */
export const IANA_RDAP_BOOTSTRAP = 'https://data.iana.org/rdap/';

/**
 * The reference's `proxy`, plus Ply additions with defaults (the reference's configuration still
 * validates): where the referral chain starts, RDAP, server routes, the per-server timeout.
 */
export const whoisConfigurationSchema = z
  .object({
    proxy: z.boolean().optional().describe('Use system proxy settings (accepted for compatibility; WHOIS over TCP 43 and RDAP go direct)'),
    iana_server: z.string().min(1).default(IANA_WHOIS_SERVER).describe(`First WHOIS server of the referral chain (default ${IANA_WHOIS_SERVER})`),
    rdap: z.boolean().default(true).describe('Ask the registry over RDAP when it offers it (IANA bootstrap), WHOIS otherwise'),
    rdap_bootstrap_url: z.url().default(IANA_RDAP_BOOTSTRAP).describe(`Where the RDAP bootstrap files are (default ${IANA_RDAP_BOOTSTRAP})`),
    servers: z
      .record(z.string(), z.string().regex(/^[^\s:]+(:\d{1,5})?$/, 'host or host:port'))
      .default({})
      .describe('WHOIS servers to reach elsewhere: { "whois.verisign-grs.com": "whois-mirror.internal:4343" } (a mirror, a relay)'),
    timeout_seconds: z.number().positive().default(15).describe('How long one WHOIS server may take to answer'),
  })
  .meta({ title: 'Whois Configuration' });

export type WhoisConfiguration = z.output<typeof whoisConfigurationSchema>;
