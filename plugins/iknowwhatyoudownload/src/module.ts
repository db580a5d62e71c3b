import { defineModule } from '@ply/core';
import { ikwydConfigurationSchema } from './configuration.js';
import { peerApiMessage } from './peer-api-error.js';

/**
 * The IKnowWhatYouDownload module (Peer API, https://iknowwhatyoudownload.com/assets/docs/PeerAPI.html):
 * every request carries the key as the `key` query parameter, as the API requires. The Peer API has
 * no account or profile call: the credentials check is its cheapest call, Check IP existence, for
 * a documentation address (RFC 5737) no peer can have, so a refused key shows before a playbook runs.
 */
export const ikwyd = defineModule({
  uuid: '3c334ccd-91be-49d5-9267-915db6ab588e',
  slug: 'iknowwhatyoudownload',
  name: 'IKnowWhatYouDownload',
  description:
    'iknowwhatyoudownload collects torrent files and peers from torrent sites and DHT network. It allows associating IP addresses to downloaded and shared data',
  categories: ['Threat Intelligence'],
  group: 'Data collection',
  configuration: ikwydConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => config.host,
    auth: { type: 'query', name: 'key', value: (config) => config.key },
    errorMessage: (body) => peerApiMessage(body),
  },
  check: { path: 'history/exist?ip=192.0.2.1' },
});
