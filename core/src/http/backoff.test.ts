import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from './backoff.js';

describe('backoffDelay', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };

  it('draws uniformly below base * 2^retryIndex (full jitter)', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(0);
    expect(backoffDelay(0, policy, () => 0.5)).toBe(50);
    expect(backoffDelay(1, policy, () => 0.5)).toBe(100);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(400);
  });

  it('never exceeds maxDelayMs, even for huge retry indexes', () => {
    expect(backoffDelay(4, policy, () => 0.999_999)).toBe(1_000);
    expect(backoffDelay(5_000, policy, () => 0.999_999)).toBe(1_000);
    for (let i = 0; i < 200; i += 1) {
      const delay = backoffDelay(i % 12, policy);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(1_000);
    }
  });

  it('gives 0 for a zero base', () => {
    expect(backoffDelay(3, { baseDelayMs: 0, maxDelayMs: 100 }, () => 0.9)).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 3 ', now)).toBe(3_000);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
  });

  it('reads the three HTTP-date forms relative to now', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wednesday, 21-Oct-15 07:29:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Wed Oct 21 07:28:10 2015', now)).toBe(10_000);
  });

  it('gives 0 for a date in the past', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0);
  });

  it('caps the delay at maxDelayMs', () => {
    expect(parseRetryAfter('3600', now, 5_000)).toBe(5_000);
    expect(parseRetryAfter('Thu, 22 Oct 2015 07:28:00 GMT', now, 5_000)).toBe(5_000);
    expect(parseRetryAfter('2', now, 5_000)).toBe(2_000);
  });

  it('gives undefined for absent or unreadable values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('5 apples', now)).toBeUndefined();
    expect(parseRetryAfter('Xyz, 99 Foo 2015 07:28:00 GMT', now)).toBeUndefined();
  });

  it('defaults now to the current time', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const delay = parseRetryAfter(inTenSeconds);
    expect(delay).toBeGreaterThan(5_000);
    expect(delay).toBeLessThanOrEqual(10_000);
  });
});
