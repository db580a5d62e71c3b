import type { ActionContext } from '../../contracts/context.js';
import type { RateLimitOptions } from '../../http/rate-limiter.js';
import { RateLimiter } from '../../http/rate-limiter.js';

/**
 * A vendor's own request rate (Shodan: one request per second), applied to a module's REST calls
 * per account. Sekoia's `ratelimit_per_minute` convention (honoured by the kernel for every
 * request) is a per-minute budget that admits bursts; a vendor that counts per second needs this.
 * Limiters are kept per module configuration object, as the executor hands every run of one
 * account the same validated object, so concurrent runs of an account share one pace.
 */
export class RequestRate<Config> {
  private readonly limiters = new WeakMap<object, { options: string; limiter: RateLimiter }>();

  constructor(private readonly rate: ((config: Config) => RateLimitOptions | undefined) | undefined) {}

  /** Resolves when this account may send its next request; nothing to wait for without a declared rate. */
  acquire(ctx: ActionContext<Config>): void | Promise<void> {
    const options = this.rate?.(ctx.config);
    if (!options) return;
    const key = ctx.config as object;
    const signature = `${options.maxRequests}/${options.perMs}`;
    let entry = this.limiters.get(key);
    if (!entry || entry.options !== signature) {
      entry = { options: signature, limiter: new RateLimiter(options) };
      this.limiters.set(key, entry);
    }
    return entry.limiter.acquire(ctx.signal);
  }
}
