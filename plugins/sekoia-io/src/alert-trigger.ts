import { defineTrigger, PlyError, type TriggerContext } from '@ply/core';
import { z } from 'zod';
import { alertEvent, fetchAlert, matchesRuleFilters, type LiveApiNotification } from './alert-notification.js';
import type { SekoiaConfiguration } from './configuration.js';
import { consumeLiveApi, REFERENCE_LIVEAPI_OPTIONS, type LiveApiOptions } from './liveapi-client.js';
import { liveApiUrl } from './liveapi-url.js';
import { SekoiaApi } from './sekoia-api.js';

/** The configuration every alert trigger takes (the reference's). */
export const alertTriggerArguments = z
  .object({
    rule_filter: z.string().optional().describe('Create a run only for alerts matching a rule name'),
    rule_names_filter: z.array(z.string()).optional().describe('Create a run only for alerts matching a list of rule name'),
  })
  .meta({ title: 'Trigger configuration' });

const alertEventFields = {
  file_path: z.string().describe('File path to the alert on disk.'),
  event_type: z
    .string()
    .describe('Action that triggered this Sekoia.io Alert notification (could be for example “alert-created”, “alert-status-changed”, etc.)'),
  alert_uuid: z.string().describe('Unique identifier of the Alert (UUID string).'),
  short_id: z.string().describe('Unique short identifier of the Alert.'),
  status: z.looseObject({}).describe('Status of the Alert (object containing status description and name).'),
  created_at: z.int().describe('Creation date of the Alert (timestamp).'),
  urgency: z.int().describe('Current urgency of the Alert.'),
  entity: z.looseObject({}).describe('Description of the entity involved with this Alert (object containing entity UUID and name).'),
  alert_type: z.looseObject({}).describe('Category of the Alert'),
  rule: z.looseObject({ name: z.string().optional(), uuid: z.string().optional() }),
  first_seen_at: z.string().nullable(),
  last_seen_at: z.string().nullable(),
};

/** The event shape of the reference's alert triggers. */
export const alertEventSchema = z.object(alertEventFields).meta({ title: 'Results' });

/** The comment trigger's event: the alert event plus the comment. */
export const alertCommentEventSchema = z
  .object({
    comment: z
      .looseObject({ uuid: z.string().optional(), content: z.string().optional(), author: z.string().optional(), date: z.unknown().optional() })
      .describe('Alert comment (object containing comment uuid, content, author, date).'),
    ...alertEventFields,
  })
  .meta({ title: 'Results' });

export interface AlertTriggerSpec {
  uuid: string;
  slug: string;
  name: string;
  description: string;
  /** The `(type, action)` of the notifications this trigger handles. */
  handles: { type: string; action: string };
  /** Extra condition on the notification (e.g. "its status changed"). */
  accepts?: (notification: LiveApiNotification) => boolean;
  /** Reads the comment too and adds it to the event (Alert Comment Created). */
  withComment?: boolean;
}

type Configuration = SekoiaConfiguration & { liveapi_url?: string };
type Args = z.output<typeof alertTriggerArguments>;

/** Checks the key before connecting, as the reference does: a bad key must stop the trigger, not loop. */
async function checkCredentials(api: SekoiaApi): Promise<void> {
  const response = await api.send('v1/me', { throwOnHttpError: false });
  if (response.status === 401 || response.status === 403) {
    throw new PlyError('PLY_CONFIGURATION_INVALID', `the Sekoia.io API key was refused (HTTP ${response.status})`, { details: { status: response.status } });
  }
}

async function handle(spec: AlertTriggerSpec, ctx: TriggerContext, api: SekoiaApi, args: Args, notification: LiveApiNotification): Promise<void> {
  if (String(notification.event_version) !== '1') return;
  if (notification.type !== spec.handles.type || notification.action !== spec.handles.action) return;
  const attributes = notification.attributes ?? {};
  const alertUuid = spec.withComment ? attributes['alert_uuid'] : attributes['uuid'];
  if (typeof alertUuid !== 'string' || alertUuid === '') return;
  const commentUuid = attributes['uuid'];
  if (spec.withComment && (typeof commentUuid !== 'string' || commentUuid === '')) return;
  if (spec.accepts && !spec.accepts(notification)) return;

  const alert = await fetchAlert(api, alertUuid);
  const comment = spec.withComment
    ? await api.request<Record<string, unknown>>(`v1/sic/alerts/${encodeURIComponent(alertUuid)}/comments/${encodeURIComponent(String(commentUuid))}`)
    : undefined;
  if (!matchesRuleFilters(alert, args)) return;
  const filePath = await ctx.files.writeJson('alert.json', alert);
  const event = alertEvent(alert, String(notification.type), filePath);
  if (comment) event['comment'] = { uuid: comment['uuid'], content: comment['content'], author: comment['created_by'], date: comment['date'] };
  ctx.log.info('alert notification', { alert: alert['short_id'], event_type: notification.type, action: notification.action });
  await ctx.emit(event);
  ctx.heartbeat();
}

/** An alert trigger: LiveAPI notifications of one kind, enriched with the alert, as the reference's. */
export function createAlertTrigger(spec: AlertTriggerSpec, options: LiveApiOptions = REFERENCE_LIVEAPI_OPTIONS) {
  return defineTrigger({
    uuid: spec.uuid,
    slug: spec.slug,
    name: spec.name,
    description: spec.description,
    arguments: alertTriggerArguments,
    results: spec.withComment ? alertCommentEventSchema : alertEventSchema,
    async start(ctx, args) {
      const config = ctx.config as unknown as Configuration;
      const api = SekoiaApi.fromModuleConfiguration(ctx.http, config);
      await checkCredentials(api);
      const url = liveApiUrl(config);
      ctx.log.info('starting LiveAPI consumer', { url });
      await consumeLiveApi({
        url,
        apiKey: config.api_key,
        signal: ctx.signal,
        log: ctx.log,
        options,
        onMessage: (message) => handle(spec, ctx as TriggerContext, api, args, message as LiveApiNotification),
      });
    },
  });
}
