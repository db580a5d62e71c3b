import { sleep, type ActionContext } from '@ply/core';
import type { SentinelOneConfiguration } from './configuration.js';

/** What one look at a job says: done with a value, or still running (with its state, for the logs). */
export type JobLook<T> = { done: true; value: T } | { done: false; state: string };

/**
 * Looks at a SentinelOne job every `poll_interval` seconds until it is done or `timeoutSeconds`
 * passed (the reference's `timeout` argument, 300 s by default: remote scripts and Deep
 * Visibility queries take minutes). Returns `undefined` on timeout with the last state, so the
 * action answers the reference's `status: "timeout"` naming the job; the run's own timeout must be
 * longer than `timeoutSeconds` (see the README).
 */
export async function waitForJob<T>(ctx: ActionContext<SentinelOneConfiguration>, timeoutSeconds: number, look: () => Promise<JobLook<T>>): Promise<{ value: T } | { timedOut: true; state: string }> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const seen = await look();
    if (seen.done) return { value: seen.value };
    const wait = Math.min(ctx.config.poll_interval * 1000, deadline - Date.now());
    if (wait <= 0) return { timedOut: true, state: seen.state };
    ctx.log.debug('SentinelOne job in progress', { state: seen.state });
    await sleep(wait, ctx.signal);
  }
}
