import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryFileStore, type EmitOptions, type PlyError } from '@ply/core';
import type { captureLogs } from './log-capture.js';
import { ItemUnderTest } from './item-under-test.js';
import { memoryCheckpoint } from './memory-checkpoint.js';
import type { LongRunningTestOptions } from './long-running-test-options.js';
import { createTestPly } from './test-ply.js';

/** One event a trigger emitted, with its options. */
export interface EmittedEvent {
  event: unknown;
  options: EmitOptions | undefined;
}

export interface TestTriggerOptions extends LongRunningTestOptions {
  /** The trigger's slug or docker_parameters (the module is the plugin's). */
  trigger: string;
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
 * Runs a plugin's trigger in-process through the kernel, as the supervisor does (configuration
 * and arguments validated with defaults, secrets kept out of logs and errors), with an in-memory
 * checkpoint, and collects what it emits. Unlike the supervisor it does not restart a `start`
 * that returns: the test sees the failure.
 */
export function runTestTrigger(options: TestTriggerOptions): TestTriggerRun {
  const { ply, logs } = createTestPly({ plugins: [{ plugin: options.plugin, ...(options.moduleDir ? { moduleDir: options.moduleDir } : {}) }], ...(options.settings ? { settings: options.settings } : {}) });
  const files = new DirectoryFileStore(options.dataDir ?? mkdtempSync(join(tmpdir(), 'ply-trigger-')));
  const events: EmittedEvent[] = [];
  const item = new ItemUnderTest<EmittedEvent>('trigger', () => events);
  let heartbeats = 0;
  const checkpoint = memoryCheckpoint(options.checkpoint);
  item.start(() =>
    ply.runTrigger({
      item: `${options.plugin.module.slug}.${options.trigger}`,
      configuration: options.configuration,
      arguments: options.arguments ?? {},
      instance: 'test',
      dataDir: files.root,
      signal: item.controller.signal,
      checkpoint,
      heartbeat: () => {
        heartbeats += 1;
      },
      secretValues: options.secrets ?? [],
      emit: (event, emitOptions) => {
        events.push({ event: structuredClone(event), options: emitOptions });
        item.wake();
        return Promise.resolve();
      },
    }),
  );
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
