import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeServer } from '@ply/kit/testing';
import { Hono } from 'hono';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordSealer } from '../../runtime/src/store/record-sealer.js';
import { freshDatabaseUrl, testRedisUrl } from '../../runtime/test/test-servers.js';
import { apiClient, bounded, httpJson, startServe, type ServeProcess } from './serve-process.js';

// A cluster of built `ply` processes on the test PostgreSQL and Redis servers (see
// scripts/test-services.sh): one API process and two workers sharing a store, a queue and a
// secret key. What it proves: at-least-once delivery with every accepted run recorded exactly
// once, and one trigger instance in the cluster that moves to another process when its holder dies.

const agent = new Agent({ keepAlive: true, maxSockets: 100 });
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A Mattermost incoming webhook as documented (https://developers.mattermost.com/integrate/webhooks/incoming/):
 * `POST /hooks/<key>` with a JSON body whose `text` is required; answers `200 ok`, or 400 when
 * `text` is missing. It waits a little before answering, so runs are in flight when a worker dies.
 */
async function mattermost(delayMs: number) {
  const texts: string[] = [];
  const app = new Hono();
  app.post('/hooks/:key', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { text?: unknown } | null;
    if (typeof body?.text !== 'string' || body.text === '') return c.json({ id: 'api.webhook.incoming.text.missing', message: 'Unable to parse incoming data', status_code: 400 }, 400);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    texts.push(body.text);
    return c.text('ok');
  });
  const server = await startFakeServer(app.fetch);
  cleanups.push(() => server.close());
  return { url: server.url, texts };
}

/**
 * An installed module with one trigger, `counter.count`: every 20 ms it emits `{ n, pid }`,
 * n counting on from its checkpoint, and checkpoints n once the run is recorded. Plain ESM:
 * `definePlugin` and `defineTrigger` only freeze objects, so the code needs no import.
 */
function installCounterModule(home: string): void {
  const dir = join(home, 'modules', 'counter', '1.0.0');
  mkdirSync(join(dir, 'module'), { recursive: true });
  writeFileSync(join(home, 'modules', 'counter', 'active'), '1.0.0');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@e2e/plugin-counter', version: '1.0.0', type: 'module', exports: { '.': './index.js' }, ply: { module: 'module' } }));
  const manifest = { uuid: 'c0a1e2e0-0000-4000-8000-000000000001', slug: 'counter', name: 'Counter', description: 'Counts', version: '1.0.0', categories: ['Generic'], configuration: { type: 'object', properties: {} }, engines: { ply: '*' } };
  writeFileSync(join(dir, 'module', 'manifest.json'), JSON.stringify(manifest));
  const trigger = { uuid: 'c0a1e2e0-0000-4000-8000-000000000002', slug: 'count', name: 'Count', description: 'Emits a counter', docker_parameters: 'count', arguments: { type: 'object', properties: {} }, results: { type: 'object' } };
  writeFileSync(join(dir, 'module', 'trigger_count.json'), JSON.stringify(trigger));
  writeFileSync(
    join(dir, 'index.js'),
    `const count = { kind: 'trigger', uuid: '${trigger.uuid}', slug: 'count', name: 'Count', description: 'Emits a counter', async start(ctx) {
  let n = (await ctx.checkpoint.get()) ?? 0;
  while (!ctx.signal.aborted) {
    n += 1;
    await ctx.emit({ n, pid: process.pid });
    await ctx.checkpoint.set(n);
    ctx.heartbeat?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
} };
export default { kind: 'plugin', module: ${JSON.stringify({ uuid: manifest.uuid, slug: 'counter', name: 'Counter', description: 'Counts', categories: ['Generic'] })}, actions: {}, triggers: { count }, connectors: {} };
`,
  );
}

interface Cluster {
  api: ServeProcess;
  workers: ServeProcess[];
  databaseUrl: string;
  admin: ReturnType<typeof apiClient>;
  db: pg.Pool;
  /** Opens the records read straight from the database (they are sealed with the cluster's key). */
  records: RecordSealer;
}

