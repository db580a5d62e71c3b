import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { redactedUrl } from '../redacted-url.js';
import { PlyError, type PinoLogger } from '@ply/core';
import type { PlaybookEngine } from '../playbooks/playbook-engine.js';
import type { PlyStore } from '../store/ply-store.js';
import { BullMqRunQueue, type QueueCounts } from './bullmq-run-queue.js';
import { ChangeBus } from './change-bus.js';
import type { ClusterSettings } from './cluster-settings.js';
import { RedisCoordination } from './redis-coordination.js';
import { RunWorker } from './run-worker.js';

/**
 * What a process shares with the rest of its cluster through Redis (`PLY_REDIS_URL`): the run
 * queue (BullMQ), leases and tick claims, and the change bus that keeps per-process caches in
 * step with the store. Connections: one for commands, one for the change bus's subscription,
 * and BullMQ's own (it duplicates the first for its blocking reads).
 */
export class Cluster {
  readonly coordination: RedisCoordination;
  readonly queue: BullMqRunQueue;
  private worker: RunWorker | undefined;
  private sweeper: NodeJS.Timeout | undefined;

  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly bus: ChangeBus,
    readonly settings: ClusterSettings,
    private readonly logger: PinoLogger,
    store: PlyStore,
  ) {
    this.coordination = new RedisCoordination(redis, settings.queueName);
    this.queue = new BullMqRunQueue(redis, settings.queueName, settings.attempts, store.sealer);
  }

  /**
   * Connects to Redis and joins the store's change bus.
   *
   * @throws PlyError PLY_QUEUE_ERROR when Redis cannot be reached.
   */
  static async connect(settings: ClusterSettings & { redisUrl: string }, store: PlyStore, logger: PinoLogger): Promise<Cluster> {
    // BullMQ's workers need commands that wait for ever (maxRetriesPerRequest: null).
    const options = { maxRetriesPerRequest: null, lazyConnect: true };
    const redis = new Redis(settings.redisUrl, options);
    const subscriber = new Redis(settings.redisUrl, options);
    for (const connection of [redis, subscriber]) connection.on('error', () => {});
    try {
      await Promise.all([redis.connect(), subscriber.connect()]);
    } catch (error) {
      redis.disconnect();
      subscriber.disconnect();
      throw new PlyError('PLY_QUEUE_ERROR', `cannot connect to Redis at ${redactedUrl(settings.redisUrl, 'redis')}: ${(error as Error).message}`, { cause: error });
    }
    const bus = await ChangeBus.connect(redis, subscriber, `${settings.queueName}:changes`, randomUUID(), store.changes);
    return new Cluster(redis, subscriber, bus, settings, logger, store);
  }

  /** Starts taking runs from the queue (the worker and all roles). */
  startWorker(engine: PlaybookEngine, store: PlyStore): void {
    this.worker ??= new RunWorker(this.redis, engine, store.executions, store.sealer, this.settings, this.logger.child({ component: 'worker' }));
  }

  /** Starts ending executions that were committed but never queued (the api and all roles), every minute. */
  startSweeper(store: PlyStore): void {
    const sweep = () => {
      this.queue.sweep(store.executions).catch((error: unknown) => this.logger.warn('queue sweep failed', { error: (error as Error).message }));
    };
    this.sweeper ??= setInterval(sweep, 60_000);
    this.sweeper.unref();
  }

  /** Whether this process takes runs from the queue. */
  get working(): boolean {
    return this.worker !== undefined;
  }

  counts(): Promise<QueueCounts> {
    return this.queue.counts();
  }

  /** Drains the worker (see {@link RunWorker.close}). */
  async drain(graceMs: number): Promise<void> {
    clearInterval(this.sweeper);
    await this.worker?.close(graceMs);
  }

  async close(): Promise<void> {
    await this.drain(0);
    this.bus.close();
    await this.queue.close();
    this.subscriber.disconnect();
    await this.redis.quit().catch(() => {});
  }
}
