import { join } from 'node:path';
import type { CheckpointStore } from '@ply/core';
import { ROOT_LOGGER } from '@ply/core';
import { resolveToken } from '@ply/core';
import { PlyError, toPlyError } from '@ply/core';
import { secretKeysOf, secretValuesOf } from '@ply/core';
import { Redactor } from '@ply/core';
import type { Ply } from '@ply/core';
import type { PlyStore } from '../store/ply-store.js';
import { IntakeSink, type IntakeSinkOptions, type IntakeTransport } from './intake-sink.js';
import { buildConnectorContext, parseItemArguments } from '@ply/core';
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
    const { module, item } = ply.catalog.find('connector', `${options.module}.${options.connector}`, options.version);
    const implementation = await ply.code.implementation(module, 'connector', item.docker);
    const configuration = options.account ? store.accounts.configurationForRun(module.manifest.slug, options.account).configuration : {};
    const secretKeys = secretKeysOf(module.manifest.configuration);
    const argumentSecretKeys = [...secretKeysOf(item.arguments), 'intake_key'];
    const secretValues = [...secretValuesOf(configuration, secretKeys), ...secretValuesOf(options.arguments ?? {}, argumentSecretKeys), ...(options.secretValues ?? [])];
    const logger = resolveToken(ply.container, ROOT_LOGGER)
      .withSecrets(secretValues, [...secretKeys, ...argumentSecretKeys])
      .child({ connector: `${module.manifest.slug}.${item.slug}`, instance: options.id });
    const sink = new IntakeSink({ ...options.sink, transport: options.transport });
    const context = buildConnectorContext(
      {
        runId: `connector-${options.id}-${Date.now()}`,
        configuration,
        logger,
        signal,
        dataDir: join(ply.settings.home, 'connectors', options.id),
        module: { slug: module.manifest.slug, version: module.manifest.version },
        checkpoint: afterAcknowledged(store.checkpoints.for('connector', options.id), sink),
        heartbeat,
      },
      (events) => sink.push(events),
    );
    try {
      await implementation.start(context, parseItemArguments(implementation, options.arguments));
    } catch (error) {
      // What the supervisor keeps of a failure is shown by the API: it must not carry a secret.
      const failure = toPlyError(error);
      const redactor = new Redactor(new Set(secretValues));
      throw new PlyError(failure.code, redactor.redactString(failure.message), { details: redactor.redact(failure.details) });
    } finally {
      sink.close(new PlyError('PLY_ACTION_CANCELLED', `connector ${options.id} stopped before these events were sent`));
    }
  };
}
