import { defineModule } from '@ply/core';
import { mispConfigurationSchema } from './configuration.js';

/**
 * MISP's error bodies (https://www.misp-project.org/openapi/, "responses"): `{"name": "...",
 * "message": "...", "url": "/events/add", "errors": {...}}`; the validation errors of
 * `/events/add` name the field (`{"errors": {"Event": {"info": ["Info cannot be empty."]}}}`).
 */
export function mispMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { name, message, errors } = body as { name?: unknown; message?: unknown; errors?: unknown };
  const text = typeof message === 'string' ? message : typeof name === 'string' ? name : undefined;
  return errors !== undefined && errors !== null ? `${text ?? 'refused'}: ${JSON.stringify(errors)}` : text;
}

/**
 * The MISP module (the reference's uuid and slug), MISP's REST API as the MISP project documents
 * it: the API key as the whole `Authorization` header, `Accept: application/json`.
 */
export const misp = defineModule({
  uuid: 'df3a0c67-592b-45b2-8465-48473929c7f9',
  slug: 'misp',
  name: 'MISP',
  description: 'MISP is a opensource platform to gather, store, share and correlate threat intelligence like cyber security indicators',
  categories: ['Threat Intelligence'],
  configuration: mispConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => config.misp_url,
    auth: { type: 'header', name: 'Authorization', value: (config) => config.misp_api_key },
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    errorMessage: mispMessage,
    tls: (config) => (config.verify_certificate ? undefined : { verify: false }),
  },
  // The key's own user: proves the key and that the user may use the API.
  check: { path: 'users/view/me' },
});
