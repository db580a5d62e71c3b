import { PlyError } from '@ply/core';
import type { Coordination } from './coordination.js';
import type { InstanceBody } from './supervised-instance.js';

/** Where an instance stands with its lease, for the status API. */
export interface LeaseState {
  /** `held`: this process runs it; `standby`: another process does, this one waits to take over. */
  state: 'held' | 'standby';
  /** The process holding the lease when last looked at. */
  holder: string | null;
}

/** Options of {@link leasedBody}. */
export interface LeaseOptions {
  coordination: Coordination;
  /** Lease name, e.g. `trigger:<playbook id>`. */
  name: string;
  /** How long a lease lasts without renewal: the longest a dead holder keeps its instance from running elsewhere. */
  ttlMs: number;
  /** Told where the instance stands (standby while another process holds the lease). */
  onState?: (state: LeaseState) => void;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Wraps a supervised body so it runs only while this process holds its lease (a Redis key with
 * a TTL, renewed every third of it). Until then it waits in standby, trying again every third
 * of the TTL, so when the holder dies another process takes over within the lease time and the
 * body starts from its stored checkpoint. A renewal that finds the lease lost aborts the body
 * and fails with PLY_LEASE_LOST (the supervisor restarts it, into standby).
 */
export function leasedBody(body: InstanceBody, options: LeaseOptions): InstanceBody {
  const { coordination, name, ttlMs } = options;
  const every = Math.max(10, Math.floor(ttlMs / 3));
  return async (signal, heartbeat) => {
    while (!(await coordination.acquire(name, ttlMs))) {
      options.onState?.({ state: 'standby', holder: (await coordination.holder(name)) ?? null });
      await pause(every, signal);
      if (signal.aborted) return;
    }
    options.onState?.({ state: 'held', holder: coordination.processId });
    const controller = new AbortController();
    const forward = () => controller.abort(signal.reason);
    signal.addEventListener('abort', forward, { once: true });
    let lost = false;
    const renewal = setInterval(() => {
      coordination.renew(name, ttlMs).then(
        (held) => {
          if (held || controller.signal.aborted) return;
          lost = true;
          controller.abort(new PlyError('PLY_LEASE_LOST', `lease ${name} was lost`));
        },
        () => {
          // Redis unreachable: keep running until the TTL says otherwise (the next renewal tells).
        },
      );
    }, every);
    try {
      await body(controller.signal, heartbeat);
    } finally {
      clearInterval(renewal);
      signal.removeEventListener('abort', forward);
      if (!lost) await coordination.release(name).catch(() => {});
    }
    if (lost) throw new PlyError('PLY_LEASE_LOST', `lease ${name} was lost to another process; standing by`);
  };
}
