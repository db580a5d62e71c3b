// `pnpm bench`: prints figures; it asserts nothing about time (ratios against a baseline run in
// the same process are the numbers to compare between commits).
import { clusterBenchmarks } from './cluster.bench.mjs';
import { corpusLoad } from './corpus-load.bench.mjs';
import { executorOverhead } from './executor-overhead.bench.mjs';
import { heavyRenderBenchmarks } from './heavy-render.bench.mjs';
import { helperBenchmarks } from './helpers.bench.mjs';
import { playbookRuns } from './playbook.bench.mjs';
import { registryBenchmarks } from './registry.bench.mjs';
import { restOverhead } from './rest-overhead.bench.mjs';
import { serveBenchmarks } from './serve.bench.mjs';
import { templateRender } from './template-render.bench.mjs';

process.stdout.write(`Ply benchmarks on Node ${process.version}\n`);
corpusLoad();
await executorOverhead();
await templateRender();
await restOverhead();
await registryBenchmarks();
await playbookRuns();
await serveBenchmarks();
await heavyRenderBenchmarks();
await clusterBenchmarks();
helperBenchmarks();
