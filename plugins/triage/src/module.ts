import { defineModule } from '@ply/core';
import { triageConfigurationSchema } from './configuration.js';

/**
 * Triage's error bodies (https://tria.ge/docs/cloud-api/conventions/#errors):
 * `{"error": "NOT_FOUND", "message": "..."}`, the kind in `error`, the explanation in `message`.
 */
export function triageMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error, message } = body as { error?: unknown; message?: unknown };
  if (typeof message === 'string' && typeof error === 'string') return `${error}: ${message}`;
  return typeof message === 'string' ? message : typeof error === 'string' ? error : undefined;
}

/**
 * The Triage module (the reference's uuid and slug): Hatching Triage's cloud API v0, the key as
 * `Authorization: Bearer <key>` as the API documents (https://tria.ge/docs/cloud-api/conventions/).
 */
export const triage = defineModule({
  uuid: '919705ab-7a64-493e-a92b-4049fafea325',
  slug: 'triage',
  name: 'Triage',
  description: 'Triage is a malware analysis sandbox as a service, brought by Hatching',
  categories: ['Threat Intelligence'],
  configuration: triageConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => config.api_url,
    auth: { type: 'bearer', token: (config) => config.api_key },
    headers: { accept: 'application/json' },
    errorMessage: triageMessage,
  },
  // The account's own samples, one of them: proves the key without reading public data.
  check: { path: 'samples?subset=owned&limit=1' },
});
