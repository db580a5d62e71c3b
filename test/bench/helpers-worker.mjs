// One measurement of (g) per process, so that its peak resident memory (maxRSS) is its own.
// Usage: node helpers-worker.mjs <case> <dataDir>; prints one JSON line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourceUsage } from 'node:process';
import { fileURLToPath } from 'node:url';
import { Ply, captureNothing } from './bench-core.mjs';
import stixPlugin from '@ply/plugin-stix';
import utilsPlugin from '@ply/plugin-utils';
import { makeObservable, mispEventToStix, observableOf } from '@ply/plugin-stix/model';

const [, , name, dataDir] = process.argv;
const moduleDir = (pkg) => fileURLToPath(new URL(`../../plugins/${pkg}/module`, import.meta.url));

function runtime() {
  const ply = new Ply({ settings: { home: dataDir, largeValueBytes: Number.MAX_SAFE_INTEGER }, logger: captureNothing() });
  ply.addPlugin(moduleDir('stix'), stixPlugin);
  ply.addPlugin(moduleDir('utils'), utilsPlugin);
  return ply;
}

/** A MISP event of 10,000 attributes: a mix of the types SOCs share most (IPs, domains, URLs, hashes). */
function mispEvent() {
  const types = ['ip-dst', 'domain', 'url', 'sha256', 'md5', 'email-src', 'filename|sha1', 'ip-src|port'];
  const hex = (i, length) => i.toString(16).padStart(length, '0');
  const value = (type, i) =>
    ({
      'ip-dst': `198.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      domain: `host${i}.example.com`,
      url: `https://host${i}.example.net/gate.php?id=${i}`,
      sha256: hex(i, 64),
      md5: hex(i, 32),
      'email-src': `user${i}@example.org`,
      'filename|sha1': `payload${i}.exe|${hex(i, 40)}`,
      'ip-src|port': `203.0.${(i >> 8) & 255}.${i & 255}|${1024 + (i % 60000)}`,
    })[type];
  const Attribute = Array.from({ length: 10_000 }, (_, i) => {
    const type = types[i % types.length];
    return { uuid: `5b1c5e5a-5b2d-4a43-9d6e-${hex(i, 12)}`, type, category: 'Network activity', value: value(type, i), to_ids: i % 3 !== 0, timestamp: '1709280000', comment: `attribute ${i}` };
  });
  return { Event: { uuid: 'a0c22599-9e58-4da4-96ac-7051603fa951', info: 'bench event', date: '2024-03-01', Orgc: { uuid: 'a0c22599-9e58-4da4-96ac-7051603fa952', name: 'Bench' }, Attribute } };
}

function observables() {
  return Array.from({ length: 10_000 }, (_, i) => (i % 2 ? makeObservable('domain-name', { value: `d${i}.example.com` }) : observableOf(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`)));
}

/** A JSON file of about 50 MB: alerts with nested entities, as a SIEM export looks. */
function writeBigJson() {
  const alerts = [];
  let size = 0;
  for (let i = 0; size < 50 * 1024 * 1024; i++) {
    const alert = { uuid: `alert-${i}`, urgency: i % 100, rule: { name: `rule ${i % 50}`, pattern: 'x'.repeat(200) }, entities: [{ name: 'SOC' }, { name: `E${i}` }], source: { ip: `10.0.${(i >> 8) & 255}.${i & 255}` }, message: 'm'.repeat(400) };
    size += JSON.stringify(alert).length + 1;
    alerts.push(alert);
  }
  writeFileSync(join(dataDir, 'big.json'), JSON.stringify({ alerts }));
  return size;
}

const cases = {
  // Baselines: what the input costs to serialise and parse back, nothing else.
  async 'misp-baseline'() {
    const event = mispEvent();
    const start = performance.now();
    const copy = JSON.parse(JSON.stringify(event));
    return { ms: performance.now() - start, items: copy.Event.Attribute.length };
  },
  async 'misp-model'() {
    const event = mispEvent();
    const start = performance.now();
    const bundle = mispEventToStix(event);
    return { ms: performance.now() - start, items: bundle.objects.length };
  },
  async 'misp-action'() {
    const ply = runtime();
    const event = mispEvent();
    const start = performance.now();
    const { results } = await ply.run({ action: 'stix.misp_to_stix', arguments: { event }, configuration: {}, dataDir });
    return { ms: performance.now() - start, items: results.bundle.objects.length };
  },
  async 'indicators-baseline'() {
    const objects = observables();
    const start = performance.now();
    const copy = JSON.parse(JSON.stringify(objects));
    return { ms: performance.now() - start, items: copy.length };
  },
  async 'indicators-action'() {
    const ply = runtime();
    const bundle = { type: 'bundle', id: 'bundle--0b6c5e5a-5b2d-4a43-9d6e-4f9b6c2a3d11', objects: observables() };
    const start = performance.now();
    const { results } = await ply.run({ action: 'stix.observables_to_indicators', arguments: { bundle }, configuration: {}, dataDir });
    return { ms: performance.now() - start, items: results.bundle.objects.filter((o) => o.type === 'indicator').length };
  },
  async 'json-baseline'() {
    const size = writeBigJson();
    const { readFileSync } = await import('node:fs');
    const start = performance.now();
    const parsed = JSON.parse(readFileSync(join(dataDir, 'big.json'), 'utf8'));
    return { ms: performance.now() - start, items: parsed.alerts.length, bytes: size };
  },
  async 'json-action'() {
    const size = writeBigJson();
    const ply = runtime();
    const start = performance.now();
    const { results } = await ply.run({ action: 'utils.read_json_file', arguments: { file_path: 'big.json', jsonpath: '$.alerts[?(@.urgency > 95)].uuid' }, configuration: {}, dataDir, timeoutMs: 600_000 });
    return { ms: performance.now() - start, items: results.output.length, bytes: size };
  },
};

const result = await cases[name]();
process.stdout.write(`${JSON.stringify({ ...result, maxRssMiB: resourceUsage().maxRSS / 1024 })}\n`);
