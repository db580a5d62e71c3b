import { setTimeout as wait } from 'node:timers/promises';
import type { TriggerContext } from '@ply/core';
import { z } from 'zod';
import type { SekoiaConfiguration } from '../configuration.js';
import { EventSearchJob } from '../events/event-search-job.js';
import { runLiveApiTrigger } from '../liveapi/liveapi-trigger.js';
import { attribute, type Notification } from '../liveapi/notification.js';
import { sekoia } from '../module.js';
import { SekoiaApi } from '../sekoia-api.js';
import { ALERT_QUERY, alertEvent, alertEventFields, matchesRuleFilters } from './alert-event.js';
import { alertFromCreatedNotification, eventCountOf } from './threshold-alert.js';
import { checkThresholdConfiguration, thresholdArguments, type ThresholdConfiguration } from './threshold-configuration.js';
import { evaluateThresholds, type ThresholdContext } from './threshold-evaluation.js';
import { REFERENCE_THRESHOLD_OPTIONS, type ThresholdOptions } from './threshold-options.js';
import { cleanup, markTriggered, noteEvents, pendingTimeChecks, stateFrom, type AlertThresholdState, type ThresholdState } from './threshold-state.js';

type Json = Record<string, unknown>;
type Context = TriggerContext<SekoiaConfiguration, Json>;

const eventSchema = z
  .looseObject({
    ...alertEventFields,
    events_count: z.number().describe('Total number of events in the alert'),
    trigger_context: z
      .looseObject({
        triggered_at: z.string().optional().describe('ISO 8601 timestamp when threshold was met'),
        trigger_type: z.string().optional().describe("Type of trigger (always 'alert_events_threshold')"),
        reason: z.string().optional().describe("Reason for triggering (e.g., 'first_occurrence', 'volume_threshold', 'time_threshold')"),
        new_events: z.number().optional().describe('Number of new events since last trigger'),
        previous_count: z.number().optional().describe('Event count at last trigger'),
        current_count: z.number().optional().describe('Current total event count'),
        time_window_hours: z.number().optional().describe('Time window used for time-based threshold check'),
      })
      .describe('Threshold-specific context about why this alert triggered'),
    events_file_path: z.string().optional().describe('File path to the events JSON file on disk (only present if fetch_events is enabled)'),
    fetched_events_count: z.number().optional().describe('Number of events fetched and saved (only present if fetch_events is enabled)'),
  })
  .meta({ title: 'Results' });

