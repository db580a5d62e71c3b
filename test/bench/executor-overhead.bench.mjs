// (a) Executor overhead: a no-op action with 5 templated arguments through the executor, against
// the same function called directly after one Ajv validation of the same arguments.
import { Ajv } from 'ajv';
import { z } from 'zod';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ply, buildModuleFiles, captureNothing, defineAction, definePlugin, writeModuleFiles } from './bench-core.mjs';
import { TemplateEngine as NunjucksTemplateEngine } from './baseline/nunjucks-template-engine.mjs';
import { median, row, timeBatchesWithCpu } from './stats.mjs';

const noop = defineAction({
  uuid: '5d0c2f1e-0000-4000-8000-00000000b001',
  slug: 'noop',
  name: 'No-op',
  description: 'Returns at once',
  arguments: z.object({ a: z.string(), b: z.number(), c: z.array(z.string()), d: z.string(), e: z.boolean() }),
  results: z.object({ ok: z.boolean() }),
  run: () => ({ ok: true }),
});
const plugin = definePlugin({
  module: { uuid: '5d0c2f1e-0000-4000-8000-00000000b000', slug: 'bench', name: 'Bench', description: 'Benchmark module', categories: ['Generic'], configuration: z.object({}), engines: { ply: '*' } },
  actions: { noop },
});

export async function executorOverhead() {
  const dir = mkdtempSync(join(tmpdir(), 'ply-bench-'));
  writeModuleFiles(dir, buildModuleFiles(plugin, '1.0.0'));
  const ply = new Ply({ settings: { home: dir }, logger: captureNothing() });
  ply.addPlugin(dir, plugin);
  const args = { a: '{{ trigger.name }}', b: '{{ node.1.count }}', c: '{{ store.tags }}', d: 'alert {{ trigger.id }} from {{ node.1.source }}', e: '{{ trigger.flag }}' };
  const templateContext = { trigger: { name: 'n', id: 'AL1', flag: true }, node: { 1: { count: 3, source: 'edr' } }, store: { tags: ['x', 'y'] } };
  const request = { action: 'bench.noop', arguments: args, configuration: {}, templateContext };

  const ajv = new Ajv({ strict: false, useDefaults: true });
  const validate = ajv.compile(JSON.parse(buildModuleFiles(plugin, '1.0.0').get('action_noop.json')).arguments);
  const rendered = { a: 'n', b: 3, c: ['x', 'y'], d: 'alert AL1 from edr', e: true };
  const direct = async () => {
    const copy = { ...rendered };
    if (!validate(copy)) throw new Error('invalid');
    await noop.run({}, copy);
  };

  // The same executor with the nunjucks engine Ply used before @ply/jinja, timed in the same run.
  const withNunjucks = new Ply({ settings: { home: dir }, logger: captureNothing(), templates: new NunjucksTemplateEngine() });
  withNunjucks.addPlugin(dir, plugin);
  for (let i = 0; i < 3000; i++) await ply.run(request); // warm-up: JIT, template and schema caches
  for (let i = 0; i < 3000; i++) await withNunjucks.run(request);
  for (let i = 0; i < 3000; i++) await direct();
  // Alternated, so that drift during the run favours neither engine.
  // Wall time includes waiting for a core on a shared machine; CPU time (this process's user +
  // system) does not, so both are reported.
  const times = { jinja: { wall: [], cpu: [] }, nunjucks: { wall: [], cpu: [] }, direct: { wall: [], cpu: [] } };
  const parts = { jinja: () => ply.run(request), nunjucks: () => withNunjucks.run(request), direct };
  for (let round = 0; round < 5; round++) {
    for (const [name, fn] of Object.entries(parts)) {
      const batch = await timeBatchesWithCpu(fn, { batches: 6 });
      times[name].wall.push(...batch.wall);
      times[name].cpu.push(...batch.cpu);
    }
  }
  const wall = Object.fromEntries(Object.entries(times).map(([name, t]) => [name, median(t.wall)]));
  const cpu = Object.fromEntries(Object.entries(times).map(([name, t]) => [name, median(t.cpu)]));
  const viaExecutor = wall.jinja;
  const viaNunjucks = wall.nunjucks;
  const baseline = wall.direct;
  process.stdout.write('\n(a) executor overhead, no-op action with 5 templated arguments\n');
  row('direct call after one Ajv validation (median)', baseline.toFixed(2), ` µs/call (CPU ${cpu.direct.toFixed(2)} µs)`);
  row('through the executor (median)', viaExecutor.toFixed(2), ` µs/call (CPU ${cpu.jinja.toFixed(2)} µs)`);
  row('executor / direct', (viaExecutor / baseline).toFixed(1), 'x');
  row('executor overhead, @ply/jinja (target ≤ 10 µs)', (viaExecutor - baseline).toFixed(2), ` µs/call (CPU ${(cpu.jinja - cpu.direct).toFixed(2)} µs)`);
  row('executor overhead, nunjucks baseline (same run)', (viaNunjucks - baseline).toFixed(2), ` µs/call (CPU ${(cpu.nunjucks - cpu.direct).toFixed(2)} µs)`);
  return { viaExecutor, viaNunjucks, baseline, cpu };
}
