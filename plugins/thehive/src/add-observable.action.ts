import { PlyError, isPlyError } from '@ply/core';
import { z } from 'zod';
import { theHive } from './module.js';
import { inputObservableSchema, outputObservableSchema, type InputObservable } from './schemas/observable.schema.js';
import { observablesOfEvents } from './sekoia-observables.js';
import { theHiveRequest } from './thehive-client.js';
import { levelArgument, levelOf } from './tlp-pap.js';

type Created = z.input<typeof outputObservableSchema>;

/**
 * Add observables: the reference's arguments (`events`, Sekoia.io events whose mapped ECS fields
 * become observables, duplicates removed) plus `observables` given as they are. One request per
 * observable, as the reference: a refused one is reported in `failure` and the others still go;
 * only when all fail does the action fail.
 */
export const addObservable = theHive.action({
  uuid: '5d651e49-b0b8-44c8-aaef-8f02cb833a82',
  slug: 'add_an_observable_in_the_hive_v5',
  name: 'Add observables in The Hive v5',
  description: 'Action to add a list of observables in The Hive v5',
  docker_parameters: 'thehive_add_observable',
  group: 'Third-party applications',
  arguments: z
    .object({
      alert_id: z.string().describe('The id of the alert you want to add observables to. For instance: ~12345'),
      events: z
        .union([z.array(z.unknown()), z.record(z.string(), z.unknown())])
        .describe('The JSON Sekoia event from which to extract the observables to be added to the alert (one event, or a list of events; `[]` to add only `observables`)'),
      observables: z.array(inputObservableSchema).optional().describe('Ply addition: observables given as they are; their own tlp, pap and ioc win over the defaults below'),
      tlp: levelArgument(4, 'TLP'),
      pap: levelArgument(3, 'PAP'),
      areioc: z.boolean().default(true).describe('Indicates whether observables should be considered IOCs in TheHive - default to true'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      outputObservables: z.array(outputObservableSchema).optional().describe('The observables TheHive created'),
      success: z.array(z.unknown()).optional().describe("TheHive's answer to each observable it created (a list of observables each), as the reference reports them"),
      failure: z.array(z.looseObject({ observable: z.unknown(), error: z.string() })).optional().describe('The observables TheHive refused, with its reason'),
    })
    .meta({ title: 'Results' }),
  async run(ctx, args) {
    const levels = { tlp: levelOf('TLP', args.tlp, ctx.log), pap: levelOf('PAP', args.pap, ctx.log), ioc: args.areioc };
    const events = Array.isArray(args.events) ? args.events : [args.events];
    const derived = observablesOfEvents(events, levels);
    if (derived.skipped > 0) ctx.log.warn(`${derived.skipped} events that are not objects were skipped`);
    const all: InputObservable[] = [...derived.observables, ...(args.observables ?? []).map((observable) => ({ tlp: levels.tlp, pap: levels.pap, ioc: levels.ioc, ...observable }))];
    const success: Created[][] = [];
    const failure: Array<{ observable: InputObservable; error: string }> = [];
    for (const observable of all) {
      try {
        success.push(await theHiveRequest<Created[]>(ctx, `api/v1/alert/${encodeURIComponent(args.alert_id)}/observable`, { method: 'POST', json: observable }));
      } catch (error) {
        if (!isPlyError(error) || error.code !== 'PLY_VENDOR_HTTP_ERROR' || [401, 403, 404].includes(Number(error.details['status']))) throw error;
        ctx.log.warn('TheHive refused an observable', { dataType: observable.dataType, status: error.details['status'] as number });
        failure.push({ observable, error: error.message });
      }
    }
    if (success.length === 0 && failure.length > 0) {
      throw new PlyError('PLY_VENDOR_HTTP_ERROR', `TheHive refused all ${failure.length} observables of alert ${args.alert_id}: ${failure[0]!.error}`, { details: { failure: failure.length } });
    }
    ctx.log[failure.length > 0 ? 'warn' : 'info'](`added ${success.length} observables successfully${failure.length > 0 ? `, ${failure.length} failed` : ''}`, { alert: args.alert_id });
    return { outputObservables: success.flat(), success, failure };
  },
});
