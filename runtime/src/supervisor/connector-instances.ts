import { PlyError } from '@ply/core';
import { NodeHttpClient } from '@ply/core';
import type { PlyStore } from '../store/ply-store.js';
import { connectorInstanceBody } from './connector-instance.js';
import { HttpIntakeTransport } from './http-intake-transport.js';
import type { IntakeSinkOptions } from './intake-sink.js';
import type { InstanceBody, InstanceStatus } from './supervised-instance.js';
import type { LeaseState } from './leased-body.js';
import { StoreSyncLoop, type StoreSyncLoopOptions } from './store-sync-loop.js';

/** Options of {@link ConnectorInstances}. */
export interface ConnectorInstancesOptions extends StoreSyncLoopOptions {
  store: PlyStore;
  /** Batching and retries of the intake sink (defaults: see {@link IntakeSinkOptions}). */
  sink?: Omit<IntakeSinkOptions, 'transport'>;
}

/** What the API shows of a connector instance at run time. */
export interface ConnectorStatus {
  /** `crashed`: it failed and waits for its restart (see `nextRestartAt`, `lastError`). */
  state: 'running' | 'stopped' | 'crashed';
  restarts: number;
  startedAt: string | null;
  lastHeartbeatAt: string | null;
  healthy: boolean;
  /** Secret values (account, secret arguments, intake key) are replaced by `[REDACTED]`. */
  lastError: { code: string; message: string } | null;
  nextRestartAt: string | null;
  /** Events the intake acknowledged since this process started running the instance. */
  eventsPushed: number;
  /** The stored checkpoint (what the connector resumes from), or null. */
  checkpoint: unknown;
  /** In a cluster: whether this process holds the instance's lease (and runs it) or stands by. */
  lease?: LeaseState;
}

const STATE = { running: 'running', backoff: 'crashed', stopped: 'stopped' } as const;

/**
 * Runs the enabled connector instances of the store, one supervised instance each, their events
 * going through an {@link IntakeSink} to their HTTP intake. A sync loop starts instances that
 * were enabled or created, restarts those that were updated (their stamp changed) and stops
 * those disabled or deleted.
 */
export class ConnectorInstances extends StoreSyncLoop {
  private readonly stamps = new Map<string, number>();
  private readonly pushed = new Map<string, number>();
  private generation = -1;

  constructor(private readonly options: ConnectorInstancesOptions) {
    super(options, 'connector');
  }

  protected forgetRunning(): void {
    this.stamps.clear();
  }

  /** The run-time status of an instance (a stored one that does not run is `stopped`). */
  async status(id: string): Promise<ConnectorStatus> {
    const running: InstanceStatus | undefined = this.supervisor.status().find((status) => status.id === id);
    const lease = this.leaseOf(id);
    return {
      ...(lease ? { lease } : {}),
      state: running ? STATE[running.state] : 'stopped',
      restarts: running?.restarts ?? 0,
      startedAt: running?.startedAt ?? null,
      lastHeartbeatAt: running?.lastHeartbeatAt ?? null,
      healthy: running?.healthy ?? false,
      lastError: running?.lastError ?? null,
      nextRestartAt: running?.nextRestartAt ?? null,
      eventsPushed: this.pushed.get(id) ?? 0,
      checkpoint: (await this.options.store.checkpoints.read('connector', id)) ?? null,
    };
  }

  protected async syncNow(): Promise<void> {
    const { store } = this.options;
    if (store.connectors.generation === this.generation) return;
    this.generation = store.connectors.generation;
    const wanted = await store.connectors.enabledStamps();
    for (const [id, stamp] of this.stamps) {
      if (wanted.get(id) !== stamp) {
        this.stamps.delete(id);
        await this.stopInstance(id);
      }
    }
    for (const [id, stamp] of wanted) {
      if (this.stamps.has(id)) continue;
      this.stamps.set(id, stamp);
      this.ensure(id, 'connector', this.bodyOf(id));
    }
  }

  /** Reads the instance (secrets decrypted) at every start, so a restart sees the stored configuration. */
  private bodyOf(id: string): InstanceBody {
    return async (signal, heartbeat) => {
      const { ply, store } = this.options;
      const instance = await store.connectors.forRun(id);
      const intakeKey = instance.intake.key;
      if (!intakeKey) throw new PlyError('PLY_CONFIGURATION_INVALID', `connector instance ${id} has no intake key (set intake.key, or the connector's intake_key argument)`);
      const http = new NodeHttpClient({ logger: this.logger.withSecrets([intakeKey]), signal });
      const intake = new HttpIntakeTransport(http, { url: instance.intake.url, intakeKey });
      const transport = {
        send: async (events: unknown[]) => {
          const ids = await intake.send(events);
          this.pushed.set(id, (this.pushed.get(id) ?? 0) + events.length);
          return ids;
        },
      };
      await connectorInstanceBody({
        ply,
        store,
        id,
        module: instance.module,
        connector: instance.connector,
        ...(instance.account ? { account: instance.account } : {}),
        arguments: instance.arguments,
        transport,
        secretValues: [intakeKey],
        ...(this.options.sink ? { sink: this.options.sink } : {}),
      })(signal, heartbeat);
    };
  }
}
