import { toPlyError } from '@ply/core';
import type { PinoLogger } from '@ply/core';
import type { Ply } from '@ply/core';
import type { RestartPolicy } from './restart-policy.js';
import { Supervisor } from './supervisor.js';

/** Options every store-driven supervisor takes. */
export interface StoreSyncLoopOptions {
  ply: Ply;
  /** How often the store is compared with what runs. Default 1,000 ms. */
  syncIntervalMs?: number;
  restart?: RestartPolicy;
  heartbeatTimeoutMs?: number;
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
    this.forgetRunning();
  }

  /** Brings running instances in line with the store now (resolves once started and stopped). */
  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.syncNow()).catch((error: unknown) => this.logger.error(`${this.what} sync failed`, { error: toPlyError(error).message }));
    return this.syncing;
  }

  /** Compares the store with what runs, and starts or stops instances accordingly. */
  protected abstract syncNow(): Promise<void>;

  /** Forgets what runs, after every instance was stopped. */
  protected abstract forgetRunning(): void;
}
