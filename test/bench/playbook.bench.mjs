// (d) Playbook runs per second with persistence, in one process: a three-node playbook
// (action → condition → action, templated arguments) whose execution and node records are
// written to a real SQLite store in a temp $PLY_HOME (one row per run: its node records travel in
// the execution row). Runs are started with a bounded number in
// flight, as a webhook server would; the figure to compare between commits is runs/s.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { Ply, PlyStore, PlaybookEngine, buildModuleFiles, captureNothing, defineAction, definePlugin, sql, writeModuleFiles } from './bench-core.mjs';
import { percentile, row } from './stats.mjs';

const plugin = definePlugin({
  module: { uuid: '5d0c2f1e-0000-4000-8000-00000000c000', slug: 'pbench', name: 'Playbook bench', description: 'Benchmark module', categories: ['Generic'], configuration: z.object({}), engines: { ply: '*' } },
  actions: {
    score: defineAction({
      uuid: '5d0c2f1e-0000-4000-8000-00000000c001',
      slug: 'score',
      name: 'Score',
      description: 'Scores an alert',
      arguments: z.object({ alert: z.string() }),
      results: z.object({ score: z.number() }),
      run: (_ctx, args) => ({ score: args.alert.length % 2 ? 90 : 10 }),
    }),
    notify: defineAction({
      uuid: '5d0c2f1e-0000-4000-8000-00000000c002',
      slug: 'notify',
      name: 'Notify',
      description: 'Returns its message',
      arguments: z.object({ message: z.string() }),
      results: z.object({ sent: z.boolean() }),
      run: () => ({ sent: true }),
    }),
  },
});

const playbook = {
  name: 'Bench triage',
  trigger: { type: 'webhook', next: ['score'] },
  nodes: {
    score: { type: 'action', module: 'pbench', action: 'score', arguments: { alert: '{{ trigger.alert }}' }, next: ['urgent'] },
    urgent: { type: 'condition', branches: [{ name: 'high', condition: 'node.score.score > 50', next: ['notify'] }], else: ['notify'] },
    notify: { type: 'action', module: 'pbench', action: 'notify', arguments: { message: 'alert {{ trigger.alert }} scored {{ node.score.score }}' } },
  },
};

async function measure(engine, id, total, inFlight) {
  const latencies = [];
  let started = 0;
  let failed = 0;
  const begin = process.hrtime.bigint();
  const worker = async () => {
    while (started < total) {
      const n = started++;
      const t0 = process.hrtime.bigint();
      const summary = await engine.run(id, { alert: `AL${n}` });
      if (summary.status !== 'succeeded') failed += 1;
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
  if (failed > 0) throw new Error(`${failed} benchmark runs failed`);
  return { perSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function setup(sealRecords) {
  const home = mkdtempSync(join(tmpdir(), 'ply-bench-pb-'));
  const moduleDir = join(home, 'module');
  writeModuleFiles(moduleDir, buildModuleFiles(plugin, '1.0.0'));
  const ply = new Ply({ settings: { home }, logger: captureNothing() });
  ply.addPlugin(moduleDir, plugin);
  const store = await PlyStore.open({ home, secretKey: Buffer.alloc(32, 1), sealRecords });
  const engine = new PlaybookEngine({ ply, store });
  const { id } = await engine.create(playbook);
  await engine.enable(id);
  return { store, engine, id };
}

export async function playbookRuns({ total = 10_000 } = {}) {
  const { store, engine, id } = await setup(true);
  await measure(engine, id, 2000, 16); // warm-up: JIT, template and schema caches, SQLite pages
  const sequential = await measure(engine, id, total / 2, 1);
  const concurrent = await measure(engine, id, total, 32);
  const recorded = (await store.db.get(sql('SELECT COUNT(*) AS inline FROM executions WHERE nodes IS NOT NULL'))).inline * 3 + (await store.db.get(sql('SELECT COUNT(*) AS n FROM execution_nodes'))).n;
  await store.close();

  // What sealing the records costs (issue #21 item 6): the same runs on a store writing them in
  // clear, in the same process, measured the same way.
  const clear = await setup(false);
  await measure(clear.engine, clear.id, 2000, 16);
  const unsealed = await measure(clear.engine, clear.id, total, 32);
  await clear.store.close();

  process.stdout.write('\n(d) playbook runs with persistence (webhook event → action → condition → action, SQLite WAL, records sealed)\n');
  row('one run at a time', sequential.perSecond.toFixed(0), ' runs/s');
  row('  latency p50 / p99', `${sequential.p50.toFixed(2)} / ${sequential.p99.toFixed(2)}`, ' ms');
  row('32 runs in flight (target ≥ 2,000)', concurrent.perSecond.toFixed(0), ' runs/s');
  row('  latency p50 / p99', `${concurrent.p50.toFixed(2)} / ${concurrent.p99.toFixed(2)}`, ' ms');
  row('  the same with records in clear (baseline)', unsealed.perSecond.toFixed(0), ' runs/s');
  row('  sealed / clear throughput', (concurrent.perSecond / unsealed.perSecond).toFixed(2), '×');
  row('node records written (inline in their execution row, or apart)', String(recorded));
  return { sequential, concurrent, unsealed };
}

if (import.meta.url === `file://${process.argv[1]}`) await playbookRuns();
