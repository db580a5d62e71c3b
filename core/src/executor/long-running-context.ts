import type { CheckpointStore } from '../contracts/checkpoint.js';
import type { ConnectorContext, EmitOptions, TriggerContext } from '../contracts/context.js';
import type { RetryPolicy } from '../contracts/http.js';
import { PlyError } from '../errors/ply-error.js';
import { DirectoryFileStore } from '../files/directory-file-store.js';
import { NodeHttpClient } from '../http/node-http-client.js';
import type { RateLimiter } from '../http/rate-limiter.js';
import type { PinoLogger } from '../logging/pino-logger.js';

/** What a trigger's or connector's context is made of; the supervisor and the test harnesses both build it here. */
export interface LongRunningContextOptions {
  runId: string;
  /** Module configuration (account), secrets included. */
  configuration: Record<string, unknown>;
  /** Already hiding the configuration's secrets. */
  logger: PinoLogger;
  signal: AbortSignal;
  /** The instance's data folder (`ctx.files`). */
  dataDir: string;
  module: { slug: string; version: string };
  checkpoint: CheckpointStore;
  heartbeat: () => void;
  retry?: Partial<RetryPolicy>;
  rateLimiter?: RateLimiter;
}

type BaseContext = Omit<TriggerContext, 'emit'>;

function baseContext(options: LongRunningContextOptions): BaseContext {
  return {
    runId: options.runId,
    config: options.configuration,
    log: options.logger,
    http: new NodeHttpClient({
      logger: options.logger,
      signal: options.signal,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
    }),
    signal: options.signal,
    files: new DirectoryFileStore(options.dataDir),
    module: options.module,
    checkpoint: options.checkpoint,
    heartbeat: options.heartbeat,
  };
}

/** A {@link TriggerContext} whose `emit` hands events to `emit`. */
export function buildTriggerContext(options: LongRunningContextOptions, emit: (event: unknown, emitOptions: EmitOptions | undefined) => Promise<void>): TriggerContext {
  return { ...baseContext(options), emit };
}

/** A {@link ConnectorContext} whose `push` resolves with event ids once the intake acknowledged them. */
export function buildConnectorContext(options: LongRunningContextOptions, push: (events: unknown[]) => Promise<string[]>): ConnectorContext {
  return { ...baseContext(options), push };
}

/** Parses a trigger's or connector's own configuration with its zod schema (defaults applied). */
export function parseItemArguments(item: { slug: string; arguments: { safeParse(value: unknown): { success: boolean; data?: unknown; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } } }, args: unknown): unknown {
  const parsed = item.arguments.safeParse(args ?? {});
  if (parsed.success) return parsed.data;
  const issues = (parsed.error?.issues ?? []).map((issue) => ({ pointer: issue.path.map((key) => `/${String(key)}`).join('') || '/', message: issue.message }));
  throw new PlyError('PLY_ARGUMENTS_INVALID', `configuration of ${item.slug} is invalid: ${issues.map((i) => `${i.pointer} ${i.message}`).join('; ')}`, { details: { issues } });
}
