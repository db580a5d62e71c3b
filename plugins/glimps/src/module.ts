import { defineModule } from '@ply/core';
import { glimpsConfigurationSchema } from './configuration.js';

/** GLIMPS Detect's error body: `{ "status": false, "error": "bad request", "details": [{ "file": "file is required" }] }`. */
export function glimpsMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error, details } = body as { error?: unknown; details?: unknown };
  if (typeof error !== 'string') return undefined;
  const first = Array.isArray(details) ? (details[0] as unknown) : undefined;
  const detail = typeof first === 'string' ? first : typeof first === 'object' && first !== null ? Object.values(first).join(', ') : '';
  return detail ? `${error}: ${detail}` : error;
}

/**
 * The GLIMPS module: GLIMPS Malware Detect's API (`api/lite/v2/` on the account's GLIMPS Detect
 * server, as the vendor's gdetect client calls it), the token in the `X-Auth-Token` header. The
 * credentials check reads the profile status.
 */
export const glimps = defineModule({
  uuid: '3ba4b84b-c323-48ef-93d2-6f3544c783d6',
  slug: 'glimps',
  name: 'GLIMPS',
  description:
    'Glimps offers a DeepLearning solution to detect, analyze and classify malwares. It enables faster responses during incidents with a detailed understanding of the threat',
  categories: ['Threat Intelligence'],
  group: 'Data collection',
  configuration: glimpsConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => config.base_url,
    auth: { type: 'header', name: 'X-Auth-Token', value: (config) => config.api_key },
    errorMessage: (body) => glimpsMessage(body),
  },
  check: { path: 'api/lite/v2/status' },
});
