import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmitOptions } from '@ply/core';
import type { AnyTrigger } from '@ply/core';
import type { PlyError } from '@ply/core';
import { DirectoryFileStore } from '@ply/core';
import { buildTriggerContext } from '@ply/core';
import { captureLogs } from './log-capture.js';
import { ItemUnderTest } from './item-under-test.js';
import { memoryCheckpoint } from './memory-checkpoint.js';
import type { LongRunningTestOptions } from './long-running-test-options.js';

/** One event a trigger emitted, with its options. */
export interface EmittedEvent {
  event: unknown;
  options: EmitOptions | undefined;
}

export interface TestTriggerOptions extends LongRunningTestOptions {
  trigger: AnyTrigger;
}

/** A running trigger under test. */
export interface TestTriggerRun {
  events: EmittedEvent[];
  logs: ReturnType<typeof captureLogs>;
  files: DirectoryFileStore;
  /** The checkpoint as the trigger last set it. */
  checkpoint(): unknown;
  heartbeats(): number;
  /** Resolves once `count` events were emitted; rejects after `timeoutMs` or if the trigger fails. */
  waitForEvents(count: number, timeoutMs?: number): Promise<EmittedEvent[]>;
  /** Aborts the signal and waits for `start` to return; resolves with its error, if any. */
  stop(): Promise<PlyError | undefined>;
}

/**
 * Runs a trigger's `start` in-process with a {@link TriggerContext} built from real core pieces
 * (NodeHttpClient, DirectoryFileStore, a redacting PinoLogger over captured lines, an in-memory
 * checkpoint) and collects what it emits. Unlike the supervisor it does not restart a `start`
 * that returns: the test sees the failure.
 */
export function runTestTrigger(options: TestTriggerOptions): TestTriggerRun {
  const logs = captureLogs();
  const logger = logs.logger.withSecrets(options.secrets ?? []).child({ trigger: options.trigger.slug });
  const files = new DirectoryFileStore(options.dataDir ?? mkdtempSync(join(tmpdir(), 'ply-trigger-')));
  const events: EmittedEvent[] = [];
  const item = new ItemUnderTest<EmittedEvent>('trigger', () => events);
  const { controller } = item;
  let heartbeats = 0;

  const checkpoint = memoryCheckpoint(options.checkpoint);
  const context = buildTriggerContext(
    {
      runId: `trigger-test-${Date.now()}`,
      configuration: options.configuration,
      logger,
      signal: controller.signal,
      dataDir: files.root,
      module: { slug: 'test', version: '0.0.0' },
      checkpoint,
      heartbeat: () => {
        heartbeats += 1;
      },
      ...(options.retry ? { retry: options.retry } : {}),
    },
    (event, emitOptions) => {
      events.push({ event: structuredClone(event), options: emitOptions });
      item.wake();
      return Promise.resolve();
    },
  );

  const args = options.trigger.arguments.parse(options.arguments ?? {}) as unknown;
  item.start(() => options.trigger.start(context, args));

  return {
    events,
    logs,
    files,
    checkpoint: () => checkpoint.value(),
    heartbeats: () => heartbeats,
    waitForEvents: (count, timeoutMs = 5_000) => item.waitFor(count, timeoutMs),
    stop: () => item.stop(),
  };
}
