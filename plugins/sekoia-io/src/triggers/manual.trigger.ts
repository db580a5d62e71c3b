import { z } from 'zod';
import { sekoia } from '../module.js';

/**
 * Manual Trigger: the reference registers no code for it (`webhook: true`): Sekoia.io's platform
 * itself starts the playbook when an analyst runs it on an alert, with `{alert_uuid}` as the
 * event. In Ply that is a manual run, `POST /api/v1/playbooks/{id}/run` with `{"alert_uuid": ...}`
 * (the console's "Run" does the same): this trigger only holds the reference's identity and event
 * shape, and waits while the playbook is enabled.
 */
export const manualTrigger = sekoia.trigger({
  uuid: 'fc26eb9f-b272-4c15-b3bf-ace397c0dc57',
  slug: 'sekoiaio_alert_webhook',
  name: 'Manual Trigger',
  description: 'Webhook Trigger to receive specific Sekoia.io Alerts',
  docker_parameters: 'alert_webhook_trigger',
  arguments: z.object({}).meta({ title: 'Trigger Arguments' }),
  results: z.looseObject({ alert_uuid: z.string().describe('Unique identifier of the Alert (UUID string).') }).meta({ title: 'Results' }),
  start: (ctx) =>
    new Promise<void>((resolve) => {
      ctx.log.info('manual trigger ready: runs start from the API or the console, with {"alert_uuid": ...}');
      if (ctx.signal.aborted) resolve();
      else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    }),
});
