import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareWithReference, packageDrift } from '@ply/kit/testing';
import plugin from '../src/index.js';

describe('the committed package', () => {
  it('has the module JSON and the README items table of its code (run `ply manifest build` then `ply readme`)', () => {
    expect(packageDrift(fileURLToPath(new URL('..', import.meta.url)), plugin)).toEqual({ changed: [], stale: [], readme: 'up to date' });
  });

  it("keeps the reference module's uuids, slugs, names, docker_parameters, arguments, secrets, results and outputs", () => {
    const scans = 'Ply builds the v2 scans from the v3 engine results, one object per engine (src/report-mapping.ts)';
    expect(
      compareWithReference(plugin, 'Virustotal', {
        deliberate: {
          'action_virustotal_scanhash.json: arguments/hash': 'not an MD5, SHA-1 or SHA-256: refused before the call (tested)',
          'action_virustotal_scanip.json: arguments/ip': 'not an IPv4 or IPv6 address: refused before the call',
          'trigger_virustotal_livehunt_notification_files.json: arguments/sleep_time': 'a poll every 0 s would spend the account quota',
          'action_virustotal_scanhash.json: results/scans/*': scans,
          'action_virustotal_scanfile.json: results/scans/*': scans,
          'action_virustotal_scanurl.json: results/scans/*': scans,
        },
      }),
    ).toEqual([]);
  });
});
