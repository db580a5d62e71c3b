import { defineModule } from '@ply/core';
import { shodanConfigurationSchema } from './configuration.js';

/**
 * The Shodan module. The key travels in the query (`?key=`), as Shodan documents; the kernel's
 * HTTP client never logs a query string and the executor hides the key's value everywhere.
 * Shodan limits every key to one request per second: the module paces its calls per account.
 */
export const shodan = defineModule({
  uuid: '25c9c44e-b3dc-4485-a2cb-4e9a116bc8fd',
  slug: 'shodan',
  name: 'Shodan',
  description:
    'Shodan is a Cybersecurity company keeping track of devices exposed to the Internet. It collect information on devices, running software and related CVEs.',
  categories: ['Threat Intelligence'],
  group: 'Data collection',
  configuration: shodanConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => config.base_url,
    auth: { type: 'query', name: 'key', value: (config) => config.api_key },
    rateLimit: () => ({ maxRequests: 1, perMs: 1_000 }),
    // Shodan's errors are `{"error": "..."}`.
    errorMessage: (body) => (typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string' ? (body as { error: string }).error : undefined),
  },
  // The reference's account validator: `GET account/profile?key=`.
  check: { path: 'account/profile' },
});