/** An API process and two workers on a fresh schema and their own queue. */
async function startCluster(): Promise<Cluster> {
  const databaseUrl = await freshDatabaseUrl();
  const base = mkdtempSync(join(tmpdir(), 'ply-cluster-'));
  const keyFile = join(base, 'secret.key');
  const key = randomBytes(32);
  writeFileSync(keyFile, `${key.toString('base64')}\n`, { mode: 0o600 });
  const env = {
    PLY_DATABASE_URL: databaseUrl,
    PLY_REDIS_URL: testRedisUrl(),
    PLY_QUEUE: `ply-e2e-${randomBytes(4).toString('hex')}`,
    PLY_SECRET_KEY_FILE: keyFile,
    // Short locks and leases: a dead worker's runs and a dead holder's trigger move within seconds.
    PLY_JOB_LOCK_MS: '2000',
    PLY_LEASE_MS: '1500',
    PLY_WORKER_CONCURRENCY: '16',
  };
  const start = async (name: string, args: string[]) => {
    const home = join(base, name);
    installCounterModule(home);
    const served = await startServe(home, env, args);
    cleanups.push(async () => {
      if (served.child.exitCode === null && served.child.signalCode === null) served.child.kill('SIGKILL');
      await served.exited;
    });
    return served;
  };
  const api = await start('api', ['serve', '--role', 'api', '--port', '0']);
  const workers = await Promise.all([start('worker-1', ['worker', '--port', '0']), start('worker-2', ['worker', '--port', '0'])]);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  cleanups.push(() => db.end());
  expect(api.adminToken).toBeDefined();
  return { api, workers, databaseUrl, admin: apiClient(agent, api.url, api.adminToken!), db, records: new RecordSealer(() => key) };
}

