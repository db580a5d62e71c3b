import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WAIT_FOR } from '@ply/kit/testing';
import type { ThresholdState } from '../src/triggers/threshold-state.js';
import { SAMPLES } from './fake-sekoia/state.js';
import { FAST_LIVEAPI, startTriggerWorld, type TriggerWorld } from './trigger-harness.js';

const ALERT = SAMPLES['sample_sicalertapi']!;
const ALERT_UUID = String(ALERT['uuid']);
const TRIGGER = 'sekoiaio_alert_events_threshold';
const FAST_THRESHOLD = { liveApi: FAST_LIVEAPI, timeCheckIntervalMs: 20, searchJob: { pollIntervalMs: 2, startTimeoutMs: 1_000, completeTimeoutMs: 1_000 } };

/** An `alert:updated` notification of the sample alert carrying its event count (`similar`), as the LiveAPI sends them. */
const updated = (similar: number) => ({ ...structuredClone(SAMPLES['samplenotif_alert_updated']!), attributes: { uuid: ALERT_UUID, short_id: 'ALTqhwoRAyqk', updated: { similar } } });

describe('Sekoia.io Alert Events Threshold trigger', () => {
  let w: TriggerWorld;
  beforeEach(async () => {
    w = await startTriggerWorld({ threshold: FAST_THRESHOLD });
    w.state.alerts.set(ALERT_UUID, { ...w.state.alerts.get(ALERT_UUID)!, first_seen_at: '2025-01-01T00:00:00Z', last_seen_at: '2025-01-02T00:00:00Z' });
  });
  afterEach(() => w.close());

  it('runs once enough events piled up on an alert, the first time too, and keeps the count in its checkpoint', async () => {
    const trigger = w.start(TRIGGER, { event_count_threshold: 100, enable_time_threshold: false });
    await w.live.waitForUpgrades(1);
    w.live.publish(updated(150));
    const [emitted] = await trigger.waitForEvents(1);
    expect(emitted!.event).toMatchObject({
      alert_uuid: ALERT_UUID,
      short_id: 'ALTqhwoRAyqk',
      event_type: 'alert',
      events_count: 150,
      trigger_context: { trigger_type: 'alert_events_threshold', reason: 'volume_threshold, first_occurrence', new_events: 150, previous_count: 0, current_count: 150, time_window_hours: 1 },
    });
    expect((trigger.checkpoint() as ThresholdState).alerts[ALERT_UUID]).toMatchObject({ last_triggered_event_count: 150, total_triggers: 1 });
  });

  it('notes the events of an alert under the threshold, and counts them when more come', async () => {
    const trigger = w.start(TRIGGER, { event_count_threshold: 100, enable_time_threshold: false });
    await w.live.waitForUpgrades(1);
    w.live.publish(updated(40));
    await vi.waitFor(() => expect((trigger.checkpoint() as ThresholdState | undefined)?.alerts[ALERT_UUID]?.current_event_count).toBe(40), WAIT_FOR);
    expect(trigger.events).toEqual([]);
    w.live.publish(updated(120));
    const [emitted] = await trigger.waitForEvents(1);
    // As the reference: an alert already in the state is no first occurrence.
    expect((emitted!.event as { trigger_context: unknown }).trigger_context).toMatchObject({ reason: 'volume_threshold', new_events: 120, previous_count: 0 });
  });

  it('resumes from its checkpoint after a restart: the events counted before it are not counted again', async () => {
    const first = w.start(TRIGGER, { event_count_threshold: 100, enable_time_threshold: false });
    await w.live.waitForUpgrades(1);
    w.live.publish(updated(150));
    await first.waitForEvents(1);
    await first.stop();
    const second = w.start(TRIGGER, { event_count_threshold: 100, enable_time_threshold: false }, { checkpoint: first.checkpoint() });
    await w.live.waitForUpgrades(2);
    w.live.publish(updated(200));
    w.live.publish(updated(260));
    const [emitted] = await second.waitForEvents(1);
    expect((emitted!.event as { trigger_context: unknown }).trigger_context).toMatchObject({ reason: 'volume_threshold', new_events: 110, previous_count: 150, current_count: 260 });
    expect(second.events).toHaveLength(1);
  });

  it('runs for alerts whose events stayed under the volume threshold once the time window has passed', async () => {
    const twoHoursAgo = new Date(Date.now() - 7_200_000).toISOString();
    const checkpoint: ThresholdState = {
      alerts: {
        [ALERT_UUID]: { alert_uuid: ALERT_UUID, alert_short_id: 'ALTqhwoRAyqk', rule_uuid: '', rule_name: '', last_triggered_at: null, last_triggered_event_count: 0, total_triggers: 0, created_at: twoHoursAgo, updated_at: twoHoursAgo, version: 1, alert_info: { ...ALERT }, current_event_count: 7, last_event_at: twoHoursAgo },
      },
    };
    const trigger = w.start(TRIGGER, { time_window_hours: 1 }, { checkpoint });
    const [emitted] = await trigger.waitForEvents(1);
    expect(emitted!.event).toMatchObject({ alert_uuid: ALERT_UUID, events_count: 7, trigger_context: { reason: 'time_threshold', new_events: 7, previous_count: 0 } });
    expect((emitted!.event as Record<string, unknown>)['events_file_path']).toBeUndefined();
  });

  it("fetches the alert's new events into a file when asked", async () => {
    w.state.jobPlan = { pollsNotStarted: 0, pollsInProgress: 1, finalStatus: 2 };
    w.state.events = Array.from({ length: 5 }, (_, i) => ({ message: `event ${i}` }));
    const trigger = w.start(TRIGGER, { event_count_threshold: 10, enable_time_threshold: false, fetch_events: true, max_events_per_fetch: 3 });
    await w.live.waitForUpgrades(1);
    w.live.publish(updated(20));
    const [emitted] = await trigger.waitForEvents(1);
    const event = emitted!.event as { events_file_path: string; fetched_events_count: number };
    expect(event.fetched_events_count).toBe(3);
    expect(await trigger.files.readJson(event.events_file_path)).toEqual(w.state.events.slice(0, 3));
    const job = [...w.state.jobs.values()][0]!;
    expect(job.body).toEqual({ term: 'alert_short_ids:"ALTqhwoRAyqk"', earliest_time: '2025-01-01T00:00:00Z', latest_time: '2025-01-02T00:00:00Z', visible: false, max_last_events: 3 });
  });

  it('counts the events with a search job when the notification carries no count', async () => {
    w.state.jobPlan = { pollsNotStarted: 0, pollsInProgress: 0, finalStatus: 2 };
    w.state.events = Array.from({ length: 12 }, (_, i) => ({ message: `event ${i}` }));
    const trigger = w.start(TRIGGER, { event_count_threshold: 10, enable_time_threshold: false });
    await w.live.waitForUpgrades(1);
    w.live.publish({ ...updated(0), attributes: { uuid: ALERT_UUID, updated: { title: 'x' } } });
    const [emitted] = await trigger.waitForEvents(1);
    expect(emitted!.event).toMatchObject({ events_count: 12 });
  });

  it('refuses a configuration with both thresholds disabled, naming the field', async () => {
    const trigger = w.start(TRIGGER, { enable_volume_threshold: false, enable_time_threshold: false });
    await expect(trigger.waitForEvents(1)).rejects.toMatchObject({ code: 'PLY_ARGUMENTS_INVALID', message: expect.stringContaining('/enable_volume_threshold at least one threshold must be enabled') });
  });
});
