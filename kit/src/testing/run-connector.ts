import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import type { AnyConnector } from '@ply/core';
import { PlyError } from '@ply/core';
import { buildConnectorContext } from '@ply/core';
import { toJsonPointer } from '@ply/core';
import { captureLogs } from './log-capture.js';
import { ItemUnderTest } from './item-under-test.js';
import { memoryCheckpoint } from './memory-checkpoint.js';
import type { LongRunningTestOptions } from './long-running-test-options.js';

export interface TestConnectorOptions extends LongRunningTestOptions {
  connector: AnyConnector;
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

function checkedEvents(connector: AnyConnector, events: unknown[]): void {
  for (const [index, event] of events.entries()) {
    const schema: z.ZodType = connector.results;
    const parsed = schema.safeParse(event);
    if (parsed.success) continue;
    const issues = parsed.error.issues.map((issue) => ({ pointer: toJsonPointer([index, ...issue.path]), message: issue.message }));
    throw new PlyError('PLY_RESULTS_INVALID', `event ${index} pushed by ${connector.slug} does not match its event schema: ${issues[0]!.pointer} ${issues[0]!.message}`, { details: { issues } });
  }
}

/**
 * Runs a connector's `start` in-process with a {@link ConnectorContext} made of real core pieces
 * (NodeHttpClient, DirectoryFileStore, a redacting logger over captured lines) and an in-memory
 * intake that acknowledges every valid batch; the companion of `runTestTrigger`.
 */
export function runTestConnector(options: TestConnectorOptions): TestConnectorRun {
  const logs = captureLogs();
  const logger = logs.logger.withSecrets(options.secrets ?? []).child({ connector: options.connector.slug });
  const batches: unknown[][] = [];
  const item = new ItemUnderTest<unknown>('connector', () => batches.flat());
  const { controller } = item;
  let acknowledged = 0;

  const checkpoint = memoryCheckpoint(options.checkpoint);
  const context = buildConnectorContext(
    {
      runId: `connector-test-${Date.now()}`,
      configuration: options.configuration,
      logger,
      signal: controller.signal,
      dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), 'ply-connector-')),
      module: { slug: 'test', version: '0.0.0' },
      checkpoint,
      heartbeat: () => undefined,
      ...(options.retry ? { retry: options.retry } : {}),
    },
    (events) => {
      if (options.checkEvents !== false) checkedEvents(options.connector, events);
      batches.push(structuredClone(events));
      const ids = events.map(() => `event-${++acknowledged}`);
      item.wake();
      return Promise.resolve(ids);
    },
  );

  const args = options.connector.arguments.parse(options.arguments ?? {}) as unknown;
  item.start(() => options.connector.start(context, args));
  const events = () => batches.flat();

  return {
    batches,
    events,
    logs,
    checkpoint: () => checkpoint.value(),
    waitForEvents: (count, timeoutMs = 5_000) => item.waitFor(count, timeoutMs),
    stop: () => item.stop(),
  };
}
