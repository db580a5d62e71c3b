import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmitOptions } from '../contracts/context.js';
import type { AnyTrigger } from '../contracts/plugin.js';
import { toPlyError, type PlyError } from '../errors/ply-error.js';
import { DirectoryFileStore } from '../files/directory-file-store.js';
import { buildTriggerContext } from '../supervisor/long-running-context.js';
import { captureLogs } from './log-capture.js';
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
 * (FetchHttpClient, DirectoryFileStore, a redacting PinoLogger over captured lines, an in-memory
 * checkpoint) and collects what it emits. Unlike the supervisor it does not restart a `start`
 * that returns: the test sees the failure.
 */
export function runTestTrigger(options: TestTriggerOptions): TestTriggerRun {
  const logs = captureLogs();
  const logger = logs.logger.withSecrets(options.secrets ?? []).child({ trigger: options.trigger.slug });
  const controller = new AbortController();
  const files = new DirectoryFileStore(options.dataDir ?? mkdtempSync(join(tmpdir(), 'ply-trigger-')));
  const events: EmittedEvent[] = [];
  const waiters = new Set<() => void>();
  let heartbeats = 0;
  let failure: PlyError | undefined;
  let finished = false;

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
      for (const wake of waiters) wake();
      return Promise.resolve();
    },
  );

  const args = options.trigger.arguments.parse(options.arguments ?? {}) as unknown;
  const running = Promise.resolve()
    .then(() => options.trigger.start(context, args))
    .catch((error: unknown) => {
      if (!controller.signal.aborted) failure = toPlyError(error);
    })
    .finally(() => {
      finished = true;
      for (const wake of waiters) wake();
    });

  return {
    events,
    logs,
    files,
    checkpoint: () => checkpoint.value(),
    heartbeats: () => heartbeats,
    waitForEvents(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (events.length >= count) done(() => resolve(events.slice(0, count)));
          else if (failure) done(() => reject(failure));
          else if (finished) done(() => reject(new Error(`the trigger stopped after ${events.length} of ${count} events`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`${events.length} of ${count} events after ${timeoutMs} ms`))), timeoutMs);
        const done = (settle: () => void): void => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      controller.abort();
      await running;
      return failure;
    },
  };
}
