// (f) Scale-out: the same webhook → store → condition → store playbook, measured in one run on
// - embedded: one `ply serve` on SQLite (the default);
// - queue hop: one `ply serve` on SQLite with PLY_REDIS_URL (accept, enqueue in BullMQ, take, run);
// - cluster: `ply serve --role api` and 1, 2 and 4 `ply worker`s on PostgreSQL and Redis.
// Runs completed/s (first webhook sent → last run finished), and p50/p99 from the webhook's
// arrival to its run's end (the execution's createdAt → finishedAt). Redis and PostgreSQL are the
// test servers of scripts/test-services.sh (started here when PLY_TEST_* are not set).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PLAYBOOKS } from './serve.bench.mjs';
import { percentile, row } from './stats.mjs';

const CLI = fileURLToPath(new URL('../../cli/dist/bundle/main.js', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** The n8n shape (Set → Respond): no outbound request, so the figures are Ply's and the queue's. */
const PLAYBOOK = PLAYBOOKS.local;

/** PLY_TEST_REDIS_URL and PLY_TEST_DATABASE_URL, from the environment or from the services script. */
function services() {
  if (process.env.PLY_TEST_REDIS_URL && process.env.PLY_TEST_DATABASE_URL) return { redisUrl: process.env.PLY_TEST_REDIS_URL, databaseUrl: process.env.PLY_TEST_DATABASE_URL };
  const exported = execFileSync('bash', [join(REPO, 'scripts/test-services.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const value = (name) => new RegExp(`${name}=(\\S+)`).exec(exported)[1];
  return { redisUrl: value('PLY_TEST_REDIS_URL'), databaseUrl: value('PLY_TEST_DATABASE_URL') };
}

async function freshSchemaUrl(base) {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

function call(agent, url, method, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = request(url, { method, agent, headers: { 'content-type': 'application/json', ...(payload ? { 'content-length': Buffer.byteLength(payload) } : {}), ...headers } }, (res) => {
      let data = '';
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode, json: data ? JSON.parse(data) : undefined }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Starts a built `ply` command and resolves once it printed where it listens. */
function start(args, env) {
  const child = spawn(process.execPath, [CLI, ...args, '--port', '0'], { cwd: REPO, env: { ...process.env, PLY_LOG_LEVEL: 'error', ...env } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ply ${args.join(' ')} did not start:\n${output}`)), 30_000);
    const check = () => {
      if (!output.includes('press Ctrl+C to stop')) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      resolve({ child, url: /listening on (http:\/\/[^/\s]+)\//.exec(output)[1], admin: /admin API token \(shown once; keep it\): (\S+)/.exec(output)?.[1] });
    };
    child.stdout.on('data', check);
    child.on('exit', () => reject(new Error(`ply ${args.join(' ')} exited:\n${output}`)));
  });
}

async function stopAll(processes) {
  await Promise.all(
    processes.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.on('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
}

async function fire(agent, url, token, total, connections, offset) {
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < total) {
        const n = offset + next++;
        const answer = await call(agent, url, 'POST', { alert: `AL${n}`, score: n % 100 }, { 'x-ply-token': token });
        if (answer.status !== 202) throw new Error(`webhook answered ${answer.status}: ${JSON.stringify(answer.json)}`);
      }
    }),
  );
}

/** Every execution of the playbook (paging), once none is queued or running. */
async function finishedRuns(agent, base, auth, playbookId) {
  for (;;) {
    const busy = await Promise.all(['queued', 'running'].map((status) => call(agent, `${base}/api/v1/executions?playbook=${playbookId}&status=${status}&limit=1`, 'GET', undefined, auth)));
    if (busy.every((answer) => answer.json.executions.length === 0)) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const ended = process.hrtime.bigint();
  const all = [];
  let before;
  for (;;) {
    const page = await call(agent, `${base}/api/v1/executions?playbook=${playbookId}&limit=1000${before ? `&before=${before}` : ''}`, 'GET', undefined, auth);
    all.push(...page.json.executions);
    if (!page.json.next) return { ended, all };
    before = page.json.next;
  }
}

/** Starts the processes of one set-up, runs the load, stops them. */
async function measure(name, processes, { total, connections }) {
  // With a timeout the agent drops an idle socket a second before the server's Keep-Alive hint
  // (node:http's 5 s); without one it keeps it and may send on it as the server closes it (ECONNRESET).
  const agent = new Agent({ keepAlive: true, maxSockets: connections + 4, timeout: 60_000 });
  try {
    const [api] = processes;
    const auth = { authorization: `Bearer ${api.admin}` };
    const created = await call(agent, `${api.url}/api/v1/playbooks?enable=true`, 'POST', PLAYBOOK, auth);
    const hook = (await call(agent, `${api.url}/api/v1/playbooks/${created.json.id}/webhook`, 'GET', undefined, auth)).json;
    const url = `${api.url}${hook.path}`;
    await fire(agent, url, hook.token, 500, connections, 0); // warm-up: JIT, caches, pages, connections
    await finishedRuns(agent, api.url, auth, created.json.id);
    const begin = process.hrtime.bigint();
    const sentAfter = Date.now();
    await fire(agent, url, hook.token, total, connections, 500);
    const accepted = process.hrtime.bigint();
    const { ended, all } = await finishedRuns(agent, api.url, auth, created.json.id);
    const measured = all.filter((execution) => Date.parse(execution.createdAt) >= sentAfter);
    const failed = all.filter((execution) => execution.status !== 'succeeded');
    if (failed.length > 0 || measured.length !== total) {
      throw new Error(`${name}: ${failed.length} runs did not succeed (${JSON.stringify(failed.slice(0, 3).map((execution) => [execution.status, execution.error]))}), ${measured.length} of ${total} measured`);
    }
    const latencies = measured.map((execution) => Date.parse(execution.finishedAt) - Date.parse(execution.createdAt));
    return { runsPerSecond: total / (Number(ended - begin) / 1e9), acceptedPerSecond: total / (Number(accepted - begin) / 1e9), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    agent.destroy();
    await stopAll(processes);
  }
}

export async function clusterBenchmarks({ total = 3000, connections = 10, workers = [1, 2, 4] } = {}) {
  const { redisUrl, databaseUrl } = services();
  const key = join(mkdtempSync(join(tmpdir(), 'ply-bench-key-')), 'secret.key');
  writeFileSync(key, randomBytes(32).toString('base64'), { mode: 0o600 });
  const home = () => mkdtempSync(join(tmpdir(), 'ply-bench-cluster-'));
  const shared = () => ({ PLY_SECRET_KEY_FILE: key, PLY_QUEUE: `ply-bench-${randomBytes(4).toString('hex')}` });
  const results = {};

  results.embedded = await measure('embedded', [await start(['serve'], { PLY_HOME: home(), ...shared() })], { total, connections });
  results.queueHop = await measure('queue hop', [await start(['serve'], { PLY_HOME: home(), PLY_REDIS_URL: redisUrl, ...shared() })], { total, connections });
  for (const count of workers) {
    const env = { PLY_DATABASE_URL: await freshSchemaUrl(databaseUrl), PLY_REDIS_URL: redisUrl, ...shared() };
    const api = await start(['serve', '--role', 'api'], { PLY_HOME: home(), ...env });
    const pool = await Promise.all(Array.from({ length: count }, () => start(['worker'], { PLY_HOME: home(), ...env })));
    results[`workers${count}`] = await measure(`${count} workers`, [api, ...pool], { total, connections });
  }

  process.stdout.write(`\n(f) scale-out: webhook → store → condition → store, ${total} webhooks at ${connections} connections (2 cores: every process shares them)\n`);
  const line = (label, r) => row(label, `${r.runsPerSecond.toFixed(0)} runs/s (${r.acceptedPerSecond.toFixed(0)} accepted/s); ${r.p50.toFixed(0)} / ${r.p99.toFixed(0)}`, ` ms  (${((100 * r.runsPerSecond) / results.embedded.runsPerSecond).toFixed(0)}% of embedded)`);
  row('runs completed/s (webhooks accepted/s); webhook → finished run p50 / p99', '');
  line('  embedded: one ply serve, SQLite', results.embedded);
  line('  queue hop: one ply serve, SQLite + BullMQ on Redis', results.queueHop);
  for (const count of workers) line(`  cluster: api + ${count} worker${count > 1 ? 's' : ''}, PostgreSQL + Redis`, results[`workers${count}`]);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await clusterBenchmarks();
