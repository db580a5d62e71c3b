import { defineAction } from '@ply/core';
import { z } from 'zod';
import { outputAlertSchema } from './alert.schema.js';
import type { TheHiveConfiguration } from './configuration.js';
import { TheHiveApi } from './thehive-api.js';

/** Ply addition (no reference counterpart): read an alert back, e.g. to check its status. */
export const getAlert = defineAction({
  uuid: '1459c303-1146-4d73-b039-656c1894ecca',
  slug: 'get_an_alert_in_the_hive_v5',
  name: 'Get an alert in The Hive v5',
  description: 'Read an alert of The Hive v5 by its id',
  group: 'Third-party applications',
  arguments: z
    .object({
      alert_id: z.string().min(1).describe('The id of the alert. For instance: ~12345'),
    })
    .meta({ title: 'Arguments' }),
  results: outputAlertSchema,
  run: (ctx, args) => new TheHiveApi(ctx.http, ctx.config as TheHiveConfiguration).getAlert(args.alert_id),
});
