import { defineModule } from '@ply/core';
import { mwdbConfigurationSchema } from './configuration.js';

/** MWDB answers every refusal with `{"message": "..."}` (mwdb-core's `_make_error_response`). */
export function mwdbMessage(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

/**
 * The MWDB module (the reference's uuid and slug), MWDB's REST API as mwdb-core documents it
 * (its OpenAPI at `/api/docs`): `Authorization: Bearer <api key>`, JSON answers.
 */
export const mwdb = defineModule({
  uuid: '0b8e1ea4-f191-4486-9658-47578a67d046',
  slug: 'mwdb',
  name: 'MWDB',
  description: 'MWDB is a malware repository for automated malware collection and analysis systems hosted by CERT.pl',
  categories: ['Threat Intelligence'],
  configuration: mwdbConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => config.api_url,
    auth: { type: 'bearer', token: (config) => config.api_key },
    errorMessage: mwdbMessage,
  },
  // The key's own session: proves the key (GET /api/auth/validate, "Get session information").
  check: { path: 'auth/validate' },
});
