import { defineModule } from '@ply/core';
import { z } from 'zod';

/**
 * The STIX helpers: no account, no network. A new module (Sekoia.io has no standalone STIX
 * module), so its uuid and its items' uuids are Ply's own, listed in the README.
 */
export const stix = defineModule({
  uuid: '3f5c9c1e-8f0a-4f7e-9a51-6b2d1c4e7a10',
  slug: 'stix',
  name: 'STIX',
  description: 'Shape threat intelligence as STIX 2.1: build, filter and enrich bundles, turn text, JSON, MISP events, CVEs and feeds into observables and indicators, and STIX back into MISP',
  categories: ['Threat Intelligence'],
  group: 'Helpers',
  configuration: z.object({}).meta({ title: 'Module configuration' }),
  engines: { ply: '>=0.1.0 <1.0.0' },
});
