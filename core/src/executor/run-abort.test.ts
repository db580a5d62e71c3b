import { describe, expect, it } from 'vitest';
import { RunAbort } from './run-abort.js';

describe('RunAbort', () => {
  it('gives a signal aborted with the run\'s reason, whether it was read before or after the abort', () => {
    const early = new RunAbort();
    const before = early.signal;
    const reason = new Error('deadline');
    early.abort(reason);
    const late = new RunAbort();
    late.abort(reason);
    expect(before.aborted).toBe(true);
    expect(before.reason).toBe(reason);
    expect(late.signal.aborted).toBe(true);
    expect(late.signal.reason).toBe(reason);
  });

  it('follows the caller\'s signal until released', () => {
    const caller = new AbortController();
    const followed = new RunAbort(caller.signal);
    const released = new RunAbort(caller.signal);
    released.release();
    caller.abort(new Error('operator'));
    expect(followed.aborted).toBe(true);
    expect((followed.reason as Error).message).toBe('operator');
    expect(released.aborted).toBe(false);
  });

  it('starts aborted when the caller\'s signal already is', () => {
    const caller = new AbortController();
    caller.abort('gone');
    expect(new RunAbort(caller.signal).signal.reason).toBe('gone');
  });

  it('calls its listener once, before the signal\'s own listeners, and not after it was removed', () => {
    const order: string[] = [];
    const kept = new RunAbort();
    kept.onAbort(() => order.push('deadline'));
    kept.signal.addEventListener('abort', () => order.push('plugin'));
    kept.abort();
    kept.abort();
    const removed = new RunAbort();
    const stop = removed.onAbort(() => order.push('removed'));
    stop();
    removed.abort();
    expect(order).toEqual(['deadline', 'plugin']);
    expect(kept.reason).toBeInstanceOf(DOMException);
  });

  it('calls each listener still added (the deadline and every request in flight), each once', () => {
    const calls: string[] = [];
    const run = new RunAbort();
    run.onAbort(() => calls.push('deadline'));
    const stopFirst = run.onAbort(() => calls.push('request 1'));
    run.onAbort(() => calls.push('request 2'));
    stopFirst();
    run.abort(new Error('cancelled'));
    run.abort(new Error('again'));
    expect(calls).toEqual(['deadline', 'request 2']);
    expect((run.reason as Error).message).toBe('cancelled');
  });
});
