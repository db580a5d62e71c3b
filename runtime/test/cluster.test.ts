import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Redis } from 'ioredis';
import { BullMqRunQueue, runOfJob } from '../src/cluster/bullmq-run-queue.js';
import { ChangeBus } from '../src/cluster/change-bus.js';
import { clusterSettings } from '../src/cluster/cluster-settings.js';
import { RedisCoordination } from '../src/cluster/redis-coordination.js';
import { RunWorker } from '../src/cluster/run-worker.js';
import { RecordSealer } from '../src/store/record-sealer.js';
import { StoreChanges } from '../src/store/store-changes.js';
import { leasedBody, type LeaseState } from '../src/supervisor/leased-body.js';
import { BACKENDS, testRedis, testRedisUrl } from './test-servers.js';
import { enabled, flakyCalls, setupEngine } from './playbook-fixture.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function redis(): Promise<Redis> {
  const connection = await testRedis();
  cleanups.push(() => connection.quit());
  return connection;
}

/** A prefix of its own per test: tests never share a key. */
const prefix = () => `ply-test-${randomBytes(4).toString('hex')}`;

describe('clusterSettings', () => {
  it('defaults to one process doing all, and reads the settings from the environment', () => {
    expect(clusterSettings(undefined, {})).toEqual({ role: 'all', concurrency: 32, attempts: 3, jobLockMs: 30_000, maxStalls: 2, leaseMs: 10_000, queueName: 'ply-runs' });
    expect(clusterSettings('worker', { PLY_DATABASE_URL: 'postgres://h/db', PLY_REDIS_URL: 'redis://h', PLY_WORKER_CONCURRENCY: '4', PLY_QUEUE: 'q' })).toMatchObject({ role: 'worker', concurrency: 4, queueName: 'q', databaseUrl: 'postgres://h/db', redisUrl: 'redis://h' });
  });

  it('refuses an unknown role, a split role without its servers, and a bad number, saying what is wrong', () => {
    expect(() => clusterSettings('boss', {})).toThrow('--role must be one of api, worker, all (got "boss")');
    expect(() => clusterSettings('api', { PLY_REDIS_URL: 'redis://h' })).toThrow('--role api splits the work between processes: it needs PLY_REDIS_URL (the queue) and PLY_DATABASE_URL (the shared store)');
    expect(() => clusterSettings(undefined, { PLY_LEASE_MS: '0' })).toThrow('PLY_LEASE_MS must be a positive integer (got "0")');
  });
});

