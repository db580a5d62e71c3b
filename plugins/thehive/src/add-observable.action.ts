import { defineAction } from '@ply/core';
import { z } from 'zod';
import type { TheHiveConfiguration } from './configuration.js';
import { inputObservableSchema, outputObservableSchema, type OutputObservable } from './observable.schema.js';
import { TheHiveApi } from './thehive-api.js';

/** The reference's TLP/PAP labels and TheHive's numbers for them. */
const TLP = { CLEAR: 0, GREEN: 1, AMBER: 2, AMBER_STRICT: 3, RED: 4 } as const;
const PAP = { CLEAR: 0, GREEN: 1, AMBER: 2, RED: 3 } as const;

export const addObservable = defineAction({
  uuid: '5d651e49-b0b8-44c8-aaef-8f02cb833a82',
  slug: 'add_an_observable_in_the_hive_v5',
  name: 'Add observables in The Hive v5',
  description: 'Action to add a list of observables in The Hive v5',
  group: 'Third-party applications',
  arguments: z
    .object({
      alert_id: z.string().min(1).describe('The id of the alert you want to add observables to. For instance: ~12345'),
      observables: z.array(inputObservableSchema).min(1).describe('The observables to add; their own tlp, pap and ioc win over the defaults below'),
      tlp: z.enum(['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED']).default('AMBER').describe('The TLP for the observables - defaults to AMBER'),
      pap: z.enum(['CLEAR', 'GREEN', 'AMBER', 'RED']).default('AMBER').describe('The PAP for the observables - defaults to AMBER'),
      areioc: z.boolean().default(true).describe('Indicates whether observables should be considered IOCs in TheHive - default to true'),
    })
    .meta({ title: 'Arguments' }),
  results: z.object({ outputObservables: z.array(outputObservableSchema).describe('The observables TheHive created') }).meta({ title: 'Results' }),
  async run(ctx, args) {
    const api = new TheHiveApi(ctx.http, ctx.config as TheHiveConfiguration);
    const outputObservables: OutputObservable[] = [];
    // One call per observable, as the reference does: TheHive refuses the whole call on one bad observable.
    for (const observable of args.observables) {
      const created = await api.addObservable(args.alert_id, { tlp: TLP[args.tlp], pap: PAP[args.pap], ioc: args.areioc, ...observable });
      outputObservables.push(...created);
    }
    ctx.log.info('observables added', { alert: args.alert_id, count: outputObservables.length });
    return { outputObservables };
  },
});