/** Runs one search job for the alert's events (`alert_short_ids:"<short id>"`); undefined, logged, when it fails. */
async function searchAlertEvents(ctx: Context, api: SekoiaApi, options: ThresholdOptions, alert: Json, range: { earliest: string; latest: string }, limit: number) {
  try {
    const job = await EventSearchJob.create(api, { query: `alert_short_ids:"${String(alert['short_id'])}"`, earliest_time: range.earliest, latest_time: range.latest, limit }, { limits: options.searchJob, signal: ctx.signal, log: ctx.log });
    await job.waitUntilDone();
    return job;
  } catch (error) {
    ctx.log.error('the alert events search failed', { alert: String(alert['short_id']), error: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

/** The total event count of the alert, through a one-event search job (the reference's fallback when a notification has no count). */
async function countEvents(ctx: Context, api: SekoiaApi, options: ThresholdOptions, alert: Json): Promise<number> {
  if (!alert['short_id'] || !alert['first_seen_at'] || !alert['last_seen_at']) return 0;
  const job = await searchAlertEvents(ctx, api, options, alert, { earliest: String(alert['first_seen_at']), latest: String(alert['last_seen_at']) }, 1);
  return job ? job.total().catch(() => 0) : 0;
}

/** Sends the run: the alert (and the events, when asked) written to files, the event with the threshold context. */
async function emitRun(ctx: Context, api: SekoiaApi, options: ThresholdOptions, config: ThresholdConfiguration, alert: Json, context: ThresholdContext, previous: AlertThresholdState | undefined, fetchEvents: boolean): Promise<void> {
  let events: unknown[] | undefined;
  if (fetchEvents && config.fetch_events && alert['short_id'] && alert['first_seen_at'] && alert['last_seen_at']) {
    const earliest = config.fetch_all_events ? String(alert['first_seen_at']) : (previous?.last_triggered_at ?? String(alert['first_seen_at']));
    const job = await searchAlertEvents(ctx, api, options, alert, { earliest, latest: String(alert['last_seen_at']) }, config.max_events_per_fetch);
    events = job ? await job.events(config.max_events_per_fetch).catch(() => undefined) : undefined;
  }
  const event: Json = {
    ...alertEvent(alert, String(alert['uuid']), 'alert', await ctx.files.writeJson('alert.json', alert)),
    events_count: context.current_count,
    trigger_context: { triggered_at: new Date().toISOString(), trigger_type: 'alert_events_threshold', ...context },
  };
  if (events !== undefined) {
    event['events_file_path'] = await ctx.files.writeJson('events.json', events);
    event['fetched_events_count'] = events.length;
  }
  ctx.log.info(`triggered for alert ${String(alert['short_id'])}: ${context.new_events} new events (${context.reason})`);
  await ctx.emit(event);
}

/** The alert of a notification: from a creation notification, the state's copy, or the Alert API. */
async function alertOf(ctx: Context, api: SekoiaApi, notification: Notification, state: ThresholdState, uuid: string): Promise<Json | undefined> {
  if (notification.action === 'created') return alertFromCreatedNotification(notification.attributes, new Date().toISOString());
  const cached = state.alerts[uuid]?.alert_info;
  if (cached) return cached;
  try {
    return await api.request<Json>(`v1/sic/alerts/${encodeURIComponent(uuid)}`, { query: ALERT_QUERY });
  } catch (error) {
    ctx.log.error('failed to fetch the alert from the Alert API', { alert: uuid, error: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

/** The reference's Alert Events Threshold trigger: a run when enough events piled up on an alert, or when some did within the time window. */
export function createAlertEventsThresholdTrigger(options: ThresholdOptions = REFERENCE_THRESHOLD_OPTIONS) {
  return sekoia.trigger({
    uuid: '83d7092a-0036-4adb-83c1-087265c57659',
    slug: 'sekoiaio_alert_events_threshold',
    name: 'Alert Events Threshold',
    description: 'Trigger playbooks only when alert event accumulation meets configurable thresholds (volume-based or time-based)',
    docker_parameters: 'alert_events_threshold_trigger',
    arguments: thresholdArguments,
    results: eventSchema,
    async start(ctx, config) {
      checkThresholdConfiguration(config);
      const state = stateFrom(await ctx.checkpoint.get());
      const api = SekoiaApi.fromModuleConfiguration(ctx.http, ctx.config);
      const save = () => ctx.checkpoint.set(state);
      // One alert at a time: notifications and the periodic check never race on the state.
      let lock = Promise.resolve();
      const locked = (work: () => Promise<void>) => (lock = lock.then(work, work));

      const onNotification = (notification: Notification) =>
        locked(async () => {
          if (notification.type !== 'alert' || (notification.action !== 'created' && notification.action !== 'updated')) return;
          const uuid = attribute(notification, 'uuid');
          if (!uuid) return;
          const alert = await alertOf(ctx, api, notification, state, uuid);
          if (!alert || !matchesRuleFilters(alert, config)) return;
          const notified = eventCountOf(notification);
          const current = notified ?? (await countEvents(ctx, api, options, alert));
          const previous = state.alerts[uuid];
          const { trigger, context } = evaluateThresholds(current, previous, config);
          const now = new Date();
          if (!trigger) {
            if (notified !== undefined) noteEvents(state, { ...alert, uuid }, current, now.toISOString());
            await save();
            return;
          }
          markTriggered(state, { ...alert, uuid }, current, now.toISOString());
          if (!state.last_cleanup || now.getTime() - Date.parse(state.last_cleanup) >= 86_400_000) {
            const removed = cleanup(state, new Date(now.getTime() - config.state_cleanup_days * 86_400_000));
            state.last_cleanup = now.toISOString();
            if (removed > 0) ctx.log.info(`state cleanup: removed ${removed} entries older than ${config.state_cleanup_days} days`);
          }
          await save();
          await emitRun(ctx, api, options, config, { ...alert, uuid }, context, previous, true);
        });

      // Ends the periodic check with the trigger, whether it stops or fails.
      const stopped = new AbortController();
      const timeChecks = async () => {
        while (config.enable_time_threshold && !stopped.signal.aborted) {
          await wait(options.timeCheckIntervalMs, undefined, { signal: stopped.signal }).catch(() => undefined);
          if (stopped.signal.aborted) return;
          await locked(async () => {
            for (const entry of pendingTimeChecks(state, config.time_window_hours, new Date())) {
              const alert = entry.alert_info;
              if (!alert) continue;
              const current = entry.current_event_count ?? 0;
              const context: ThresholdContext = { reason: 'time_threshold', new_events: current - entry.last_triggered_event_count, previous_count: entry.last_triggered_event_count, current_count: current, time_window_hours: config.time_window_hours };
              markTriggered(state, { ...alert, uuid: entry.alert_uuid }, current, new Date().toISOString());
              await save();
              // No event fetch for periodic runs, as in the reference.
              await emitRun(ctx, api, options, config, { ...alert, uuid: entry.alert_uuid }, context, entry, false);
            }
          });
        }
      };

      const onAbort = () => stopped.abort();
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      const checking = timeChecks();
      try {
        await runLiveApiTrigger(ctx, options.liveApi, onNotification);
      } finally {
        stopped.abort();
        ctx.signal.removeEventListener('abort', onAbort);
        await checking;
        await lock;
      }
    },
  });
}