describe('RedisCoordination', () => {
  it('gives a lease to one process at a time; only the holder renews or releases it', async () => {
    const connection = await redis();
    const keys = prefix();
    const [a, b] = [new RedisCoordination(connection, keys), new RedisCoordination(connection, keys)];
    expect(await a.acquire('trigger:p1', 10_000)).toBe(true);
    expect(await b.acquire('trigger:p1', 10_000)).toBe(false);
    expect(await a.holder('trigger:p1')).toBe(a.processId);
    expect(await b.renew('trigger:p1', 10_000)).toBe(false);
    await b.release('trigger:p1');
    expect(await a.renew('trigger:p1', 10_000)).toBe(true);
    await a.release('trigger:p1');
    expect(await b.acquire('trigger:p1', 10_000)).toBe(true);
  });

  it('lets another process take a lease its holder stopped renewing, once the TTL ran out', async () => {
    const connection = await redis();
    const keys = prefix();
    const [dead, alive] = [new RedisCoordination(connection, keys), new RedisCoordination(connection, keys)];
    expect(await dead.acquire('connector:c1', 150)).toBe(true);
    await vi.waitFor(async () => expect(await alive.acquire('connector:c1', 10_000)).toBe(true), { timeout: 3000, interval: 20 });
    expect(await dead.renew('connector:c1', 150)).toBe(false);
  });

  it('claims a schedule tick once in the cluster', async () => {
    const connection = await redis();
    const keys = prefix();
    const claims = await Promise.all([1, 2, 3].map(() => new RedisCoordination(connection, keys).claimOnce('tick:p1:1700000000000', 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});

describe('leasedBody', () => {
  it('runs the body on the process holding the lease; the other stands by and takes over when it stops', async () => {
    const connection = await redis();
    const keys = prefix();
    const running: string[] = [];
    const states: Record<string, LeaseState | undefined> = {};
    const body = (name: string) => async (signal: AbortSignal) => {
      running.push(name);
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      running.splice(running.indexOf(name), 1);
    };
    const controllers = { a: new AbortController(), b: new AbortController() };
    const run = (name: 'a' | 'b') =>
      leasedBody(body(name), { coordination: new RedisCoordination(connection, keys), name: 'trigger:p1', ttlMs: 300, onState: (state) => (states[name] = state) })(controllers[name].signal, () => {});
    const a = run('a');
    await vi.waitFor(() => expect(running).toEqual(['a']));
    const b = run('b');
    await vi.waitFor(() => expect(states.b?.state).toBe('standby'));
    expect(running).toEqual(['a']);
    controllers.a.abort();
    await a;
    await vi.waitFor(() => expect(running).toEqual(['b']), { timeout: 3000 });
    expect(states.b?.state).toBe('held');
    controllers.b.abort();
    await b;
  });
});

describe('ChangeBus', () => {
  it('tells the other processes of the cluster which rows changed, and not the one that wrote them', async () => {
    const channel = `${prefix()}:changes`;
    const [here, there] = [new StoreChanges(), new StoreChanges()];
    const buses = await Promise.all(
      [here, there].map(async (changes, index) => ChangeBus.connect(await redis(), await redis(), channel, `process-${index}`, changes)),
    );
    cleanups.push(() => buses.forEach((bus) => bus.close()));
    const before = { here: here.generation('accounts'), there: there.generation('accounts') };
    here.changed('accounts');
    await vi.waitFor(() => expect(there.generation('accounts')).toBe(before.there + 1));
    expect(here.generation('accounts')).toBe(before.here + 1);
    expect(there.generation('playbooks')).toBe(here.generation('playbooks'));
  });
});

describe.each(BACKENDS)('PlaybookEngine.runQueued on %s', (backend) => {
  const document = {
    name: 'Two calls',
    trigger: { type: 'manual', next: ['first'] },
    nodes: {
      first: { type: 'action', module: 'tools', action: 'flaky', arguments: { key: '{{ trigger.key }}-first', fail_times: 0 }, next: ['second'] },
      second: { type: 'action', module: 'tools', action: 'echo', arguments: { text: 'after {{ node.first.calls }}' } },
    },
  };

  it('resumes a run a dead worker left running after its recorded nodes: an action recorded as succeeded is not run again', async () => {
    const { engine, store } = await setupEngine({ backend });
    const id = await enabled(engine, document);
    const key = randomBytes(4).toString('hex');
    const executionId = await store.executions.createDurably({ playbookId: id, playbookVersion: 1, triggerEvent: { key }, status: 'queued' });
    // The dead worker's progress: it claimed the run and recorded "first" before it died.
    expect(await store.executions.markRunning(executionId)).toBe(true);
    await store.executions.appendNodes(executionId, 1, [{ nodeId: 'first', kind: 'action', attempt: 1, status: 'succeeded', arguments: {}, results: { calls: 7 }, startedAt: 1, finishedAt: 2 }]);

    const summary = await engine.runQueued({ executionId, playbookId: id, event: { key } });
    expect(summary).toMatchObject({ status: 'succeeded' });
    expect(flakyCalls.get(`${key}-first`)).toBeUndefined();
    const record = await store.executions.get(executionId);
    expect(record.nodes!.map((node) => [node.seq, node.nodeId, node.attempt])).toEqual([
      [1, 'first', 1],
      [2, 'second', 1],
    ]);
    expect(record.nodes![1]!.results).toMatchObject({ text: 'after 7' });
  });

  it('runs a queued execution once: a second delivery of its job leaves it as it is', async () => {
    const { engine, store } = await setupEngine({ backend });
    const id = await enabled(engine, document);
    const key = randomBytes(4).toString('hex');
    const executionId = await store.executions.createDurably({ playbookId: id, playbookVersion: 1, triggerEvent: { key }, status: 'queued' });
    expect(await engine.runQueued({ executionId, playbookId: id, event: { key } })).toMatchObject({ status: 'succeeded' });
    expect(await engine.runQueued({ executionId, playbookId: id, event: { key } })).toBeUndefined();
    expect(flakyCalls.get(`${key}-first`)).toBe(1);
    expect((await store.executions.get(executionId)).nodes).toHaveLength(2);
  });
});

describe('BullMqRunQueue', () => {
  it('queues a run once per execution, and ends interrupted a queued execution whose job never reached the queue', async () => {
    const { engine, store } = await setupEngine({ backend: 'postgres' });
    const id = await enabled(engine, { name: 'P', trigger: { type: 'manual', next: ['a'] }, nodes: { a: { type: 'store', set: { x: 1 } } } });
    const queue = new BullMqRunQueue(await redis(), prefix(), 3, store.sealer);
    cleanups.push(() => queue.close());
    const queued = await store.executions.createDurably({ playbookId: id, playbookVersion: 1, triggerEvent: {}, status: 'queued' });
    const orphan = await store.executions.createDurably({ playbookId: id, playbookVersion: 1, triggerEvent: {}, status: 'queued' });
    await queue.enqueue({ executionId: queued, playbookId: id, event: {} });
    await queue.enqueue({ executionId: queued, playbookId: id, event: {} });
    expect((await queue.counts()).waiting).toBe(1);
    // Everything queued before now counts as old enough here.
    expect(await queue.sweep(store.executions, -1)).toBe(1);
    expect(await store.executions.get(orphan)).toMatchObject({ status: 'interrupted', error: { code: 'PLY_QUEUE_ERROR' } });
    expect((await store.executions.get(queued)).status).toBe('queued');
  });

  /** Every value Redis holds under the queue's keys, as text. */
  async function redisContents(connection: Redis, queueName: string): Promise<string> {
    const texts: string[] = [];
    for (const key of await connection.keys(`bull:${queueName}:*`)) {
      const type = await connection.type(key);
      if (type === 'hash') texts.push(JSON.stringify(await connection.hgetall(key)));
      else if (type === 'string') texts.push((await connection.get(key)) ?? '');
      else if (type === 'list') texts.push(...(await connection.lrange(key, 0, -1)));
      else if (type === 'zset') texts.push(...(await connection.zrange(key, 0, -1)));
      else if (type === 'set') texts.push(...(await connection.smembers(key)));
    }
    return texts.join('\n');
  }

  it('keeps the trigger event sealed in Redis: no byte of it in clear, and only the store\'s key opens the job', async () => {
    const { engine, store } = await setupEngine({ backend: 'postgres' });
    const id = await enabled(engine, { name: 'P', trigger: { type: 'manual', next: ['a'] }, nodes: { a: { type: 'store', set: { x: '{{ trigger.note }}' } } } });
    const connection = await redis();
    const name = prefix();
    const queue = new BullMqRunQueue(connection, name, 3, store.sealer);
    cleanups.push(() => queue.close());
    const canary = `canary-${randomBytes(8).toString('hex')}`;
    const executionId = await store.executions.createDurably({ playbookId: id, playbookVersion: 1, triggerEvent: { note: canary }, status: 'queued' });
    await queue.enqueue({ executionId, playbookId: id, event: { note: canary } });

    const contents = await redisContents(connection, name);
    expect(contents).toContain(executionId);
    expect(contents).not.toContain(canary);
    expect(contents).not.toContain(Buffer.from(canary).toString('base64').slice(0, 12));
    const job = (await queue.queue.getJob(executionId))!;
    expect(runOfJob(job.data, store.sealer)).toEqual({ executionId, playbookId: id, event: { note: canary } });
    expect(() => runOfJob(job.data, new RecordSealer(() => Buffer.alloc(32, 9)))).toThrow(expect.objectContaining({ code: 'PLY_SECRET_KEY_INVALID' }));
    // The same job under another execution's id does not open either: the seal is bound to its run.
    expect(() => runOfJob({ ...job.data, executionId: 'another' }, store.sealer)).toThrow(expect.objectContaining({ code: 'PLY_SECRET_KEY_INVALID' }));
  });

  it('runs a sealed job on a worker with the event as it was sent', async () => {
    const { engine, store, ply } = await setupEngine({ backend: 'postgres' });
    const id = await enabled(engine, { name: 'P', trigger: { type: 'manual', next: ['a'] }, nodes: { a: { type: 'store', set: { x: '{{ trigger.note }}' } } } });
    // BullMQ's workers block on Redis: their connection waits for ever (maxRetriesPerRequest: null).
    const connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    cleanups.push(() => connection.quit());
    const name = prefix();
    const queue = new BullMqRunQueue(connection, name, 3, store.sealer);
    cleanups.push(() => queue.close());
    const worker = new RunWorker(connection, engine, store.executions, store.sealer, { queueName: name, concurrency: 1, jobLockMs: 30_000, maxStalls: 1, attempts: 1 }, ply.logger);
    cleanups.push(() => worker.close(1000));
    const executionId = await store.executions.createDurably({ playbookId: id, playbookVersion: 1, triggerEvent: { note: 'hello' }, status: 'queued' });
    await queue.enqueue({ executionId, playbookId: id, event: { note: 'hello' } });
    await vi.waitFor(async () => expect((await store.executions.get(executionId)).status).toBe('succeeded'), { timeout: 10_000, interval: 50 });
    expect((await store.executions.get(executionId)).nodes![0]!.results).toEqual({ set: { x: 'hello' } });
  });
});
