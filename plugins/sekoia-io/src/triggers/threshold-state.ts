/** What the trigger remembers of one alert (the reference's `AlertStateManager` entry). */
export interface AlertThresholdState {
  alert_uuid: string;
  alert_short_id: string;
  rule_uuid: string;
  rule_name: string;
  /** ISO date of the last run started for this alert; null until the first. */
  last_triggered_at: string | null;
  last_triggered_event_count: number;
  total_triggers: number;
  created_at: string;
  updated_at: string;
  version: number;
  /** The alert as last seen (from a notification or the API), for the periodic time check. */
  alert_info?: Record<string, unknown>;
  current_event_count?: number;
  last_event_at?: string;
}

/** The whole state, kept in the trigger's checkpoint (the reference keeps it in a JSON file). */
export interface ThresholdState {
  alerts: Record<string, AlertThresholdState>;
  last_cleanup?: string;
}

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** The state read back from a checkpoint; anything that is not one starts empty. */
export function stateFrom(checkpoint: unknown): ThresholdState {
  const alerts = record(record(checkpoint)['alerts']);
  return { alerts: alerts as Record<string, AlertThresholdState>, ...(typeof record(checkpoint)['last_cleanup'] === 'string' ? { last_cleanup: record(checkpoint)['last_cleanup'] as string } : {}) };
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Records that a run was started for the alert at `count` events. */
export function markTriggered(state: ThresholdState, alert: Record<string, unknown>, count: number, now: string): void {
  const uuid = String(alert['uuid']);
  const rule = record(alert['rule']);
  const existing = state.alerts[uuid];
  state.alerts[uuid] = {
    ...(existing ?? { alert_uuid: uuid, created_at: now, total_triggers: 0, version: 0 }),
    alert_uuid: uuid,
    alert_short_id: text(alert['short_id']),
    rule_uuid: text(rule['uuid']),
    rule_name: text(rule['name']),
    last_triggered_at: now,
    last_triggered_event_count: count,
    total_triggers: (existing?.total_triggers ?? 0) + 1,
    updated_at: now,
    version: (existing?.version ?? 0) + 1,
  };
}

/** Records the alert and its event count without a run (below the volume threshold), for the time check. */
export function noteEvents(state: ThresholdState, alert: Record<string, unknown>, count: number, now: string): void {
  const uuid = String(alert['uuid']);
  const rule = record(alert['rule']);
  const existing = state.alerts[uuid];
  state.alerts[uuid] = {
    ...(existing ?? {
      alert_uuid: uuid,
      alert_short_id: text(alert['short_id']),
      rule_uuid: text(rule['uuid']),
      rule_name: text(rule['name']),
      last_triggered_at: null,
      last_triggered_event_count: 0,
      total_triggers: 0,
      created_at: now,
      version: 1,
    }),
    alert_info: alert,
    current_event_count: count,
    last_event_at: now,
    updated_at: now,
  };
}

/** Alerts with events since their last run whose time window has passed (since that run, or since first seen). */
export function pendingTimeChecks(state: ThresholdState, windowHours: number, now: Date): AlertThresholdState[] {
  return Object.values(state.alerts).filter((entry) => {
    if (!entry.last_event_at || (entry.current_event_count ?? 0) - entry.last_triggered_event_count <= 0) return false;
    const since = Date.parse(entry.last_triggered_at ?? entry.created_at ?? entry.last_event_at);
    return Number.isFinite(since) && now.getTime() - since >= windowHours * 3_600_000;
  });
}

/** Forgets alerts last run before `cutoff` (ISO dates compare as strings); returns how many. */
export function cleanup(state: ThresholdState, cutoff: Date): number {
  const limit = cutoff.toISOString();
  const old = Object.entries(state.alerts).filter(([, entry]) => entry.last_triggered_at && entry.last_triggered_at < limit);
  for (const [uuid] of old) delete state.alerts[uuid];
  return old.length;
}
