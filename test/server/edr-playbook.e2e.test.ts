import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeHarfangLab } from '../../plugins/harfanglab/test/fake-harfanglab.js';
import { fakeSekoia } from '../../plugins/sekoia-io/test/fake-sekoia/fake-sekoia.js';
import { fakeSentinelOne } from '../../plugins/sentinelone/test/fake-sentinelone.js';
import { documentedPlaybook } from '../documented-playbook.js';
import { PlaybookTestBench } from './playbook-test-bench.js';
import { apiClient, httpJson } from './serve-process.js';

// The playbook of docs/playbooks.md ("Example: isolate a compromised host"), run as written by
// `ply serve` (the built CLI) through its HTTP API, against the plugins' fakes of Sekoia.io,
// SentinelOne and HarfangLab.
const SEKOIA_KEY = 'sekoia-e2e-key-1c1c1c';
const S1_TOKEN = 's1-e2e-token-2d2d2d';
const HL_TOKEN = 'hl-e2e-token-3e3e3e';
const agent = new Agent({ keepAlive: true, maxSockets: 20 });
const bench = new PlaybookTestBench();
afterEach(() => bench.cleanup());

const alert = (uuid: string, source: string, urgency: number) => ({
  uuid,
  short_id: `AL${uuid.slice(-4)}`,
  title: 'Cobalt Strike beacon',
  source,
  target: '203.0.113.80',
  urgency: { current_value: urgency, value: urgency, severity: urgency },
  status: { uuid: '2efc4930-1442-4abb-acf2-58ba219a4fd0', name: 'Pending', description: 'The alert is waiting for action' },
  rule: { uuid: 'b5c3c1a0-0000-4000-8000-000000000002', name: 'C2 beacon' },
  entity: { uuid: 'e0000000-0000-4000-8000-000000000001', name: 'Main entity' },
  alert_type: { category: 'intrusions', value: 'c2' },
  created_at: 1764400000,
});

type NodeRecord = { nodeId: string; status: string; results?: Record<string, unknown> };

describe('the endpoint-security playbook example (docs/playbooks.md), end to end', () => {
  it('isolates the host of a high-urgency alert in SentinelOne and HarfangLab and comments it; comments the failure instead when an EDR refuses; leaves a low one alone', async () => {
    const sekoia = fakeSekoia(SEKOIA_KEY);
    const s1 = fakeSentinelOne(S1_TOKEN);
    const hl = fakeHarfangLab(HL_TOKEN, { agents: 3 });
    sekoia.state.alerts.set('alert-0001', alert('alert-0001', '10.0.0.5', 85));
    sekoia.state.alerts.set('alert-0002', alert('alert-0002', '10.0.0.7', 90));
    sekoia.state.alerts.set('alert-0003', alert('alert-0003', '10.0.0.5', 20));
    const [sekoiaServer, s1Server, hlServer] = [await bench.fake(sekoia.app), await bench.fake(s1.app), await bench.fake(hl.app)];
    const served = await bench.serve('ply-edr-serve-');
    const api = apiClient(agent, served.url, served.adminToken!);
    for (const account of [
      { module: 'sekoia.io', name: 'sekoia', configuration: { api_key: SEKOIA_KEY, base_url: sekoiaServer.url } },
      { module: 'sentinelone', name: 's1', configuration: { hostname: 'usea1.sentinelone.net', api_token: S1_TOKEN, base_url: s1Server.url } },
      { module: 'harfanglab', name: 'hl', configuration: { url: hlServer.url, api_token: HL_TOKEN } },
    ]) {
      const created = await api.call('POST', '/api/v1/accounts', account);
      expect(created.status, JSON.stringify(created.json)).toBe(201);
    }
    const playbook = await api.call('POST', '/api/v1/playbooks?enable=true', documentedPlaybook('test/server/edr-playbook.e2e.test.ts'), { 'content-type': 'application/yaml' });
    expect(playbook.status, JSON.stringify(playbook.json)).toBe(201);
    const hook = await api.call('GET', `/api/v1/playbooks/${playbook.json.id}/webhook`);
    const post = (event: Record<string, unknown>) => httpJson(agent, `${served.url}${hook.json.path}`, 'POST', event, { 'x-ply-token': hook.json.token as string });

    const isolated = await post({ alert_uuid: 'alert-0001' });
    expect(isolated.status).toBe(202);
    const isolatedRun = await api.finished(isolated.json.executionId, 20_000);
    expect(isolatedRun.status, JSON.stringify(isolatedRun)).toBe('succeeded');
    expect((isolatedRun.nodes as NodeRecord[]).map((n) => `${n.nodeId}:${n.status}`).sort()).toEqual(['comment_done:succeeded', 'get_alert:succeeded', 'hl_agent:succeeded', 'hl_isolate:succeeded', 's1_isolate:succeeded', 'urgency:succeeded']);
    expect(s1.received.map((r) => [r.path, r.body])).toEqual([['/web/api/v2.1/agents/actions/disconnect', { filter: { query: '10.0.0.5' }, data: {} }]]);
    expect(hl.received.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/data/endpoint/Agent/', 'POST /api/data/endpoint/Agent/agent-1/isolate/']);
    expect(sekoia.state.comments.get('alert-0001')!.map((c) => [c['author'], c['content']])).toEqual([
      ['Ply playbook', 'Host WKS-1 (10.0.0.5) isolated: SentinelOne disconnected 1 endpoint(s), HarfangLab isolated agent(s) agent-1.'],
    ]);

    // SentinelOne keeps limiting the rate: the error branch comments the failure.
    s1.faults.failNext.push(...Array.from({ length: 4 }, () => ({ status: 429 as const, retryAfter: '0' })));
    const refused = await post({ alert_uuid: 'alert-0002' });
    const refusedRun = await api.finished(refused.json.executionId, 20_000);
    expect(refusedRun.status, JSON.stringify(refusedRun)).toBe('succeeded');
    const refusedNodes = refusedRun.nodes as NodeRecord[];
    expect(refusedNodes.find((n) => n.nodeId === 's1_isolate')!.status).toBe('failed');
    expect(refusedNodes.some((n) => n.nodeId === 'hl_isolate' || n.nodeId === 'comment_done')).toBe(false);
    expect(sekoia.state.comments.get('alert-0002')!.map((c) => c['content'])).toEqual(['Isolation of 10.0.0.7 failed: SentinelOne kept limiting the rate (HTTP 429 after 4 attempts): Too Many Requests (code 4290010)']);

    const low = await post({ alert_uuid: 'alert-0003' });
    const lowRun = await api.finished(low.json.executionId, 20_000);
    expect(lowRun.status, JSON.stringify(lowRun)).toBe('succeeded');
    expect((lowRun.nodes as NodeRecord[]).map((n) => n.nodeId).sort()).toEqual(['get_alert', 'urgency']);
    expect(sekoia.state.comments.has('alert-0003')).toBe(false);
    expect(hl.received).toHaveLength(2);

    const everything = JSON.stringify([isolatedRun, refusedRun, lowRun]) + served.output();
    for (const secret of [SEKOIA_KEY, S1_TOKEN, HL_TOKEN]) expect(everything).not.toContain(secret);
  });
});
