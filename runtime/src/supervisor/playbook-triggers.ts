import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DirectoryFileStore, PlyError, toPlyError } from '@ply/core';
import type { PlaybookEngine } from '../playbooks/playbook-engine.js';
import type { PlaybookTrigger } from '../playbooks/playbook-schema.js';
import type { PlyStore } from '../store/ply-store.js';
import type { InstanceBody, InstanceStatus } from './supervised-instance.js';
import type { LeaseState } from './leased-body.js';
import { StoreSyncLoop, type StoreSyncLoopOptions } from './store-sync-loop.js';
import { croner } from '../playbooks/croner.js';

/** Options of {@link PlaybookTriggers}. */
export interface PlaybookTriggersOptions extends StoreSyncLoopOptions {
  store: PlyStore;
  engine: PlaybookEngine;
}

type LongRunningTrigger = Extract<PlaybookTrigger, { type: 'schedule' | 'module' }>;

/** A supervised trigger's status, and whether it was stopped through {@link PlaybookTriggers.stopTrigger}. */
export interface TriggerStatus extends InstanceStatus {
  /** Stopped by an operator: not run (though its playbook is enabled) until started again. */
  held: boolean;
  /** In a cluster: whether this process holds the trigger's lease (and runs it) or stands by. */
  lease?: LeaseState;
}

function longRunningTriggerOf(document: unknown): LongRunningTrigger | undefined {
  const trigger = (document as { trigger?: PlaybookTrigger } | null)?.trigger;
  return trigger?.type === 'schedule' || trigger?.type === 'module' ? trigger : undefined;
}

function kindOf(trigger: LongRunningTrigger): string {
  return trigger.type === 'schedule' ? 'schedule' : `trigger ${trigger.module}.${trigger.trigger}`;
}

