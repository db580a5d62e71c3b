// (g) The helpers under load: a 10,000-attribute MISP event to a STIX bundle, a 10,000-observable
// bundle to indicators, and a 50 MB JSON file through Read JSON File with a JSONPath filter.
// Each case runs in a process of its own (peak memory is per process), beside a baseline case
// that only serialises and parses the same input in the same way.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { row } from './stats.mjs';

const worker = fileURLToPath(new URL('./helpers-worker.mjs', import.meta.url));

function measure(name) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ply-bench-helpers-'));
  const out = execFileSync(process.execPath, [worker, name, dataDir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').at(-1));
}

const perSecond = (result) => Math.round(result.items / (result.ms / 1000)).toLocaleString('en-US');

export function helperBenchmarks() {
  process.stdout.write('\n(g) STIX and Utils helpers (one process per case; peak = max resident set size)\n');
  const mispBase = measure('misp-baseline');
  const mispModel = measure('misp-model');
  const mispAction = measure('misp-action');
  row('MISP 10,000 attributes: JSON round trip (baseline)', `${mispBase.ms.toFixed(0)} ms, peak ${mispBase.maxRssMiB.toFixed(0)} MiB`);
  row('  → STIX with the model (objects out/s)', `${perSecond(mispModel)} objects/s (${mispModel.items} objects, ${mispModel.ms.toFixed(0)} ms), peak ${mispModel.maxRssMiB.toFixed(0)} MiB`);
  row('  → STIX through misp_to_stix (executor, validation)', `${perSecond(mispAction)} objects/s (${mispAction.ms.toFixed(0)} ms), peak ${mispAction.maxRssMiB.toFixed(0)} MiB`);
  row('  model / baseline time', `${(mispModel.ms / mispBase.ms).toFixed(1)}x`);
  const indBase = measure('indicators-baseline');
  const indAction = measure('indicators-action');
  row('10,000 observables: JSON round trip (baseline)', `${indBase.ms.toFixed(0)} ms, peak ${indBase.maxRssMiB.toFixed(0)} MiB`);
  row('  → indicators through observables_to_indicators', `${perSecond(indAction)} indicators/s (${indAction.ms.toFixed(0)} ms), peak ${indAction.maxRssMiB.toFixed(0)} MiB`);
  row('  action / baseline time', `${(indAction.ms / indBase.ms).toFixed(1)}x`);
  const jsonBase = measure('json-baseline');
  const jsonAction = measure('json-action');
  const mb = (jsonAction.bytes / 1024 / 1024).toFixed(0);
  row(`${mb} MB JSON: readFileSync + JSON.parse (baseline)`, `${jsonBase.ms.toFixed(0)} ms, peak ${jsonBase.maxRssMiB.toFixed(0)} MiB`);
  row('  read_json_file + JSONPath filter (bounded, in memory)', `${jsonAction.ms.toFixed(0)} ms, peak ${jsonAction.maxRssMiB.toFixed(0)} MiB, ${jsonAction.items} matches`);
  row('  action / baseline time', `${(jsonAction.ms / jsonBase.ms).toFixed(1)}x`);
  return { mispBase, mispModel, mispAction, indBase, indAction, jsonBase, jsonAction };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) helperBenchmarks();
