import { PlyError, isPlyError, sleep, type ConnectorContext } from '@ply/core';
import type { SentinelOneConfiguration } from './configuration.js';

/** The supervisor sees a heartbeat at least this often while a collector waits. */
const HEARTBEAT_SECONDS = 10;

type Context = Pick<ConnectorContext<SentinelOneConfiguration>, 'signal' | 'heartbeat' | 'log'>;

/** Waits `seconds`, telling the supervisor it is alive; false once the collector is stopped. */
export async function waitAlive(ctx: Context, seconds: number): Promise<boolean> {
  for (let left = seconds; left > 0; left -= HEARTBEAT_SECONDS) {
    ctx.heartbeat();
    try {
      await sleep(Math.min(left, HEARTBEAT_SECONDS) * 1000, ctx.signal);
    } catch {
      return false;
    }
  }
  return !ctx.signal.aborted;
}

/**
 * Runs `collect` every `frequency` seconds until stopped. A network error or a vendor 5xx is
 * logged and tried again with backoff (capped at the frequency); refused credentials stop the
 * collector with a clear status instead of hammering the console.
 */
export async function collectEvery(ctx: Context, frequency: number, what: string, collect: () => Promise<number>): Promise<void> {
  let failures = 0;
  while (!ctx.signal.aborted) {
    let wait = frequency;
    try {
      const count = await collect();
      failures = 0;
      if (count > 0) ctx.log.info(`${what}: events forwarded`, { count });
    } catch (error) {
      if (ctx.signal.aborted) break;
      const status = isPlyError(error) ? Number(error.details['status']) : undefined;
      if (status === 401 || status === 403) {
        throw new PlyError('PLY_CONFIGURATION_INVALID', `${what}: SentinelOne refused the API token (HTTP ${status}); check it and its permissions, then restart`, { details: { status }, cause: error });
      }
      failures += 1;
      wait = Math.min(frequency, 2 ** Math.min(failures, 8));
      ctx.log.warn(`${what}: collection failed; trying again`, { error: isPlyError(error) ? error.message : String(error), failures, retryInSeconds: wait });
    }
    if (!(await waitAlive(ctx, wait))) break;
  }
}
