import { defineAction } from '@ply/core';
import { z } from 'zod';
import { sekoiaAlertSchema } from './alert.schema.js';
import type { SekoiaConfiguration } from './configuration.js';
import { SekoiaApi } from './sekoia-api.js';

export const getAlert = defineAction({
  uuid: '8d189665-5401-4098-8d60-944de9a6199a',
  slug: 'get_alert',
  name: 'Get Alert',
  description: 'Retrieve the definition of an alert',
  group: 'Getters',
  arguments: z.object({
    uuid: z.string().min(1).describe('UUID or short id of the alert'),
    stix: z.boolean().optional().describe('Return the STIX bundle of the alert'),
    cases: z.boolean().default(false).describe('Fetch the cases associated with this alert in addition (default: false)'),
  }),
  results: sekoiaAlertSchema,
  run: (ctx, args) =>
    SekoiaApi.fromModuleConfiguration(ctx.http, ctx.config as SekoiaConfiguration).getAlert(args.uuid, { stix: args.stix, cases: args.cases }),
});
