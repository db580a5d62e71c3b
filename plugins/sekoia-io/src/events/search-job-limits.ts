/** How long and how often to wait for an event search job. */
export interface SearchJobLimits {
  /** Pause between two status polls. */
  pollIntervalMs: number;
  /** How long a job may stay "not started" (status 0). */
  startTimeoutMs: number;
  /** How long a started job may stay "in progress" (status 1). */
  completeTimeoutMs: number;
}

/** The reference's limits: poll every second, 20 min to start, 30 min to complete. */
export const REFERENCE_SEARCH_JOB_LIMITS: Readonly<SearchJobLimits> = Object.freeze({
  pollIntervalMs: 1_000,
  startTimeoutMs: 1_200_000,
  completeTimeoutMs: 1_800_000,
});

/**
 * The run's default deadline for a search action: both waits, plus five minutes to create the job
 * and read its pages. A run's own `timeout_ms` still wins.
 */
export function searchRunTimeoutMs(limits: SearchJobLimits): number {
  return limits.startTimeoutMs + limits.completeTimeoutMs + 300_000;
}
