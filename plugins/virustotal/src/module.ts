import { defineModule } from '@ply/core';
import { virustotalConfigurationSchema } from './configuration.js';
import { virustotalMessage } from './vt-error.js';

/**
 * The VirusTotal module, on API v3 throughout (`x-apikey` header). The reference called v2 for its
 * actions; each action keeps the reference's arguments and v2-shaped results, mapped from v3 (see
 * the README). The account's `ratelimit_per_minute` (4 by default: the public API) paces every
 * request of the account, retries included.
 */
export const virustotal = defineModule({
  uuid: 'd023af1d-25d8-465b-b85f-2ed48214d6a5',
  slug: 'virustotal',
  name: 'VirusTotal',
  description: 'VirusTotal is a cybersecurity company specialized in malware analysis.',
  categories: ['Threat Intelligence'],
  group: 'Data collection',
  configuration: virustotalConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => config.base_url,
    auth: { type: 'header', name: 'x-apikey', value: (config) => config.apikey },
    errorMessage: (body) => virustotalMessage(body),
  },
  // `GET users/current`... is not public; the key's own user object is: `GET users/{apikey}`
  // would put the key in a path. A one-credit lookup of a well-known object checks the key.
  check: { path: 'ip_addresses/8.8.8.8' },
});
