import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestPly, plyErrorOf } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeConfig, sampleFile } from './fake-mwdb.js';

// A local conversion (no call to MWDB): the configurations below follow the shapes MWDB's
// extractors write (the reference module's tests, automation-library/MWDB/tests/data.py).
const moduleDir = fileURLToPath(new URL('../module', import.meta.url));

type Observable = { type: string; id: string; value?: string; hashes?: Record<string, string>; size?: number; x_inthreat_tags: Array<{ name: string }>; x_inthreat_history?: Array<{ name: string; value: { ports: number[] } }> };
type Bundle = { type: string; id: string; objects: Observable[] };

function convert(args: Record<string, unknown>) {
  const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] });
  const dataDir = mkdtempSync(join(tmpdir(), 'ply-mwdb-'));
  return { result: ply.run({ action: 'mwdb.config_to_observables', arguments: args, configuration: { api_key: 'unused-key' }, dataDir }), logs, dataDir };
}

async function objectsOf(config: Record<string, unknown>): Promise<Observable[]> {
  const { observables } = (await convert({ config }).result).results as { observables: Bundle };
  expect(observables).toMatchObject({ type: 'bundle', id: expect.stringMatching(/^bundle--/) });
  return observables.objects;
}

const values = (objects: Observable[]) => objects.filter((o) => o.value !== undefined).map((o) => `${o.type} ${o.value}`);

describe('MWDB config_to_observables', () => {
  it("turns a Mirai configuration into its C2s with their ports, an IP given as a host as an IPv4, and its sample's hashes", async () => {
    const config = { ...fakeConfig(7, { type: 'mirai', cncs: [{ host: 'cnc.evil.example', port: 23 }, { host: '203.0.113.9', port: '48101' }], ips: [{ ip: '198.51.100.4' }], port: 8080 }), files: [sampleFile(7)] };
    const objects = await objectsOf(config);
    expect(values(objects)).toEqual(['domain-name cnc.evil.example', 'ipv4-addr 203.0.113.9', 'ipv4-addr 198.51.100.4']);
    const portsOf = (value: string) => objects.find((o) => o.value === value)?.x_inthreat_history?.[0]?.value.ports;
    expect(portsOf('cnc.evil.example')).toEqual([23]);
    expect(portsOf('203.0.113.9')).toEqual([48101]);
    expect(portsOf('198.51.100.4')).toEqual([8080]);
    expect(objects.every((o) => o.x_inthreat_tags[0]?.name === 'mirai')).toBe(true);
    const file = objects.find((o) => o.type === 'file');
    expect(file).toMatchObject({ hashes: { MD5: sampleFile(7).md5, 'SHA-1': sampleFile(7).sha1, 'SHA-256': sampleFile(7).sha256, 'SHA-512': sampleFile(7).sha512, SSDEEP: sampleFile(7).ssdeep }, size: 1007 });
    expect(objects.every((o) => o.id.startsWith(`${o.type}--`))).toBe(true);
  });

  it('gives URLs without a scheme their rule\'s protocol (Formbook) and drops values that are not of their type', async () => {
    const objects = await objectsOf({ family: 'formbook', cfg: { type: 'formbook', urls: [{ url: 'www.lure.example/ch12/' }, { url: 'https://panel.evil.example/a' }, { url: 42 }] } });
    expect(values(objects)).toEqual(['url http://www.lure.example/ch12/', 'url https://panel.evil.example/a']);
    const dropped = await objectsOf({ family: 'dridex', cfg: { type: 'dridex', c2: ['localhost:443', '192.0.2.7:443', 'not a domain'] } });
    expect(values(dropped)).toEqual(['ipv4-addr 192.0.2.7']);
  });

  it("leaves out XLoader's decoy domains and splits Sodinokibi's semicolon-separated domains", async () => {
    const xloader = await objectsOf({ family: 'xloader', cfg: { type: 'xloader', urls: [{ url: 'www.real-c2.example/ge06/' }, { url: 'www.shop.decoy.example/ge06/' }], decoy_domains: [{ domain: 'decoy.example' }] } });
    expect(values(xloader)).toEqual(['url http://www.real-c2.example/ge06/']);
    const sodinokibi = await objectsOf({ family: 'sodinokibi', cfg: { type: 'sodinokibi', dmn: 'one.example;two.example;three' } });
    expect(values(sodinokibi)).toEqual(['domain-name one.example', 'domain-name two.example']);
  });

  it('keeps one observable per value, with the ports of every time it appears', async () => {
    const objects = await objectsOf({ family: 'asyncrat', cfg: { type: 'asyncrat', domains: [{ domain: 'rat.example', port: 6606 }, { domain: 'rat.example', port: 7707 }] } });
    expect(objects).toHaveLength(1);
    expect(objects[0]!.x_inthreat_history?.[0]?.value.ports).toEqual([6606, 7707]);
  });

  it("keeps only the samples' hashes of a family without rules, and says so in the log", async () => {
    const { result, logs } = convert({ config: { family: 'unheard-of', cfg: { type: 'unheard-of', c2: 'x.example' }, files: [sampleFile(3), { file_name: 'no-hashes' }] } });
    const { observables } = (await result).results as { observables: Bundle };
    expect(observables.objects.map((o) => o.type)).toEqual(['file']);
    expect(logs.records('the family of this configuration has no extraction rules: only the hashes of its samples are kept')[0]).toMatchObject({ family: 'unheard-of' });
  });

  it('reads config_path and writes the bundle to observables_path', async () => {
    const { ply } = createTestPly({ plugins: [{ moduleDir, plugin }] });
    const dataDir = mkdtempSync(join(tmpdir(), 'ply-mwdb-'));
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ family: 'remcos', cfg: { type: 'remcos', c2: [{ host: 'remcos.evil.example:2404' }] } }));
    const results = (await ply.run({ action: 'mwdb.config_to_observables', arguments: { config_path: 'config.json' }, configuration: { api_key: 'unused-key' }, dataDir })).results as { observables_path: string };
    const bundle = JSON.parse(readFileSync(join(dataDir, results.observables_path), 'utf8')) as Bundle;
    expect(values(bundle.objects)).toEqual(['domain-name remcos.evil.example']);
    expect(bundle.objects[0]!.x_inthreat_history?.[0]?.value.ports).toEqual([2404]);
  });

  it('refuses both or neither of config and config_path, and a config without its cfg object, naming them', async () => {
    const both = await plyErrorOf(convert({ config: { cfg: {} }, config_path: 'x.json' }).result);
    expect(both?.code).toBe('PLY_INVALID_INPUT');
    expect(both?.message).toContain('exactly one of config and config_path');
    expect((await plyErrorOf(convert({}).result))?.code).toBe('PLY_INVALID_INPUT');
    const noCfg = await plyErrorOf(convert({ config: { family: 'mirai' } }).result);
    expect(noCfg?.code).toBe('PLY_INVALID_INPUT');
    expect(noCfg?.message).toContain('"cfg"');
  });
});
