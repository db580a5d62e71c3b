/** How the supervisor restarts an instance that crashed or returned early. */
export interface RestartPolicy {
  /** Delay before the first restart. Default 1,000 ms. */
  initialDelayMs: number;
  /** Upper bound of any delay. Default 60,000 ms. */
  maxDelayMs: number;
  /** An instance that ran this long before failing starts again from `initialDelayMs`. Default 60,000 ms. */
  stableAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 1000, maxDelayMs: 60_000, stableAfterMs: 60_000 };

/** The delay before restart number `failures` (1 for the first): doubled each time, capped. */
export function restartDelay(policy: RestartPolicy, failures: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, failures - 1));
}
