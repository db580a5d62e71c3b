import { defineModule } from '@ply/core';
import { z } from 'zod';

/**
 * Sekoia.io's HTTP module (uuid, slug and name kept). No account: every request says where it
 * goes. The hosts it may reach are the admin's to restrict (PLY_HTTP_ALLOW_HOSTS / _DENY_HOSTS).
 */
export const http = defineModule({
  uuid: '5894985f-91eb-46db-9306-cc5ac6463d3d',
  slug: 'http',
  name: 'HTTP',
  description: 'This module exposes actions to request HTTP resources',
  categories: ['Generic'],
  group: 'Helpers',
  configuration: z.object({}).meta({ title: 'Module configuration' }),
  engines: { ply: '>=0.1.0 <1.0.0' },
});
