import type { AlertThresholdState } from './threshold-state.js';
import type { ThresholdConfiguration } from './threshold-configuration.js';

/** Why the trigger fired (or not), as the reference's `trigger_context` carries it. */
export interface ThresholdContext {
  reason: string;
  new_events: number;
  previous_count: number;
  current_count: number;
  time_window_hours: number;
}

/**
 * The reference's volume rule: a run when the events added since the last run reach
 * `event_count_threshold` (the first time too: `volume_threshold, first_occurrence`). The time
 * rule is checked apart, periodically ({@link pendingTimeChecks}).
 */
export function evaluateThresholds(current: number, previous: AlertThresholdState | undefined, config: ThresholdConfiguration): { trigger: boolean; context: ThresholdContext } {
  const previousCount = previous ? previous.last_triggered_event_count : 0;
  const newEvents = current - previousCount;
  const base = { new_events: newEvents, previous_count: previousCount, current_count: current, time_window_hours: config.time_window_hours };
  if (newEvents <= 0) return { trigger: false, context: { reason: 'no_new_events', ...base } };
  const reasons: string[] = [];
  if (config.enable_volume_threshold && newEvents >= config.event_count_threshold) {
    reasons.push('volume_threshold');
    if (!previous) reasons.push('first_occurrence');
  }
  return { trigger: reasons.length > 0, context: { reason: reasons.length > 0 ? reasons.join(', ') : 'no_threshold_met', ...base } };
}
