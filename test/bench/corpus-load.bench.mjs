// (b) Cold load and index of the whole Sekoia.io corpus, against JSON.parse of the same files.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModuleCatalog, loadModuleFolder } from './bench-core.mjs';
import { median, row } from './stats.mjs';

const corpus = resolve(process.env.PLY_CORPUS_DIR ?? join(fileURLToPath(new URL('../../..', import.meta.url)), 'shared/corpus/automation-library'));

function moduleDirs() {
  return readdirSync(corpus, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(corpus, e.name));
}

function loadAndIndex() {
  const catalog = new ModuleCatalog();
  for (const dir of moduleDirs()) catalog.add(loadModuleFolder(dir, { coreVersion: '0.1.0' }));
  return catalog;
}

function parseOnly() {
  let files = 0;
  for (const dir of moduleDirs()) {
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.json')) continue;
      JSON.parse(readFileSync(join(dir, name), 'utf8'));
      files++;
    }
  }
  return files;
}

function time(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function corpusLoad() {
  const cold = time(loadAndIndex);
  const files = parseOnly();
  const load = median(Array.from({ length: 15 }, () => time(loadAndIndex)));
  const parse = median(Array.from({ length: 15 }, () => time(parseOnly)));
  const catalog = loadAndIndex();
  process.stdout.write(`\n(b) load and index the Sekoia.io corpus (${catalog.modules().length} modules, ${files} files)\n`);
  row('first load in this process (cold, target < 150 ms)', cold.toFixed(1), ' ms');
  row('load and index (median of 15)', load.toFixed(1), ' ms');
  row('JSON.parse of the same files (median of 15)', parse.toFixed(1), ' ms');
  row('load / parse', (load / parse).toFixed(2), 'x');
  return { cold, load, parse };
}
