import { defineModule } from '@ply/core';
import { binaryEdgeConfigurationSchema } from './configuration.js';

/** BinaryEdge's error body: `{ "status": 401, "title": "Unauthorized", "message": "..." }`. */
function binaryEdgeMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { message, title } = body as { message?: unknown; title?: unknown };
  if (typeof message === 'string' && message !== '') return message;
  return typeof title === 'string' ? title : undefined;
}

/**
 * The BinaryEdge module (API v2, https://docs.binaryedge.io/api-v2/): every request carries the
 * key in the `X-Key` header. The credentials check reads the account's subscription, a call that
 * costs no query credit.
 */
export const binaryEdge = defineModule({
  uuid: 'd9ba02ab-cb1e-4c8d-bf60-feebfc3700d6',
  slug: 'binaryedges',
  name: "BinaryEdge's API",
  description:
    'BinaryEdge is Cybersecurity/Data Science company that focuses its effort on acquiring, analyzing and classifying internet wide data. Their platform allows their customers to gather several data points from exposed servers online.\n\n The API provides access to that scanning platform, for your own usage, along with access to our curated databases so that you can do querying and analytics on our worldwide (constantly updated) collected data.',
  categories: ['Threat Intelligence'],
  group: 'Data collection',
  configuration: binaryEdgeConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => config.base_url,
    auth: { type: 'header', name: 'X-Key', value: (config) => config.api_key },
    errorMessage: (body) => binaryEdgeMessage(body),
  },
  check: { path: 'user/subscription' },
});
