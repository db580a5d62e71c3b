import { join } from 'node:path';
import { PlyError, type CheckpointStore, type Ply } from '@ply/core';
import type { PlyStore } from '../store/ply-store.js';
import { IntakeSink, type IntakeSinkOptions, type IntakeTransport } from './intake-sink.js';
import type { InstanceBody } from './supervised-instance.js';

/** One configured connector: which one, with which account and arguments, pushing where. */
export interface ConnectorInstanceOptions {
  ply: Ply;
  store: PlyStore;
  /** Instance id: the supervisor runs one instance per id, and the checkpoint is keyed by it. */
  id: string;
  module: string;
  connector: string;
  version?: string;
  account?: string;
  arguments?: Record<string, unknown>;
  transport: IntakeTransport;
  sink?: Omit<IntakeSinkOptions, 'transport'>;
  /** Other values to hide from logs and errors (the intake key). */
  secretValues?: readonly string[];
}

/**
 * A checkpoint store whose `set` first waits until every event pushed so far is acknowledged:
 * a connector that checkpoints without awaiting its push still never moves past unsent events.
 */
function afterAcknowledged(checkpoint: CheckpointStore, sink: IntakeSink): CheckpointStore {
  return {
    get: () => checkpoint.get(),
    set: async (value) => {
      await sink.drain();
      await checkpoint.set(value);
    },
  };
}

/** The supervised body of a connector instance (give it to `Supervisor.ensure`). */
export function connectorInstanceBody(options: ConnectorInstanceOptions): InstanceBody {
  return async (signal, heartbeat) => {
    const { ply, store } = options;
    const { module } = ply.catalog.find('connector', `${options.module}.${options.connector}`, options.version);
    const configuration = options.account ? (await store.accounts.configurationForRun(module.manifest.slug, options.account)).configuration : {};
    const intakeKey = options.arguments?.['intake_key'];
    const sink = new IntakeSink({ ...options.sink, transport: options.transport });
    try {
      await ply.runConnector({
        item: `${options.module}.${options.connector}`,
        ...(options.version ? { version: options.version } : {}),
        configuration,
        arguments: options.arguments ?? {},
        instance: options.id,
        dataDir: join(ply.settings.home, 'connectors', options.id),
        signal,
        heartbeat,
        checkpoint: afterAcknowledged(store.checkpoints.for('connector', options.id), sink),
        secretValues: [...(typeof intakeKey === 'string' ? [intakeKey] : []), ...(options.secretValues ?? [])],
        push: (events) => sink.push(events),
      });
    } finally {
      sink.close(new PlyError('PLY_ACTION_CANCELLED', `connector ${options.id} stopped before these events were sent`));
    }
  };
}
