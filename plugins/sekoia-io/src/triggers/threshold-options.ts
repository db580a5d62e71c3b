import type { SearchJobLimits } from '../events/search-job-limits.js';
import { REFERENCE_LIVEAPI_OPTIONS, type LiveApiOptions } from '../liveapi/liveapi-options.js';

/** Timing of the Alert Events Threshold trigger. */
export interface ThresholdOptions {
  liveApi: LiveApiOptions;
  /** How often alerts with pending events are checked against the time window. */
  timeCheckIntervalMs: number;
  /** Waits of the event search jobs that count or fetch an alert's events. */
  searchJob: SearchJobLimits;
}

/** The reference checks the time window every 5 minutes and waits up to 300 s for a search job. */
export const REFERENCE_THRESHOLD_OPTIONS: Readonly<ThresholdOptions> = Object.freeze({
  liveApi: REFERENCE_LIVEAPI_OPTIONS,
  timeCheckIntervalMs: 300_000,
  searchJob: Object.freeze({ pollIntervalMs: 1_000, startTimeoutMs: 300_000, completeTimeoutMs: 300_000 }),
});
