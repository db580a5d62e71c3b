import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlyError } from '../errors/ply-error.js';
import { RateLimiter } from './rate-limiter.js';

/** Starts `count` acquisitions at once; returns the fake-clock times (ms) at which each was admitted, by index. */
function acquireAll(limiter: RateLimiter, count: number): Array<number | undefined> {
  const admittedAt: Array<number | undefined> = new Array<number | undefined>(count).fill(undefined);
  for (let index = 0; index < count; index += 1) void limiter.acquire().then(() => (admittedAt[index] = performance.now()));
  return admittedAt;
}

describe('RateLimiter', () => {
  // Admission times are read on a fake clock (timers and performance.now), so they are exact and need no waiting.
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rejects invalid settings', () => {
    expect(() => new RateLimiter({ maxRequests: 0, perMs: 100 })).toThrow(PlyError);
    expect(() => new RateLimiter({ maxRequests: 1.5, perMs: 100 })).toThrow(PlyError);
    expect(() => new RateLimiter({ maxRequests: 1, perMs: 0 })).toThrow(PlyError);
    expect(() => new RateLimiter({ maxRequests: 1, perMs: Number.NaN })).toThrow(PlyError);
  });

  it('admits up to maxRequests at once', async () => {
    vi.useFakeTimers();
    const limiter = new RateLimiter({ maxRequests: 3, perMs: 60_000 });
    const start = performance.now();
    const admittedAt = acquireAll(limiter, 4);
    await vi.advanceTimersByTimeAsync(0);
    // Three without any time passing; the fourth waits for the first token to come back.
    expect(admittedAt).toEqual([start, start, start, undefined]);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(admittedAt[3]).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(admittedAt[3]).toBe(start + 60_000);
  });

  it('admits waiters in FIFO order', async () => {
    vi.useFakeTimers();
    const limiter = new RateLimiter({ maxRequests: 1, perMs: 10 });
    const order: number[] = [];
    const all = Promise.all([0, 1, 2, 3, 4].map((i) => limiter.acquire().then(() => order.push(i))));
    await vi.advanceTimersByTimeAsync(40);
    await all;
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('admits at most maxRequests per window, in bursts', async () => {
    vi.useFakeTimers();
    const limiter = new RateLimiter({ maxRequests: 2, perMs: 150 });
    const start = performance.now();
    const admittedAt = acquireAll(limiter, 6);
    await vi.advanceTimersByTimeAsync(0);
    expect(admittedAt).toEqual([start, start, undefined, undefined, undefined, undefined]);
    // No window of 150 ms admits a third: each pair comes exactly when the previous pair's tokens return.
    await vi.advanceTimersByTimeAsync(149);
    expect(admittedAt.filter((at) => at !== undefined)).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(151);
    expect(admittedAt.map((at) => at! - start)).toEqual([0, 0, 150, 150, 300, 300]);
  });

  it('rejects a waiter promptly when its signal aborts, and keeps serving the others', async () => {
    const limiter = new RateLimiter({ maxRequests: 1, perMs: 100 });
    await limiter.acquire();
    const controller = new AbortController();
    const order: string[] = [];
    const aborted = limiter.acquire(controller.signal).then(
      () => order.push('aborted-admitted'),
      (reason: unknown) => {
        order.push('aborted-rejected');
        return reason;
      },
    );
    const next = limiter.acquire().then(() => order.push('next'));
    controller.abort(new Error('stop'));
    await expect(aborted).resolves.toMatchObject({ message: 'stop' });
    // Rejected before the window freed a token for anybody.
    expect(order).toEqual(['aborted-rejected']);
    await next;
    expect(order).toEqual(['aborted-rejected', 'next']);
  });

  it('rejects at once when the signal has already aborted', async () => {
    const limiter = new RateLimiter({ maxRequests: 1, perMs: 60_000 });
    await expect(limiter.acquire(AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    // The aborted call took no token.
    await limiter.acquire();
  });

  it('does not keep a timer once the last waiter has left', async () => {
    const limiter = new RateLimiter({ maxRequests: 1, perMs: 60_000 });
    await limiter.acquire();
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    expect(timers()).toBe(before + 1);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(timers()).toBe(before);
  });
});
