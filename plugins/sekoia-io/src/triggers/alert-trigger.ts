import type { TriggerContext } from '@ply/core';
import { z } from 'zod';
import type { SekoiaConfiguration } from '../configuration.js';
import { runLiveApiTrigger } from '../liveapi/liveapi-trigger.js';
import { REFERENCE_LIVEAPI_OPTIONS, type LiveApiOptions } from '../liveapi/liveapi-options.js';
import { attribute, type Notification } from '../liveapi/notification.js';
import { sekoia } from '../module.js';
import type { SekoiaApi } from '../sekoia-api.js';
import { ALERT_QUERY, alertEvent, alertEventFields, alertEventSchema, alertTriggerArguments, matchesRuleFilters } from './alert-event.js';

/** The comment trigger's event: the alert event plus the comment. */
const alertCommentEventSchema = z
  .looseObject({
    comment: z
      .looseObject({ uuid: z.string().nullish(), content: z.string().nullish(), author: z.string().nullish(), date: z.union([z.string(), z.number()]).nullish() })
      .describe('Alert comment (object containing comment uuid, content, author, date).'),
    ...alertEventFields,
  })
  .meta({ title: 'Results' });

type Json = Record<string, unknown>;
type Args = z.output<typeof alertTriggerArguments>;

/** One alert trigger of the reference: which notifications it takes, and what it adds. */
export interface AlertTriggerSpec {
  uuid: string;
  slug: string;
  name: string;
  description: string;
  docker_parameters: string;
  /** The `type:action` pairs it handles (`alert:created`, `alert-comment:created`). */
  handles: readonly string[];
  /** Extra condition on the notification ("its status changed"). */
  accepts?: (notification: Notification) => boolean;
  /** Reads the comment too and adds it to the event (Alert Comment Created). */
  withComment?: boolean;
}

/** Reads, filters and emits one notification, as the reference's `handle_event`. */
async function handle(spec: AlertTriggerSpec, ctx: TriggerContext<SekoiaConfiguration, Json>, api: SekoiaApi, args: Args, notification: Notification): Promise<void> {
  if (!spec.handles.includes(`${notification.type}:${String(notification.action)}`)) return;
  const isComment = notification.type === 'alert-comment';
  // A comment notification names its alert `alert_uuid`; its own `uuid` is the comment's.
  const alertUuid = attribute(notification, isComment ? 'alert_uuid' : 'uuid');
  const commentUuid = isComment ? attribute(notification, 'uuid') : undefined;
  if (!alertUuid || (spec.withComment && !commentUuid)) return;
  if (spec.accepts && !spec.accepts(notification)) return;

  let alert: Json;
  let comment: Json | undefined;
  try {
    alert = await api.request<Json>(`v1/sic/alerts/${encodeURIComponent(alertUuid)}`, { query: ALERT_QUERY });
    if (spec.withComment) comment = await api.request<Json>(`v1/sic/alerts/${encodeURIComponent(alertUuid)}/comments/${encodeURIComponent(commentUuid!)}`);
  } catch (error) {
    ctx.log.error('failed to fetch the alert from the Alert API', { alert: alertUuid, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  if (!matchesRuleFilters(alert, args)) return;
  const filePath = await ctx.files.writeJson('alert.json', alert);
  const event: Json = alertEvent(alert, alertUuid, notification.type, filePath);
  if (comment) event['comment'] = { uuid: comment['uuid'] ?? null, content: comment['content'] ?? null, author: comment['created_by'] ?? null, date: comment['date'] ?? null };
  ctx.log.info('alert notification', { alert: String(alert['short_id'] ?? alertUuid), type: notification.type, action: String(notification.action) });
  await ctx.emit(event);
}

/** An alert trigger: LiveAPI notifications of some kinds, enriched with the alert, as the reference's. */
export function createAlertTrigger(spec: AlertTriggerSpec, options: LiveApiOptions = REFERENCE_LIVEAPI_OPTIONS) {
  return sekoia.trigger({
    uuid: spec.uuid,
    slug: spec.slug,
    name: spec.name,
    description: spec.description,
    docker_parameters: spec.docker_parameters,
    arguments: alertTriggerArguments,
    results: spec.withComment ? alertCommentEventSchema : alertEventSchema,
    start: (ctx, args) => runLiveApiTrigger(ctx, options, (notification, api) => handle(spec, ctx, api, args, notification)),
  });
}
