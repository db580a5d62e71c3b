import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlyError, toJsonPointer } from '@ply/core';
import type { captureLogs } from './log-capture.js';
import { ItemUnderTest } from './item-under-test.js';
import { memoryCheckpoint } from './memory-checkpoint.js';
import type { LongRunningTestOptions } from './long-running-test-options.js';
import { createTestPly } from './test-ply.js';

export interface TestConnectorOptions extends LongRunningTestOptions {
  /** The connector's slug or docker_parameters (the module is the plugin's). */
  connector: string;
  /**
   * Check every pushed event against the connector's results (event) schema; on by default,
   * as results are for actions. A bad event rejects the push with PLY_RESULTS_INVALID.
   */
  checkEvents?: boolean;
}

/** A running connector under test: what it pushed, its checkpoint and logs. */
export interface TestConnectorRun {
  /** Acknowledged batches, in order. */
  batches: unknown[][];
  /** Every acknowledged event, flattened. */
  events(): unknown[];
  logs: ReturnType<typeof captureLogs>;
  checkpoint(): unknown;
  /** Resolves once `count` events were acknowledged; rejects on failure, stop or after `timeoutMs`. */
  waitForEvents(count: number, timeoutMs?: number): Promise<unknown[]>;
  /** Aborts the signal and waits for `start` to return; resolves with its error, if any. */
  stop(): Promise<PlyError | undefined>;
}

/**
 * Runs a plugin's connector in-process through the kernel, as the supervisor does, with an
 * in-memory intake that acknowledges every valid batch; the companion of `runTestTrigger`.
 */
export function runTestConnector(options: TestConnectorOptions): TestConnectorRun {
  const { ply, logs } = createTestPly({ plugins: [{ plugin: options.plugin, ...(options.moduleDir ? { moduleDir: options.moduleDir } : {}) }], ...(options.settings ? { settings: options.settings } : {}) });
  const reference = `${options.plugin.module.slug}.${options.connector}`;
  const { item: described } = ply.catalog.find('connector', reference);
  const eventSchema = ply.schemas.validator(described.results, { file: described.file, pointer: '/results' });
  const batches: unknown[][] = [];
  const item = new ItemUnderTest<unknown>('connector', () => batches.flat());
  let acknowledged = 0;
  const checkpoint = memoryCheckpoint(options.checkpoint);
  const checkEvents = (events: unknown[]): void => {
    for (const [index, event] of events.entries()) {
      const issues = eventSchema(structuredClone(event));
      if (issues.length === 0) continue;
      const pointer = toJsonPointer([index]) + (issues[0]!.pointer === '/' ? '' : issues[0]!.pointer);
      throw new PlyError('PLY_RESULTS_INVALID', `event ${index} pushed by ${described.slug} does not match its event schema: ${pointer} ${issues[0]!.message}`, { details: { issues } });
    }
  };
  item.start(() =>
    ply.runConnector({
      item: reference,
      configuration: options.configuration,
      arguments: options.arguments ?? {},
      instance: 'test',
      dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), 'ply-connector-')),
      signal: item.controller.signal,
      checkpoint,
      heartbeat: () => undefined,
      secretValues: options.secrets ?? [],
      push: (events) => {
        if (options.checkEvents !== false) checkEvents(events);
        batches.push(structuredClone(events));
        const ids = events.map(() => `event-${++acknowledged}`);
        item.wake();
        return Promise.resolve(ids);
      },
    }),
  );
  return {
    batches,
    events: () => batches.flat(),
    logs,
    checkpoint: () => checkpoint.value(),
    waitForEvents: (count, timeoutMs = 5_000) => item.waitFor(count, timeoutMs),
    stop: () => item.stop(),
  };
}
