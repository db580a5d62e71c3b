import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckpointStore } from '../contracts/checkpoint.js';
import type { EmitOptions } from '../contracts/context.js';
import type { RetryPolicy } from '../contracts/http.js';
import type { AnyTrigger } from '../contracts/plugin.js';
import { toPlyError, type PlyError } from '../errors/ply-error.js';
import { DirectoryFileStore } from '../files/directory-file-store.js';
import { buildTriggerContext } from '../supervisor/long-running-context.js';
import { captureLogs } from './log-capture.js';

/** One event a trigger emitted, with its options. */
export interface EmittedEvent {
  event: unknown;
  options: EmitOptions | undefined;
}

export interface TestTriggerOptions {
  trigger: AnyTrigger;
  /** Module configuration, as the runtime would hand it (secrets included). */
  configuration: Record<string, unknown>;
  /** The trigger's own configuration; parsed with its zod schema (defaults applied). */
  arguments?: Record<string, unknown>;
  /** Values kept out of the captured logs (e.g. the API key). */
  secrets?: string[];
  /** Retry policy of the HTTP client (keep delays small in tests). */
  retry?: Partial<RetryPolicy>;
  /** The run's data folder (default: a fresh temporary folder). */
  dataDir?: string;
  /** The checkpoint a previous run left. */
  checkpoint?: unknown;
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
  let saved = options.checkpoint;
  let heartbeats = 0;
  let failure: PlyError | undefined;
  let finished = false;

  const checkpoint: CheckpointStore = {
    get: () => Promise.resolve(saved),
    set: (value) => {
      saved = structuredClone(value);
      return Promise.resolve();
    },
  };
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
    checkpoint: () => saved,
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