async function statusCounts(db: pg.Pool, playbookId: string): Promise<Record<string, number>> {
  const { rows } = await db.query<{ status: string; n: string }>('SELECT status, COUNT(*) AS n FROM executions WHERE playbook_id = $1 GROUP BY status', [playbookId]);
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

describe('a cluster: ply serve --role api and two ply workers on PostgreSQL and Redis', () => {
  it('loses no accepted webhook when a worker is killed with SIGKILL mid-run: each run recorded once, finished, no node record twice', async () => {
    const receiver = await mattermost(15);
    const cluster = await startCluster();
    const { admin, db, records } = cluster;
    expect((await httpJson(agent, `${cluster.workers[0]!.url}/api/v1/health`, 'GET')).json).toMatchObject({ status: 'ok', role: 'worker', store: 'postgres', working: true });
    expect((await httpJson(agent, `${cluster.api.url}/api/v1/health`, 'GET')).json).toMatchObject({ status: 'ok', role: 'api', working: false });

    expect((await admin.call('POST', '/api/v1/accounts', { module: 'mattermost', name: 'soc', configuration: { hook_url: `${receiver.url}hooks/e2e` } })).status).toBe(201);
    const document = {
      name: 'Cluster: note → notify → branch → remember',
      trigger: { type: 'webhook', next: ['note'] },
      nodes: {
        note: { type: 'store', set: { alert: '{{ trigger.alert }}' }, next: ['notify'] },
        notify: { type: 'action', module: 'mattermost', action: 'post_message', account: 'soc', arguments: { message: 'alert {{ trigger.alert }}' }, next: ['urgent'] },
        urgent: { type: 'condition', branches: [{ name: 'high', condition: 'trigger.score > 50', next: ['remember'] }], else: ['remember'] },
        remember: { type: 'store', append: { seen: '{{ trigger.alert }}' } },
      },
    };
    const created = await admin.call('POST', '/api/v1/playbooks?enable=true', document);
    expect(created.status).toBe(201);
    const playbookId = created.json.id as string;
    const hook = (await admin.call('GET', `/api/v1/playbooks/${playbookId}/webhook`)).json;

    const total = 1000;
    let accepted = 0;
    const victim = cluster.workers[0]!;
    let reachedKillPoint: () => void = () => {};
    const killPoint = new Promise<void>((resolve) => (reachedKillPoint = resolve));
    // Once 300 runs are accepted, the victim is killed at a moment it is running some (its health says how many).
    const killed = (async () => {
      await killPoint;
      let inFlight = 0;
      await vi.waitFor(
        async () => {
          inFlight = (await httpJson(agent, `${victim.url}/api/v1/health`, 'GET')).json.inFlight as number;
          expect(inFlight).toBeGreaterThan(0);
        },
        { timeout: 10_000, interval: 2 },
      );
      victim.child.kill('SIGKILL');
      return inFlight;
    })();
    const answers = await bounded(total, 20, async (index) => {
      const answer = await httpJson(agent, `${cluster.api.url}${hook.path}`, 'POST', { alert: `AL${index}`, score: index % 100 }, { 'x-ply-token': hook.token });
      accepted += answer.status === 202 ? 1 : 0;
      if (accepted === 300) reachedKillPoint();
      return answer;
    });
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value.status : String(a.reason)))).toEqual(Array(total).fill(202));
    // The kill caught runs under way: their worker's lock then expired and the other worker took them.
    expect(await killed).toBeGreaterThan(0);
    expect(await victim.exited).toBe('SIGKILL');

    await vi.waitFor(async () => expect(await statusCounts(db, playbookId)).toEqual({ succeeded: total }), { timeout: 60_000, interval: 250 });
    const ids = new Set(answers.map((a) => (a.status === 'fulfilled' ? (a.value.json.executionId as string) : '')));
    expect(ids.size).toBe(total);
    const { rows } = await db.query<{ id: string; nodes: string | null }>('SELECT id, nodes FROM executions WHERE playbook_id = $1', [playbookId]);
    expect(new Set(rows.map((row) => row.id))).toEqual(ids);
    const { rows: under } = await db.query<{ execution_id: string; node_id: string; attempt: number }>('SELECT execution_id, node_id, attempt FROM execution_nodes');
    const recorded = new Map<string, string[]>();
    for (const row of rows) recorded.set(row.id, ((row.nodes ? JSON.parse(records.open(row.nodes, row.id)) : []) as Array<{ nodeId: string; attempt: number }>).map((n) => `${n.nodeId}#${n.attempt}`));
    for (const row of under) recorded.get(row.execution_id)!.push(`${row.node_id}#${row.attempt}`);
    for (const [id, nodes] of recorded) expect({ id, nodes: [...nodes].sort() }).toEqual({ id, nodes: ['note#1', 'notify#1', 'remember#1', 'urgent#1'] });
    // At least once: every alert was posted; a run taken over after its post may have posted twice.
    expect(new Set(receiver.texts)).toEqual(new Set(Array.from({ length: total }, (_, index) => `alert AL${index}`)));
  }, 180_000);

  it('runs a module trigger on one process; when its holder is killed another takes over from its checkpoint', async () => {
    const cluster = await startCluster();
    const { admin, db } = cluster;
    const document = { name: 'Cluster: counter', trigger: { type: 'module', module: 'counter', trigger: 'count', next: ['keep'] }, nodes: { keep: { type: 'store', set: { n: '{{ trigger.n }}' } } } };
    const created = await admin.call('POST', '/api/v1/playbooks?enable=true', document);
    expect(created.status).toBe(201);
    const playbookId = created.json.id as string;
    const events = async () => {
      const { rows } = await db.query<{ id: string; trigger_event: string }>('SELECT id, trigger_event FROM executions WHERE playbook_id = $1 ORDER BY created_at, id', [playbookId]);
      return rows.map((row) => JSON.parse(cluster.records.open(row.trigger_event, row.id)) as { n: number; pid: number });
    };
    await vi.waitFor(async () => expect((await events()).length).toBeGreaterThanOrEqual(20), { timeout: 20_000, interval: 100 });
    const before = await events();
    // One instance in the cluster: every event so far came from one process, counting 1, 2, 3...
    expect(new Set(before.map((event) => event.pid)).size).toBe(1);
    expect(before.map((event) => event.n)).toEqual(before.map((_, index) => index + 1));
    const holder = [cluster.api, ...cluster.workers].find((served) => served.child.pid === before[0]!.pid)!;
    expect(holder).toBeDefined();

    holder.child.kill('SIGKILL');
    await holder.exited;
    const { rows } = await db.query<{ value: string }>("SELECT value FROM checkpoints WHERE kind = 'trigger' AND owner_id = $1", [playbookId]);
    const checkpoint = Number(cluster.records.open(rows[0]!.value, `trigger:${playbookId}`));
    await vi.waitFor(async () => expect((await events()).filter((event) => event.pid !== holder.child.pid).length).toBeGreaterThanOrEqual(10), { timeout: 20_000, interval: 100 });
    const after = (await events()).filter((event) => event.pid !== holder.child.pid);
    // Taken over by one other process, from the checkpoint on: nothing skipped, nothing counted twice.
    expect(new Set(after.map((event) => event.pid)).size).toBe(1);
    expect(after[0]!.n).toBe(checkpoint + 1);
    expect(after.map((event) => event.n)).toEqual(after.map((_, index) => checkpoint + 1 + index));
  }, 120_000);
});
