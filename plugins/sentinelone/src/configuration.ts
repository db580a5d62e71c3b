import { z } from 'zod';

/**
 * The reference's `hostname` and `api_token`, plus Ply additions with defaults (so the reference's
 * configuration still validates): the server root (a proxy, or a local fake in tests) and the
 * waits of the long jobs.
 */
export const sentineloneConfigurationSchema = z
  .object({
    hostname: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9.-]+(:\d+)?$/)
      .meta({ title: 'Hostname' })
      .describe('The domain-name to the SentinelOne instance (e.g., <region>.sentinelone.net)'),
    api_token: z.string().min(1).meta({ title: 'API Token', secret: true }).describe('The API token to authenticate to SentinelOne'),
    base_url: z.url().optional().describe('Root of the console, instead of https://<hostname> (Ply addition: a proxy, tests)'),
    poll_interval: z.number().positive().default(10).describe('Seconds between two looks at a job in progress (remote script, Deep Visibility query, fetched file)'),
  })
  .meta({ title: 'SentinelOne' });

export type SentinelOneConfiguration = z.output<typeof sentineloneConfigurationSchema>;

/** The console root: `base_url`, or `https://<hostname>` (the reference strips any scheme the user typed). */
export function consoleRoot(config: SentinelOneConfiguration): string {
  const root = config.base_url ?? `https://${config.hostname}`;
  return root.endsWith('/') ? root : `${root}/`;
}