function stoppedStatus(id: string, kind: string, held: boolean): TriggerStatus {
  return { id, kind, state: 'stopped', restarts: 0, startedAt: null, lastHeartbeatAt: null, healthy: false, lastError: null, nextRestartAt: null, held };
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * Runs the triggers of enabled playbooks that are not started from outside: `schedule` (cron,
 * with croner) and `module` (a plugin trigger's long-running `start`, its events passed to
 * `ctx.emit`, its checkpoint in the store). Each playbook's trigger is one supervised instance,
 * restarted with backoff when it fails; a sync loop starts, restarts (new version) and stops
 * instances as playbooks are enabled, updated and disabled.
 */
export class PlaybookTriggers extends StoreSyncLoop {
  private readonly versions = new Map<string, number>();
  private generation = -1;

  constructor(private readonly options: PlaybookTriggersOptions) {
    super(options, 'trigger');
  }

  protected forgetRunning(): void {
    this.versions.clear();
  }

  /** Running (or restarting) triggers, and the held ones as `stopped`. */
  async status(): Promise<TriggerStatus[]> {
    const running = this.supervisor.status().map((status) => this.withLease({ ...status, held: false }));
    const held = (await this.options.store.playbooks.list()).flatMap((playbook) => {
      const longRunning = playbook.triggerHeld && !this.supervisor.has(playbook.id) ? longRunningTriggerOf(playbook.document) : undefined;
      return longRunning ? [stoppedStatus(playbook.id, kindOf(longRunning), true)] : [];
    });
    return [...running, ...held];
  }

  /**
   * The status of the trigger of playbook `id`; a schedule or module trigger that does not run
   * (its playbook is disabled, or it is held) is `stopped`.
   *
   * @throws PlyError PLY_PLAYBOOK_NOT_FOUND, or PLY_TRIGGER_NOT_FOUND when no supervised trigger starts it.
   */
  async statusOf(id: string): Promise<TriggerStatus> {
    const trigger = await this.triggerOf(id);
    const running = this.supervisor.status().find((status) => status.id === id);
    return running ? this.withLease({ ...running, held: false }) : stoppedStatus(id, kindOf(trigger), (await this.options.store.playbooks.get(id)).triggerHeld);
  }

  private withLease(status: TriggerStatus): TriggerStatus {
    const lease = this.leaseOf(status.id);
    return lease ? { ...status, lease } : status;
  }

  /**
   * Stops the trigger of playbook `id` and keeps it stopped, without disabling the playbook
   * (webhooks and manual runs still start it), until {@link startTrigger}: the hold is stored,
   * so a restarted `ply serve` keeps it too.
   */
  async stopTrigger(id: string): Promise<TriggerStatus> {
    await this.triggerOf(id);
    await this.options.store.playbooks.setTriggerHeld(id, true);
    this.generation = -1;
    await this.sync();
    return this.statusOf(id);
  }

  /**
   * Lets the trigger of playbook `id` run again (a no-op when it was not stopped).
   *
   * @throws PlyError PLY_PLAYBOOK_DISABLED when the playbook is disabled (enable it instead).
   */
  async startTrigger(id: string): Promise<TriggerStatus> {
    await this.triggerOf(id);
    if (!(await this.options.store.playbooks.get(id)).enabled) throw new PlyError('PLY_PLAYBOOK_DISABLED', `playbook ${id} is disabled: enable it to start its trigger`, { details: { id } });
    await this.options.store.playbooks.setTriggerHeld(id, false);
    this.generation = -1;
    await this.sync();
    return this.statusOf(id);
  }

  private async triggerOf(id: string): Promise<LongRunningTrigger> {
    const trigger = longRunningTriggerOf((await this.options.store.playbooks.get(id)).document);
    if (!trigger) throw new PlyError('PLY_TRIGGER_NOT_FOUND', `playbook ${id} has no supervised trigger (only schedule and module triggers run under the supervisor)`, { details: { id } });
    return trigger;
  }

  protected async syncNow(): Promise<void> {
    const { store } = this.options;
    if (store.playbooks.generation === this.generation) return;
    this.generation = store.playbooks.generation;
    const wanted = new Map<string, { version: number; trigger: LongRunningTrigger }>();
    for (const playbook of await store.playbooks.list()) {
      const trigger = longRunningTriggerOf(playbook.document);
      if (playbook.enabled && trigger && !playbook.triggerHeld) wanted.set(playbook.id, { version: playbook.version, trigger });
    }
    for (const [id, version] of this.versions) {
      if (wanted.get(id)?.version !== version) {
        this.versions.delete(id);
        await this.stopInstance(id);
      }
    }
    for (const [id, { version, trigger }] of wanted) {
      if (this.versions.has(id)) continue;
      this.versions.set(id, version);
      // A schedule runs on every process (each tick is claimed once in the cluster, so none is
      // lost while a holder dies); a module trigger runs under a lease, on one process.
      if (trigger.type === 'schedule') this.supervisor.ensure(id, kindOf(trigger), this.bodyOf(id, trigger));
      else this.ensure(id, kindOf(trigger), this.bodyOf(id, trigger));
    }
  }

  /** Starts a run for an event; a refused run (rate limit, disabled meanwhile) is logged, not thrown at the trigger. */
  private async startRun(playbookId: string, event: unknown, files?: string): Promise<void> {
    try {
      // Durable (committed, and queued in a cluster) before `emit` resolves: a trigger may checkpoint past it safely.
      await this.options.engine.submit(playbookId, event, files ? { files } : {});
    } catch (error) {
      const failure = toPlyError(error);
      // A store or queue failure must reach the trigger (it retries, or restarts from its checkpoint).
      if (failure.code === 'PLY_STORE_ERROR' || failure.code === 'PLY_QUEUE_ERROR') throw failure;
      this.logger.warn('trigger event not run', { playbookId, code: failure.code, error: failure.message });
      // No run will read the event's files.
      if (files) await rm(files, { recursive: true, force: true });
    }
  }

  /** A schedule's tick: one run in the whole cluster (the first process to claim the tick starts it). */
  private async tick(playbookId: string, at: Date): Promise<void> {
    const { coordination } = this.options;
    // Ticks are whole seconds: every process's croner fires within the same second.
    const second = Math.round(at.getTime() / 1000) * 1000;
    if (coordination && !(await coordination.claimOnce(`tick:${playbookId}:${second}`, 3_600_000))) return;
    await this.startRun(playbookId, { scheduled_at: new Date(second).toISOString() });
  }

  private bodyOf(playbookId: string, trigger: LongRunningTrigger): InstanceBody {
    if (trigger.type === 'schedule') {
      return async (signal, heartbeat) => {
        const job = new (croner().Cron)(trigger.cron, trigger.timezone ? { timezone: trigger.timezone } : {}, () => {
          heartbeat();
          this.tick(playbookId, new Date()).catch((error: unknown) => this.logger.warn('schedule tick not run', { playbookId, error: toPlyError(error).message }));
        });
        heartbeat();
        await untilAborted(signal);
        job.stop();
      };
    }
    return async (signal, heartbeat) => {
      const { ply, store } = this.options;
      const { module } = ply.catalog.find('trigger', `${trigger.module}.${trigger.trigger}`, trigger.version);
      const dataDir = join(ply.settings.home, 'triggers', playbookId);
      const configuration = trigger.account ? (await store.accounts.configurationForRun(module.manifest.slug, trigger.account)).configuration : {};
      await ply.runTrigger({
        item: `${trigger.module}.${trigger.trigger}`,
        ...(trigger.version ? { version: trigger.version } : {}),
        configuration,
        arguments: trigger.arguments ?? {},
        instance: playbookId,
        logBindings: { playbookId },
        dataDir,
        signal,
        heartbeat,
        checkpoint: store.checkpoints.for('trigger', playbookId),
        // The event's folder (inside the trigger's data folder, checked) becomes the run's data folder.
        emit: (event, options) => this.startRun(playbookId, event, options?.directory ? new DirectoryFileStore(dataDir).resolve(options.directory) : undefined),
      });
    };
  }
}
