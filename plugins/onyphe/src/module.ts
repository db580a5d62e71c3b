import { defineModule, PlyError } from '@ply/core';
import { onypheConfigurationSchema } from './configuration.js';

/** The one lookup Onyphe answers without an API key. */
const OPEN_PATH = /\/simple\/geoloc\//;

/** Onyphe's error body: `{ "error": 20, "message": "rate limit reached", "status": "nok" }` (`text` in some answers). */
function onypheMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { message, text, error } = body as { message?: unknown; text?: unknown; error?: unknown };
  const words = typeof message === 'string' ? message : typeof text === 'string' ? text : undefined;
  if (words === undefined) return undefined;
  return typeof error === 'number' ? `${words} (error ${error})` : words;
}

/**
 * The Onyphe module (API v2, https://www.onyphe.io/documentation/api): the key travels in the
 * `Authorization: bearer <apikey>` header, as API v2 documents it, not in the URL. Every call but
 * Geolocalize IP needs a key: without one the action fails before calling, as the reference's does.
 */
export const onyphe = defineModule({
  uuid: '3d20c308-bc7f-492f-99b0-211614a58116',
  slug: 'onyphe',
  name: 'Onyphe',
  description:
    'Onyphe is a Cyber Defense Search Engine for open-source and cyber threat intelligence data collected by crawling various sources available on the Internet or by listening to Internet background noise',
  categories: ['Threat Intelligence'],
  group: 'Data collection',
  configuration: onypheConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => config.base_url,
    auth: {
      type: 'custom',
      apply: (request, ctx) => {
        const key = ctx.config.apikey;
        if (key) request.headers['authorization'] = `bearer ${key}`;
        else if (!OPEN_PATH.test(request.url.pathname)) {
          throw new PlyError('PLY_CONFIGURATION_INVALID', 'the Onyphe account has no apikey: every Onyphe lookup but Geolocalize IP needs one', { details: { issues: [{ pointer: '/apikey', message: 'is required for this lookup' }] } });
        }
      },
    },
    errorMessage: (body) => onypheMessage(body),
  },
  check: { path: 'user' },
});
