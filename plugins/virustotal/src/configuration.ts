import { z } from 'zod';

/** VirusTotal API v3's root (https://docs.virustotal.com/reference/overview). */
export const VIRUSTOTAL_API_ROOT = 'https://www.virustotal.com/api/v3/';

/**
 * The reference's `apikey`, plus Ply additions with defaults (so the reference's configuration
 * still validates): the API root, the request budget and the analysis wait.
 */
export const virustotalConfigurationSchema = z
  .object({
    apikey: z.string().min(1).meta({ secret: true }).describe('APIKEY for VirusTotal'),
    base_url: z.url().default(VIRUSTOTAL_API_ROOT).describe(`Root of the VirusTotal API v3 (default ${VIRUSTOTAL_API_ROOT})`),
    ratelimit_per_minute: z
      .int()
      .min(0)
      .default(4)
      .describe("Requests per minute for this account: 4 is the public API's limit; set your quota for a premium key, 0 for no limit"),
    analysis_poll_interval: z.number().positive().default(15).describe('Seconds between two looks at a file or URL analysis in progress'),
    analysis_timeout: z.number().positive().default(900).describe('Seconds to wait for a file or URL analysis before giving up'),
  })
  .meta({ title: 'Arguments' });

export type VirusTotalConfiguration = z.output<typeof virustotalConfigurationSchema>;
