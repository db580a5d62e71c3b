import { toPlyError } from '@ply/core';
import { DEFAULT_RESTART_POLICY, restartDelay, type RestartPolicy } from './restart-policy.js';

/** The code a supervised instance runs: until `signal` aborts; returning or throwing earlier is a failure. */
export type InstanceBody = (signal: AbortSignal, heartbeat: () => void) => Promise<void>;

export type InstanceState = 'running' | 'backoff' | 'stopped';

/** What the API and console show of an instance. */
export interface InstanceStatus {
  id: string;
  kind: string;
  state: InstanceState;
  /** Restarts since the supervisor started it. */
  restarts: number;
  startedAt: string | null;
  lastHeartbeatAt: string | null;
  /** False when a heartbeat was seen once and none came within the heartbeat timeout. */
  healthy: boolean;
  lastError: { code: string; message: string } | null;
  nextRestartAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Runs one trigger or connector instance and keeps it running: when its body throws or returns
 * while it should run, it is restarted after a backoff that doubles with each failure in a row.
 * When the body has sent heartbeats and then stays silent past `heartbeatTimeoutMs`, it is
 * considered hung: its signal is aborted and it is restarted.
 */
export class SupervisedInstance {
  private controller: AbortController | undefined;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private restarts = 0;
  private state: InstanceState = 'stopped';
  private startedAt: number | null = null;
  private lastHeartbeatAt: number | null = null;
  private lastError: { code: string; message: string } | null = null;
  private nextRestartAt: number | null = null;
  private watchdog: NodeJS.Timeout | undefined;
  /** Set by the watchdog when it aborted a body that stopped sending heartbeats. */
  private hung: { code: string; message: string } | undefined;

  constructor(
    readonly id: string,
    readonly kind: string,
    private readonly body: InstanceBody,
    private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY,
    private readonly heartbeatTimeoutMs?: number,
    private readonly onFailure?: (error: { code: string; message: string }, restartInMs: number) => void,
  ) {}

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Aborts the body and resolves once it returned; no restart follows. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.controller?.abort();
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  status(): InstanceStatus {
    const stale = this.heartbeatTimeoutMs !== undefined && this.lastHeartbeatAt !== null && Date.now() - this.lastHeartbeatAt > this.heartbeatTimeoutMs;
    return {
      id: this.id,
      kind: this.kind,
      state: this.state,
      restarts: this.restarts,
      startedAt: iso(this.startedAt),
      lastHeartbeatAt: iso(this.lastHeartbeatAt),
      healthy: this.state === 'running' && !stale,
      lastError: this.lastError,
      nextRestartAt: iso(this.nextRestartAt),
    };
  }

  private async run(): Promise<void> {
    let failuresInRow = 0;
    while (!this.stopping) {
      const controller = new AbortController();
      this.controller = controller;
      this.state = 'running';
      this.startedAt = Date.now();
      this.lastHeartbeatAt = null;
      this.nextRestartAt = null;
      this.armWatchdog(controller);
      let failure: { code: string; message: string };
      try {
        await this.body(controller.signal, () => {
          this.lastHeartbeatAt = Date.now();
        });
        failure = { code: 'PLY_INTERNAL', message: `${this.kind} ${this.id} returned while it should run` };
      } catch (error) {
        const plyError = toPlyError(error);
        failure = { code: plyError.code, message: plyError.message };
      }
      clearInterval(this.watchdog);
      if (controller.signal.aborted && this.hung) failure = this.hung;
      if (this.stopping) break;
      failuresInRow = this.startedAt !== null && Date.now() - this.startedAt >= this.policy.stableAfterMs ? 1 : failuresInRow + 1;
      this.hung = undefined;
      this.lastError = failure;
      const delay = restartDelay(this.policy, failuresInRow);
      this.onFailure?.(this.lastError, delay);
      this.state = 'backoff';
      this.nextRestartAt = Date.now() + delay;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
      if (!this.stopping) this.restarts += 1;
    }
    this.state = 'stopped';
    this.nextRestartAt = null;
  }

  private armWatchdog(controller: AbortController): void {
    const timeout = this.heartbeatTimeoutMs;
    if (timeout === undefined) return;
    this.watchdog = setInterval(() => {
      if (this.lastHeartbeatAt !== null && Date.now() - this.lastHeartbeatAt > timeout) {
        this.hung = { code: 'PLY_ACTION_TIMEOUT', message: `${this.kind} ${this.id} sent no heartbeat for ${timeout} ms` };
        controller.abort(new Error('heartbeat timeout'));
      }
    }, Math.max(10, Math.floor(timeout / 4)));
    this.watchdog.unref();
  }
}
