import { defineModule } from '@ply/core';
import { z } from 'zod';

/** The reference's configuration: the API root and the key pair of the RiskIQ SIS API. */
export const riskiqConfigurationSchema = z
  .object({
    base_url: z.url().describe('RiskIQ base url'),
    api_key: z.string().min(1).meta({ secret: true }).describe('API key'),
    api_secret: z.string().min(1).meta({ secret: true }).describe('API secret'),
  })
  .meta({ title: 'RiskIQ' });

/** RiskIQ's error bodies carry `message` (and sometimes `error`). */
function riskiqMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['message', 'error']) if (typeof record[key] === 'string' && record[key] !== '') return record[key];
  return undefined;
}

/** The RiskIQ module: every lookup is `GET {base_url}<path>` with HTTP Basic `api_key:api_secret`. */
export const riskiq = defineModule({
  uuid: 'ab1540c3-1b60-4bad-9f5b-13d86a554826',
  slug: 'riskiq',
  name: 'RiskIQ',
  description: 'RiskIQ is a cyber security company providing software as a service to detect phishing, fraud, malware, and other online security threats.',
  categories: ['Threat Intelligence'],
  group: 'Data collection',
  configuration: riskiqConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => config.base_url,
    auth: { type: 'basic', username: (config) => config.api_key, password: (config) => config.api_secret },
    errorMessage: riskiqMessage,
  },
});

/** A query value the reference typed as a string; numbers and booleans are accepted too. */
export const queryValue = z.union([z.string(), z.number(), z.boolean()]);
