import { alertAppUrl, type SekoiaAlert } from '@ply/plugin-sekoia-io/api';
import { z } from 'zod';
import { urgencyColour } from './urgency-colour.js';
import { SEKOIA_ICON_URL, compact } from './webhook.js';

const field = z.looseObject({ short: z.boolean().optional(), title: z.string().optional(), value: z.string().optional() });

/** The payload Post Sekoia.io Alert sends (and returns). */
export const alertCardSchema = z
  .looseObject({
    channel: z.string().optional(),
    username: z.string().optional().describe('The alert entity'),
    icon_url: z.string().optional(),
    attachments: z
      .array(
        z.looseObject({
          fallback: z.string().optional(),
          color: z.string().optional(),
          pretext: z.string().optional(),
          author_name: z.string().optional(),
          title: z.string().optional(),
          title_link: z.string().optional(),
          fields: z.array(field).optional(),
        }),
      )
      .optional(),
  })
  .describe('The payload sent to the webhook: the alert card');

export type AlertCard = z.output<typeof alertCardSchema>;

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/**
 * The reference's alert card: the entity as the author and the username, the Sekoia.io icon, the
 * alert title linking to the alert in the app, and its type, urgency (display and value), source,
 * target and description as fields, coloured by urgency from green to red.
 */
export function alertCard(alert: SekoiaAlert, options: { channel?: string | undefined; pretext?: string | undefined; appUrl: string }): AlertCard {
  const entity = alert.entity?.name;
  const title = alert.title ?? alert.rule?.name ?? `Alert ${alert.short_id ?? alert.uuid}`;
  const urgency = alert.urgency?.current_value ?? alert.urgency?.value;
  const attachment = compact({
    fallback: options.pretext ? `${options.pretext} - ${title}` : title,
    color: urgencyColour(urgency),
    pretext: options.pretext,
    author_name: entity,
    title,
    title_link: alertAppUrl(options.appUrl, alert.short_id ?? alert.uuid),
    fields: [
      { short: true, title: 'Alert type', value: `${text(alert.alert_type?.category)} - ${text(alert.alert_type?.value)}` },
      { short: true, title: 'Urgency', value: `${text(alert.urgency?.display)} - ${text(urgency)}` },
      { short: true, title: 'Source', value: text(alert.source) },
      { short: true, title: 'Target', value: text(alert.target) },
      { short: false, title: 'Description', value: text(alert.details) },
    ],
  });
  return compact({ channel: options.channel, username: entity, icon_url: SEKOIA_ICON_URL, attachments: [attachment] });
}
