import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlaybookEngine, PlaybookTriggers, PlyStore } from '@ply/runtime';
import { createTestPly, secretLeaks, startFakeServer, WAIT_FOR, type FakeServer } from '@ply/kit/testing';
import misp from '@ply/plugin-misp';
import stix from '@ply/plugin-stix';
import triage from '@ply/plugin-triage';
// The plugins' own fakes, each after its vendor's published API (see the top of each file).
import { fakeMisp } from '../../plugins/misp/test/fake-misp.js';
import { fakeTriage, reportedSample } from '../../plugins/triage/test/fake-triage.js';
import { documentedPlaybook } from '../documented-playbook.js';

// The playbook of docs/playbooks.md ("Example: share new malware C2s with MISP"), as written there,
// run by the runtime's engine and trigger supervisor against the fakes of Triage and MISP.
const PLAYBOOK = documentedPlaybook('test/playbooks/triage-to-misp.e2e.test.ts');
const TRIAGE_KEY = 'triage-e2e-key-3c3c3c';
const MISP_KEY = 'misp-e2e-key-4d4d4d';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function serve(fetch: Parameters<typeof startFakeServer>[0]): Promise<FakeServer> {
  const server = await startFakeServer(fetch);
  cleanups.push(() => server.close());
  return server;
}

describe('playbook: new Triage samples to a MISP event (docs/playbooks.md)', () => {
  it('turns the C2s, payload URLs and hashes of new samples into indicators and publishes them on MISP', async () => {
    const sandbox = fakeTriage(TRIAGE_KEY);
    sandbox.state.samples.push(
      reportedSample('s01', 'icedid', 5),
      reportedSample('s02', 'qakbot', 8, { c2: ['https://panel.example.org/gate.php', '192.0.2.44:2222'] }),
      // Signed by a trusted publisher: the playbook asks to leave it out.
      reportedSample('s03', 'icedid', 9, { signed: true, c2: ['signed-c2.example.com'] }),
      // Older than the first search looks back (frequency: one hour).
      reportedSample('s04', 'icedid', 180, { c2: ['old-c2.example.com'] }),
    );
    const mispFake = fakeMisp(MISP_KEY);
    const [triageServer, mispServer] = [await serve(sandbox.app.fetch), await serve(mispFake.app.fetch)];

    const test = createTestPly({ plugins: [{ plugin: triage }, { plugin: stix }, { plugin: misp }] });
    const store = await PlyStore.open({ home: test.home, secretKey: Buffer.alloc(32, 5) });
    cleanups.push(() => store.close());
    await store.accounts.create({ module: 'triage', name: 'triage', configuration: { api_key: TRIAGE_KEY, api_url: `${triageServer.url}v0/` }, secretKeys: ['api_key'] });
    await store.accounts.create({ module: 'misp', name: 'misp', configuration: { misp_url: mispServer.url, misp_api_key: MISP_KEY }, secretKeys: ['misp_api_key'] });
    const engine = new PlaybookEngine({ ply: test.ply, store });
    cleanups.push(() => engine.shutdown(1_000));
    const { id } = await engine.create(engine.parse(PLAYBOOK));
    await engine.enable(id);
    const triggers = new PlaybookTriggers({ ply: test.ply, store, engine, syncIntervalMs: 20 });
    triggers.start();
    cleanups.push(() => triggers.stop());

    await vi.waitFor(async () => expect((await store.executions.list({ playbookId: id })).map((e) => e.status)).toEqual([expect.stringMatching(/succeeded|failed/)]), WAIT_FOR);
    const [execution] = await store.executions.list({ playbookId: id });
    const record = await store.executions.get(execution!.id);
    expect(record.status, JSON.stringify(record)).toBe('succeeded');
    expect(record.nodes!.map((node) => `${node.nodeId}:${node.status}`)).toEqual(['observables:succeeded', 'indicators:succeeded', 'to_misp:succeeded', 'publish:succeeded']);

    // MISP received one published event carrying the indicators derived from the Triage reports.
    expect(mispFake.state.events).toHaveLength(1);
    const event = mispFake.state.events[0]!;
    expect(event).toMatchObject({ info: 'Triage: C2s and payloads of new malware samples', published: true });
    const published = JSON.stringify(event);
    const attributes = (event.Attribute as Array<{ type: string; value: string; to_ids: boolean }>).map((a) => `${a.type} ${a.value} ${a.to_ids ? 'to_ids' : ''}`);
    const hashes = (n: string) => [`md5 ${n.repeat(16)} to_ids`, `sha1 ${n.repeat(20)} to_ids`, `sha256 ${n.repeat(32)} to_ids`, `sha512 ${n.repeat(64)} to_ids`];
    expect(attributes.sort()).toEqual(
      [
        'ip-dst 203.0.113.1 to_ids',
        'domain c2-01.example.net to_ids',
        'url http://drop-01.example.org/payload.bin to_ids',
        ...hashes('01'),
        'url https://panel.example.org/gate.php to_ids',
        'ip-dst 192.0.2.44 to_ids',
        'url http://drop-02.example.org/payload.bin to_ids',
        ...hashes('02'),
      ].sort(),
    );
    for (const leftOut of ['signed-c2.example.com', 'old-c2.example.com']) expect(published).not.toContain(leftOut);
    expect(sandbox.received.map((r) => r.path)).toEqual(expect.arrayContaining(['/v0/samples/s01/overview.json', '/v0/samples/s03/reports/static']));

    // The trigger emitted its file once, and moved on: the run found it in its own data folder.
    expect(record.triggerEvent).toEqual({ file_path: expect.stringMatching(/^triage-.+\.json$/) });
    expect(await store.checkpoints.read('trigger', id)).toMatchObject({ families: { icedid: { ids: ['s01'] }, qakbot: { ids: ['s02'] } } });
    expect(secretLeaks(TRIAGE_KEY, { record, logs: test.logs.text() })).toEqual([]);
    expect(secretLeaks(MISP_KEY, { record, logs: test.logs.text() })).toEqual([]);
  });
});
