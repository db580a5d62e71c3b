import { defineModule } from '@ply/core';
import { whoisConfigurationSchema } from './configuration.js';

export const whois = defineModule({
  uuid: 'a55461dd-cd8b-9e05-f87a-607b574804fd',
  slug: 'whois',
  name: 'Whois',
  description: 'Provides data enrichment for domains and IP addresses.',
  categories: ['Threat Intelligence'],
  group: 'Data collection',
  configuration: whoisConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
});
