import type { RestartPolicy } from './restart-policy.js';
import { SupervisedInstance, type InstanceBody, type InstanceStatus } from './supervised-instance.js';

/** Options of a {@link Supervisor}. */
export interface SupervisorOptions {
  restart?: RestartPolicy;
  /** A body that sent a heartbeat and then none for this long is restarted. Default: never. */
  heartbeatTimeoutMs?: number;
  /** Told about each failure, before the backoff (for logs). */
  onFailure?: (instance: { id: string; kind: string }, error: { code: string; message: string }, restartInMs: number) => void;
}

/**
 * Keeps long-running trigger and connector instances running, exactly one per id: starting an id
 * that runs already is a no-op, so a sync loop can call {@link ensure} freely.
 */
export class Supervisor {
  private readonly instances = new Map<string, SupervisedInstance>();

  constructor(private readonly options: SupervisorOptions = {}) {}

  /** Starts `body` under `id` unless an instance of that id runs already; returns whether it started one. */
  ensure(id: string, kind: string, body: InstanceBody): boolean {
    if (this.instances.has(id)) return false;
    const instance = new SupervisedInstance(id, kind, body, this.options.restart, this.options.heartbeatTimeoutMs, (error, delay) =>
      this.options.onFailure?.({ id, kind }, error, delay),
    );
    this.instances.set(id, instance);
    instance.start();
    return true;
  }

  has(id: string): boolean {
    return this.instances.has(id);
  }

  ids(): string[] {
    return [...this.instances.keys()];
  }

  /** Stops the instance of `id` (waits for its body to return). */
  async stop(id: string): Promise<void> {
    const instance = this.instances.get(id);
    if (!instance) return;
    this.instances.delete(id);
    await instance.stop();
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.ids().map((id) => this.stop(id)));
  }

  status(): InstanceStatus[] {
    return [...this.instances.values()].map((instance) => instance.status());
  }
}
