import { z } from 'zod';
import { enqueueEvent } from './events-api.js';
import { pagerDuty } from './module.js';

/**
 * Acknowledge and Resolve differ only by `event_action`: one factory, one action file each
 * (acknowledge-alert.action.ts, resolve-alert.action.ts) for the metadata.
 */
export function alertStateAction(options: { uuid: string; slug: string; name: string; description: string; eventAction: 'acknowledge' | 'resolve' }) {
  return pagerDuty.action({
    uuid: options.uuid,
    docker_parameters: `pagerduty_${options.eventAction}_alert`,
    slug: options.slug,
    name: options.name,
    description: options.description,
    group: 'Notifications',
    arguments: z
      .object({
        dedup_key: z.string().min(1).describe('Key of the PagerDuty alert: the Sekoia.io alert short id for alerts raised by Trigger Alert'),
      })
      .meta({ title: 'Arguments' }),
    results: z.object({
      status: z.string().describe('PagerDuty status of the event (success)'),
      message: z.string().describe('PagerDuty message'),
      dedup_key: z.string().describe('Key of the PagerDuty alert'),
      event_action: z.literal(options.eventAction),
    }),
    async run(ctx, args) {
      const answer = await enqueueEvent(ctx.http, ctx.config, { event_action: options.eventAction, dedup_key: args.dedup_key });
      ctx.log.info(`alert ${options.eventAction}d`, { dedup_key: answer.dedup_key });
      return { ...answer, event_action: options.eventAction };
    },
  });
}
