import { defineModule } from '@ply/core';
import { z } from 'zod';

/** Sekoia.io's Utils module (uuid, slug and name kept): local helpers, no account, no network. */
export const utils = defineModule({
  uuid: '07cce76b-a319-40ee-a0cf-1ba433431e21',
  slug: 'utils',
  name: 'Utils',
  description: 'This module exposes utility actions',
  categories: ['Generic'],
  group: 'Helpers',
  configuration: z.object({}).meta({ title: 'Module configuration' }),
  engines: { ply: '>=0.1.0 <1.0.0' },
});
