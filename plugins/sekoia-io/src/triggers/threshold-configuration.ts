import { PlyError } from '@ply/core';
import { z } from 'zod';

/** The Alert Events Threshold trigger's configuration, with the reference's defaults and bounds. */
export const thresholdArguments = z
  .object({
    rule_filter: z.string().optional().describe('Filter by rule name or UUID (single rule only)'),
    rule_names_filter: z.array(z.string()).optional().describe('Filter by multiple rule names'),
    event_count_threshold: z.int().min(1).default(100).describe('Minimum number of new events to trigger (volume-based)'),
    time_window_hours: z.int().min(1).max(168).default(1).describe('Time window in hours for time-based triggering (max 7 days)'),
    enable_volume_threshold: z.boolean().default(true).describe('Enable volume-based threshold (>= N events)'),
    enable_time_threshold: z.boolean().default(true).describe('Enable time-based threshold (triggers if there is activity in last N hours, checked periodically)'),
    state_cleanup_days: z.int().min(1).max(365).default(30).describe('Remove state entries for alerts older than N days'),
    fetch_events: z.boolean().default(false).describe('Whether to fetch and include events in the trigger output'),
    fetch_all_events: z.boolean().default(false).describe('If true, fetch all events from the alert. If false, fetch only new events since last trigger'),
    max_events_per_fetch: z.int().min(1).max(10000).default(1000).describe('Maximum number of events to fetch per trigger execution'),
  })
  .meta({ title: 'Trigger configuration' });

export type ThresholdConfiguration = z.output<typeof thresholdArguments>;

/** The reference's cross-field checks; a configuration that fails them stops the trigger, naming the fields. */
export function checkThresholdConfiguration(config: ThresholdConfiguration): void {
  const issues: Array<{ pointer: string; message: string }> = [];
  if (!config.enable_volume_threshold && !config.enable_time_threshold) issues.push({ pointer: '/enable_volume_threshold', message: 'at least one threshold must be enabled' });
  if (config.rule_filter && config.rule_names_filter && config.rule_names_filter.length > 0) issues.push({ pointer: '/rule_names_filter', message: 'use either rule_filter or rule_names_filter, not both' });
  if (config.state_cleanup_days * 24 < config.time_window_hours) issues.push({ pointer: '/state_cleanup_days', message: 'state_cleanup_days must be longer than time_window_hours' });
  if (issues.length > 0) {
    throw new PlyError('PLY_ARGUMENTS_INVALID', `alert events threshold configuration: ${issues.map((issue) => `${issue.pointer} ${issue.message}`).join('; ')}`, { details: { issues } });
  }
}
