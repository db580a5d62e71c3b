import type { TriggerContext } from '../contracts/context.js';
import { PlyError, isPlyError } from '../errors/ply-error.js';
import { backoffDelay, type BackoffPolicy } from '../http/backoff.js';
import { sleep } from '../http/sleep.js';

/** What the poll loop uses of a trigger's (or connector's) context. */
export type PollLoopContext = Pick<TriggerContext, 'signal' | 'heartbeat' | 'log'>;

/** How {@link pollUntilStopped} polls a vendor. */
export interface PollLoopOptions {
  /** The vendor's name, as a SOC engineer knows it: it names who refused the credentials. */
  vendor: string;
  /** Wait between two polls, in ms (the trigger's `sleep_time` or `frequency`); it also caps the backoff. */
  intervalMs: number;
  /** One poll: read what is new, emit it, move the checkpoint. A rejection is retried with backoff. */
  poll: () => Promise<void>;
  /** Backoff after consecutive failed polls (default: 1 s doubling up to 60 s, full jitter). */
  backoff?: BackoffPolicy;
}

const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 1000, maxDelayMs: 60_000 };
/** A long interval is slept in slices this long, with a heartbeat between them: the loop is alive while it waits. */
const HEARTBEAT_EVERY_MS = 30_000;

/**
 * The loop of a polling trigger: polls at once, then every `intervalMs`, until `ctx.signal`
 * aborts (then it returns, also in the middle of a wait). A heartbeat goes before each poll
 * (and through long waits), so the supervisor sees a poll that hangs. A failed poll is logged
 * with `ctx.log.warn` and retried after an exponential backoff capped by the interval; a 401 or
 * 403 from the vendor (`error.details.status`) does not get better by asking again, so it stops
 * the loop with `PLY_CONFIGURATION_INVALID` naming the vendor.
 *
 * @example
 * async start(ctx, args) {
 *   await pollUntilStopped(ctx, { vendor: 'MWDB', intervalMs: args.frequency * 1000, poll: () => poll(ctx) });
 * }
 */
export async function pollUntilStopped(ctx: PollLoopContext, options: PollLoopOptions): Promise<void> {
  let failures = 0;
  while (!ctx.signal.aborted) {
    let waitMs = options.intervalMs;
    try {
      ctx.heartbeat();
      await options.poll();
      failures = 0;
    } catch (error) {
      if (ctx.signal.aborted) return;
      const status = isPlyError(error) ? Number(error.details['status']) : undefined;
      if (status === 401 || status === 403) {
        throw new PlyError('PLY_CONFIGURATION_INVALID', `${options.vendor} refused the credentials of this account (HTTP ${status})`, { details: { status } });
      }
      failures += 1;
      waitMs = Math.min(waitMs, backoffDelay(failures, options.backoff ?? DEFAULT_BACKOFF));
      ctx.log.warn(`${options.vendor} poll failed; trying again`, { error: isPlyError(error) ? error.message : String(error), failures, retryInMs: waitMs });
    }
    await waitWithHeartbeats(ctx, waitMs);
  }
}

/** Sleeps `ms` (returns early when the signal aborts), beating the heart every {@link HEARTBEAT_EVERY_MS}. */
async function waitWithHeartbeats(ctx: PollLoopContext, ms: number): Promise<void> {
  for (let left = ms; left > 0 && !ctx.signal.aborted; left -= HEARTBEAT_EVERY_MS) {
    const aborted = await sleep(Math.min(left, HEARTBEAT_EVERY_MS), ctx.signal).then(
      () => false,
      () => true,
    );
    if (aborted) return;
    if (left > HEARTBEAT_EVERY_MS) ctx.heartbeat();
  }
}
