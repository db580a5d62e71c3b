import { defineModule } from '@ply/core';
import { censysConfigurationSchema } from './configuration.js';

/** Censys's error body: `{ "code": 401, "status": "Unauthorized", "error": "..." }`. */
function censysMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error, message, status } = body as { error?: unknown; message?: unknown; status?: unknown };
  for (const text of [error, message, status]) if (typeof text === 'string' && text !== '') return text;
  return undefined;
}

/**
 * The Censys module on the Search 2.0 API (https://search.censys.io/api): HTTP Basic with the API ID
 * and secret. The reference's v1 search, view and report calls were retired by Censys; the actions
 * map them onto v2 (see the README). The credentials check reads the account (`GET v1/account`,
 * the account call Search 2.0 kept).
 */
export const censys = defineModule({
  uuid: '48a7eb68-f319-4498-b3ed-461d690e6d05',
  slug: 'censys',
  name: 'Censys',
  description:
    'Censys is Cybersecurity company discovering and inventoring assets exposed on Internet. The Censys API provides programmatic access to the same data accessible through the web interface',
  categories: ['Threat Intelligence'],
  group: 'Data collection',
  configuration: censysConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => config.base_url,
    auth: { type: 'basic', username: (config) => config.api_user_id, password: (config) => config.api_user_secret },
    errorMessage: (body) => censysMessage(body),
  },
  check: { path: 'v1/account' },
});
