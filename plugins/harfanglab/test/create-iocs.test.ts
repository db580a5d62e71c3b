import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { setup } from './setup.js';

const options = { source_id: 'src-1', block_on_agent: true, quarantine_on_agent: false, detect_on_agent: true };
const objects = [
  { type: 'indicator', id: 'indicator--a', pattern: "[ipv4-addr:value = '198.51.100.9'] OR [url:value = 'http://evil.example/x']", x_ic_observable_types: ['ipv4-addr'] },
  { type: 'indicator', id: 'indicator--b', pattern: "[file:hashes.'SHA-256' = '" + 'd'.repeat(64) + "']" },
  { type: 'indicator', id: 'indicator--c', revoked: true, pattern: "[ipv4-addr:value = '203.0.113.1']" },
  { type: 'indicator', id: 'indicator--d', valid_until: '2020-01-01T00:00:00Z', pattern: "[domain-name:value = 'old.example']" },
  { type: 'indicator', id: 'indicator--e', pattern: "[ipv4-addr:value = '198.51.100.9']" },
];

describe('HarfangLab IOCs from a STIX bundle through the executor', () => {
  it('removes the rules of revoked indicators and creates the valid ones once, linking back to Sekoia.io', async () => {
    const { hl, run, dataDir } = await setup();
    writeFileSync(join(dataDir, 'bundle.json'), JSON.stringify({ type: 'bundle', id: 'bundle--1', objects }));
    const result = await run('create_iocs_from_stix_bundle', { stix_objects_path: 'bundle.json', ...options });
    expect(result.results).toEqual({ created: 3, removed: 1 });
    expect(hl.rules.map((rule) => [rule['type'], rule['value']])).toEqual([
      ['ip_both', '198.51.100.9'],
      ['url', 'http://evil.example/x'],
      ['hash', 'd'.repeat(64)],
    ]);
    expect(hl.rules[0]).toMatchObject({ source_id: 'src-1', block_on_agent: true, quarantine_on_agent: false, endpoint_detection: true, enabled: true, description: 'https://app.sekoia.io/intelligence/objects/indicator--a' });
  });

  it('skips the rules HarfangLab already has: a second run of the same bundle adds nothing', async () => {
    const { hl, run, dataDir } = await setup();
    writeFileSync(join(dataDir, 'bundle.json'), JSON.stringify(objects.slice(0, 2)));
    await run('create_iocs_from_stix_bundle', { stix_objects_path: 'bundle.json', ...options });
    const again = await run('create_iocs_from_stix_bundle', { stix_objects_path: 'bundle.json', ...options });
    expect(again.results).toEqual({ created: 0, removed: 0 });
    expect(hl.rules).toHaveLength(4);
  });

  it('refuses a run without the required flags before calling HarfangLab', async () => {
    const { hl, run, dataDir } = await setup();
    writeFileSync(join(dataDir, 'bundle.json'), JSON.stringify(objects));
    const error = await plyErrorOf(run('create_iocs_from_stix_bundle', { stix_objects_path: 'bundle.json', source_id: 'src-1' }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.message).toContain('block_on_agent');
    expect(hl.received).toHaveLength(0);
  });
});
