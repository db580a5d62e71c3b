import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestPly, plyErrorOf } from '@ply/kit/testing';
import plugin from '../src/index.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
type Observable = { type: string; id: string; value?: string; hashes?: Record<string, string>; x_inthreat_tags: Array<Record<string, unknown>>; x_external_references: Array<{ url: string }> };

function setup() {
  const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] });
  const dataDir = mkdtempSync(join(tmpdir(), 'ply-triage-'));
  const run = (args: Record<string, unknown>) => ply.run({ action: 'triage.triage_to_observables', arguments: args, configuration: { api_key: 'unused-here' }, dataDir });
  return { run, dataDir, logs };
}

/** Raw results in the shape the reference's trigger writes: C2s of every form the reference reads, a dropper URL, the four hashes. */
const RAW = [
  {
    malware: 'icedid',
    samples: {
      '210609-c67qy7hmpe': {
        sample_c2s: ['203.0.113.7:443', 'c2.example.net', 'c2-port.example.net:8080', '198.51.100.9', 'https://panel.example.org/gate.php', 'beacon.example.com/api/v1', 'not a c2'],
        sample_urls: ['http://drop.example.org/payload.bin', 'nonsense'],
        sample_hashes: ['a'.repeat(32), 'b'.repeat(40), 'c'.repeat(64), 'd'.repeat(128)],
      },
      '210609-8ddyb8de5s': { sample_c2s: ['c2.example.net'], sample_urls: [], sample_hashes: [] },
    },
  },
];

describe('Triage to observables', () => {
  it('turns C2s, dropper URLs and hashes into STIX observables tagged with the family and sourced to the Triage report', async () => {
    const { run } = setup();
    const { observables } = (await run({ triage_raw_results: RAW })).results as { observables: { type: string; objects: Observable[] } };
    expect(observables.type).toBe('bundle');
    const byValue = new Map(observables.objects.filter((o) => o.value).map((o) => [`${o.type}:${o.value}`, o]));
    expect([...byValue.keys()].sort()).toEqual(
      ['ipv4-addr:203.0.113.7', 'domain-name:c2.example.net', 'domain-name:c2-port.example.net', 'ipv4-addr:198.51.100.9', 'url:https://panel.example.org/gate.php', 'url:http://beacon.example.com/api/v1', 'url:http://drop.example.org/payload.bin'].sort(),
    );
    expect(byValue.get('ipv4-addr:203.0.113.7')!.x_inthreat_tags).toEqual([{ name: 'icedid', port: '443', valid_from: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
    expect(byValue.get('ipv4-addr:203.0.113.7')!.x_external_references).toEqual([{ description: "icedid sample analyzed by Hatching's sandbox", source_name: 'Hatching Triage', url: 'https://tria.ge/210609-c67qy7hmpe' }]);
    // The same C2 in two samples: one object, both reports as sources.
    expect(byValue.get('domain-name:c2.example.net')!.x_external_references.map((r) => r.url)).toEqual(['https://tria.ge/210609-c67qy7hmpe', 'https://tria.ge/210609-8ddyb8de5s']);
    const files = observables.objects.filter((o) => o.type === 'file');
    expect(files.map((f) => f.hashes)).toEqual([{ MD5: 'a'.repeat(32), 'SHA-1': 'b'.repeat(40), 'SHA-256': 'c'.repeat(64), 'SHA-512': 'd'.repeat(128) }]);
    expect(new Set(observables.objects.map((o) => o.id)).size).toBe(observables.objects.length);
  });

  it('reads triage_raw_results_path and writes the bundle to observables_path', async () => {
    const { run, dataDir } = setup();
    writeFileSync(join(dataDir, 'raw.json'), JSON.stringify(RAW));
    const { observables_path } = (await run({ triage_raw_results_path: 'raw.json' })).results as { observables_path: string };
    const bundle = JSON.parse(readFileSync(join(dataDir, observables_path), 'utf8')) as { objects: Observable[] };
    expect(bundle.objects.some((o) => o.type === 'url' && o.value === 'http://drop.example.org/payload.bin')).toBe(true);
  });

  it('asks for exactly one of triage_raw_results and its _path', async () => {
    const { run } = setup();
    for (const args of [{}, { triage_raw_results: RAW, triage_raw_results_path: 'raw.json' }]) {
      const error = await plyErrorOf(run(args));
      expect([error.code, error.message]).toEqual(['PLY_INVALID_INPUT', 'give exactly one of triage_raw_results and triage_raw_results_path']);
    }
  });

  it('refuses results that are not the trigger\'s shape, naming the entry, and writes nothing', async () => {
    const { run, dataDir } = setup();
    const error = await plyErrorOf(run({ triage_raw_results: [{ malware: 'icedid', samples: { s1: { sample_c2s: 'c2.example.net' } } }] }));
    expect(error.code).toBe('PLY_INVALID_INPUT');
    expect(error.message).toMatch(/^triage_raw_results\/0\/samples\/s1\/sample_c2s: /);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
