import type { MiddlewareHandler } from 'hono';

/** One injected failure: answer `status` (with `Retry-After` when set) instead of the real route. */
export interface InjectedFault {
  status: number;
  /** `Retry-After` header value; the fake sends `0` for 429/5xx unless told otherwise, so retries stay fast. */
  retryAfter?: string;
  /** Only requests whose path matches (default: any). */
  path?: RegExp;
  /** Only requests whose body contains this text (default: any). */
  bodyIncludes?: string;
  /** Answer this many matching requests so (default 1). */
  times?: number;
  /** Answer this text as an HTML page instead of the JSON error (a gateway's page, a malformed answer). */
  html?: string;
  /** Quote the request's credentials back (raw, URL-encoded, in a header), as a careless gateway might: for secret canaries. */
  echoCredentials?: boolean;
}

/** Switches a test flips to make the fake misbehave. */
export class FaultSwitches {
  private readonly queue: InjectedFault[] = [];
  /** Delay before every answer, in ms (slow vendor). */
  delayMs = 0;
  /** How many requests were answered with an injected fault. */
  injected = 0;

  inject(fault: InjectedFault): void {
    this.queue.push({ ...fault });
  }

  reset(): void {
    this.queue.length = 0;
    this.delayMs = 0;
  }

  /** The Hono middleware that applies the switches, before auth (as a gateway would). */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      const body = this.queue.some((fault) => fault.bodyIncludes || fault.echoCredentials) ? await c.req.raw.clone().text() : '';
      const index = this.queue.findIndex(
        (fault) => (!fault.path || fault.path.test(c.req.path)) && (!fault.bodyIncludes || body.includes(fault.bodyIncludes)),
      );
      if (index < 0) return next();
      const fault = this.queue[index]!;
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.queue.splice(index, 1);
      this.injected += 1;
      const retryAfter = fault.retryAfter ?? (fault.status === 429 || fault.status >= 500 ? '0' : undefined);
      const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': retryAfter };
      if (fault.html !== undefined) return c.html(fault.html, fault.status as 500, headers);
      if (fault.echoCredentials) {
        const credentials = c.req.header('authorization') ?? c.req.header('cookie') ?? body;
        return c.json({ message: `refused ${credentials} (${encodeURIComponent(credentials)})` }, fault.status as 500, { ...headers, 'x-refused-credentials': credentials });
      }
      return c.json({ message: `injected failure ${fault.status}` }, fault.status as 500, headers);
    };
  }
}
