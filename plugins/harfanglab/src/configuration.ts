import { z } from 'zod';

/**
 * The reference's `url` and `api_token`, plus Ply additions with defaults (the reference's
 * configuration still validates): how long and how often job-based actions wait.
 */
export const harfanglabConfigurationSchema = z
  .object({
    url: z.url().describe('URL of the HarfangLab instance'),
    api_token: z.string().min(1).meta({ secret: true }).describe('Authentication token for the API'),
    job_timeout: z.number().positive().default(600).describe('Seconds a job-based action waits for its job (the reference waits 600 s)'),
    job_poll_interval: z.number().positive().default(1).describe('Seconds between two looks at a job in progress'),
    job_results_delay: z.number().min(0).default(5).describe('Seconds to wait after a job is done before reading its results (HarfangLab indexes them shortly after)'),
  })
  .meta({ title: 'Arguments' });

export type HarfangLabConfiguration = z.output<typeof harfanglabConfigurationSchema>;
