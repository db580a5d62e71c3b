import { describe, expect, it } from 'vitest';
import { PlyError } from '../errors/ply-error.js';
import { RateLimiter } from './rate-limiter.js';

/** Splits sorted times into bursts separated by gaps longer than `gapMs`. */
function bursts(times: number[], gapMs: number): number[][] {
  const groups: number[][] = [];
  let last = Number.NEGATIVE_INFINITY;
  times.forEach((time, index) => {
    if (time - last > gapMs || groups.length === 0) groups.push([]);
    groups[groups.length - 1]?.push(index);
    last = time;
  });
  return groups;
}

describe('RateLimiter', () => {
  it('rejects invalid settings', () => {
    expect(() => new RateLimiter({ maxRequests: 0, perMs: 100 })).toThrow(PlyError);
    expect(() => new RateLimiter({ maxRequests: 1.5, perMs: 100 })).toThrow(PlyError);
    expect(() => new RateLimiter({ maxRequests: 1, perMs: 0 })).toThrow(PlyError);
    expect(() => new RateLimiter({ maxRequests: 1, perMs: Number.NaN })).toThrow(PlyError);
  });

  it('admits up to maxRequests at once', async () => {
    const limiter = new RateLimiter({ maxRequests: 3, perMs: 60_000 });
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
  });

  it('admits waiters in FIFO order', async () => {
    const limiter = new RateLimiter({ maxRequests: 1, perMs: 10 });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => limiter.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('admits at most maxRequests per window, in bursts', async () => {
    const limiter = new RateLimiter({ maxRequests: 2, perMs: 150 });
    const admitted: Array<{ index: number; at: number }> = [];
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map((index) =>
        limiter.acquire().then(() => admitted.push({ index, at: performance.now() })),
      ),
    );
    expect(admitted.map((a) => a.index)).toEqual([0, 1, 2, 3, 4, 5]);
    // Admissions of one window are the same tick; windows are ~150 ms apart.
    expect(bursts(admitted.map((a) => a.at), 75)).toEqual([[0, 1], [2, 3], [4, 5]]);
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
