import { toPlyError } from '@ply/core';
import type { PinoLogger } from '@ply/core';
import type { Ply } from '@ply/core';
import type { Coordination } from './coordination.js';
import { leasedBody, type LeaseState } from './leased-body.js';
import type { RestartPolicy } from './restart-policy.js';
import type { InstanceBody } from './supervised-instance.js';
import { Supervisor } from './supervisor.js';

/** Options every store-driven supervisor takes. */
export interface StoreSyncLoopOptions {
  ply: Ply;
  /** How often the store is compared with what runs. Default 1,000 ms. */
  syncIntervalMs?: number;
  restart?: RestartPolicy;
  heartbeatTimeoutMs?: number;
  /** A cluster's coordination: each instance runs under a lease, on one process at a time. Absent: every instance runs here. */
  coordination?: Coordination;
  /** Lease time (`PLY_LEASE_MS`): how long a dead holder keeps an instance from running elsewhere. Default 10,000 ms. */
  leaseMs?: number;
}

/**
 * A {@link Supervisor} kept in step with the store: a loop calls {@link syncNow} every interval
 * (and whenever asked), one call at a time, so instances start, restart and stop as their rows
 * are enabled, updated and disabled. Subclasses say what "in step" means.
 */
export abstract class StoreSyncLoop {
  readonly supervisor: Supervisor;
  protected readonly logger: PinoLogger;
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> = Promise.resolve();
  private readonly leaseStates = new Map<string, LeaseState>();

  protected constructor(
    private readonly loop: StoreSyncLoopOptions,
    /** `trigger` or `connector`: names the component in log lines. */
    private readonly what: string,
  ) {
    this.logger = loop.ply.logger.child({ component: `${what}s` });
    this.supervisor = new Supervisor({
      ...(loop.restart ? { restart: loop.restart } : {}),
      ...(loop.heartbeatTimeoutMs !== undefined ? { heartbeatTimeoutMs: loop.heartbeatTimeoutMs } : {}),
      onFailure: (instance, error, restartInMs) => this.logger.warn(`${what} failed; restarting`, { instance: instance.id, code: error.code, error: error.message, restartInMs }),
    });
  }

  start(): void {
    void this.sync();
    this.timer = setInterval(() => void this.sync(), this.loop.syncIntervalMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.syncing;
    await this.supervisor.stopAll();
    this.leaseStates.clear();
    this.forgetRunning();
  }

  /** Brings running instances in line with the store now (resolves once started and stopped). */
  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.syncNow()).catch((error: unknown) => this.logger.error(`${this.what} sync failed`, { error: toPlyError(error).message }));
    return this.syncing;
  }

  /** Where instance `id` stands with its lease in a cluster; undefined in the embedded mode. */
  leaseOf(id: string): LeaseState | undefined {
    return this.leaseStates.get(id);
  }

  /** Runs `body` under the supervisor as instance `id`, under its lease in a cluster. */
  protected ensure(id: string, kind: string, body: InstanceBody): void {
    const { coordination } = this.loop;
    if (!coordination) {
      this.supervisor.ensure(id, kind, body);
      return;
    }
    const leased = leasedBody(body, { coordination, name: `${this.what}:${id}`, ttlMs: this.loop.leaseMs ?? 10_000, onState: (state) => this.leaseStates.set(id, state) });
    this.supervisor.ensure(id, kind, leased);
  }

  /** Stops instance `id` (and gives its lease back). */
  protected async stopInstance(id: string): Promise<void> {
    await this.supervisor.stop(id);
    this.leaseStates.delete(id);
  }

  /** Compares the store with what runs, and starts or stops instances accordingly. */
  protected abstract syncNow(): Promise<void>;

  /** Forgets what runs, after every instance was stopped. */
  protected abstract forgetRunning(): void;
}
