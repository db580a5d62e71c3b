/**
 * A playbook's run budget: a token bucket of `maxRuns` tokens refilled continuously over
 * `perMs`. It never waits: a run that finds no token is refused, so a flood of trigger events
 * is shed at the door instead of piling up in memory.
 */
export class RunRateLimiter {
  private tokens: number;
  private last = performance.now();

  constructor(
    readonly maxRuns: number,
    readonly perMs: number,
  ) {
    this.tokens = maxRuns;
  }

  /** Takes a token when one is available; false when the budget is spent. */
  tryTake(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.maxRuns, this.tokens + ((now - this.last) * this.maxRuns) / this.perMs);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
