import { defineModule } from '@ply/core';
import { harfanglabConfigurationSchema } from './configuration.js';

/** HarfangLab's error body (Django REST framework): `{"detail": "..."}` or `{"field": ["..."]}`. */
function harfanglabMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record['detail'] === 'string') return record['detail'];
  const fields = Object.entries(record).filter(([, value]) => Array.isArray(value) && value.every((entry) => typeof entry === 'string'));
  return fields.length ? fields.map(([key, value]) => `${key}: ${(value as string[]).join(' ')}`).join('; ') : undefined;
}

/** The HarfangLab module: the instance's `/api/`, `Authorization: Token <api_token>`. */
export const harfanglab = defineModule({
  uuid: '8380240b-61a4-48b7-93e4-044a7ee2309b',
  slug: 'harfanglab',
  name: 'HarfangLab',
  description: 'HarfangLab is an Endpoint detection and response (EDR) solution certified by ANSSI since 2020',
  categories: ['Endpoint'],
  configuration: harfanglabConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => config.url,
    auth: { type: 'header', name: 'Authorization', prefix: 'Token ', value: (config) => config.api_token },
    errorMessage: (body) => harfanglabMessage(body),
  },
  // The reference's validator.
  check: { path: 'api/auth/users/me/' },
});
