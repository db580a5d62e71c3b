import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeMattermost } from '../../plugins/mattermost/test/fake-mattermost.js';
import { fakeShodan } from '../../plugins/shodan/test/fake-shodan.js';
import { fakeVirustotal } from '../../plugins/virustotal/test/fake-virustotal.js';
import { documentedPlaybook } from '../documented-playbook.js';
import { PlaybookTestBench } from './playbook-test-bench.js';
import { apiClient, httpJson } from './serve-process.js';

// The playbook of docs/playbooks.md ("Example: enrich an alert's source IP"), run as written by
// `ply serve` (the built CLI) through its HTTP API, against the plugins' fakes of Shodan,
// VirusTotal and a Mattermost incoming webhook.
const SHODAN_KEY = 'shodan-e2e-key-7a7a7a';
const VT_KEY = 'vt-e2e-key-5b5b5b';
const agent = new Agent({ keepAlive: true, maxSockets: 20 });
const bench = new PlaybookTestBench();
afterEach(() => bench.cleanup());

type NodeRecord = { nodeId: string; status: string; results?: Record<string, unknown> };

describe('the threat-intelligence playbook example (docs/playbooks.md), end to end', () => {
  it('enriches the source IP with Shodan and VirusTotal, posts a flagged one to Mattermost and remembers a clean one', async () => {
    const shodan = fakeShodan(SHODAN_KEY);
    const vt = fakeVirustotal(VT_KEY, { maliciousIps: ['8.8.8.8'] });
    const mattermost = fakeMattermost(['soc-e2e-hook'], ['soc-alerts']);
    const [shodanServer, vtServer, mattermostServer] = [await bench.fake(shodan.app), await bench.fake(vt.app), await bench.fake(mattermost.app)];
    const served = await bench.serve('ply-ti-serve-');
    const api = apiClient(agent, served.url, served.adminToken!);
    for (const account of [
      { module: 'shodan', name: 'shodan', configuration: { api_key: SHODAN_KEY, base_url: shodanServer.url } },
      { module: 'virustotal', name: 'virustotal', configuration: { apikey: VT_KEY, base_url: vtServer.url, ratelimit_per_minute: 0 } },
      { module: 'mattermost', name: 'soc', configuration: { hook_url: `${mattermostServer.url}hooks/soc-e2e-hook` } },
    ]) {
      const created = await api.call('POST', '/api/v1/accounts', account);
      expect(created.status, JSON.stringify(created.json)).toBe(201);
    }
    const playbook = await api.call('POST', '/api/v1/playbooks?enable=true', documentedPlaybook('test/server/threat-intel-playbook.e2e.test.ts'), { 'content-type': 'application/yaml' });
    expect(playbook.status, JSON.stringify(playbook.json)).toBe(201);
    const hook = await api.call('GET', `/api/v1/playbooks/${playbook.json.id}/webhook`);
    const post = (event: Record<string, unknown>) => httpJson(agent, `${served.url}${hook.json.path}`, 'POST', event, { 'x-ply-token': hook.json.token as string });

    const flagged = await post({ alert_id: 'AL-1', source_ip: '8.8.8.8' });
    const clean = await post({ alert_id: 'AL-2', source_ip: '198.51.100.7' });
    expect([flagged.status, clean.status]).toEqual([202, 202]);

    const flaggedRun = await api.finished(flagged.json.executionId, 20_000);
    expect(flaggedRun.status, JSON.stringify(flaggedRun)).toBe('succeeded');
    const flaggedNodes = flaggedRun.nodes as NodeRecord[];
    expect(flaggedNodes.map((n) => `${n.nodeId}:${n.status}`).sort()).toEqual(['enriched:succeeded', 'notify:succeeded', 'reputation:succeeded', 'shodan_host:succeeded', 'vt_ip:succeeded']);
    expect(flaggedNodes.find((n) => n.nodeId === 'reputation')!.results).toEqual({ branch: 'flagged' });
    expect(mattermost.received.map((p) => p.body)).toEqual([
      {
        channel: 'soc-alerts',
        // The reference's Post Message sends Sekoia.io's icon.
        icon_url: 'https://app.sekoia.io/user/favicon.ico',
        text: 'Alert AL-1: source IP 8.8.8.8 is flagged by 14 VirusTotal engines (reputation -40, Example Hosting, NL). Shodan: Google LLC, open ports 53, 443.',
      },
    ]);

    const cleanRun = await api.finished(clean.json.executionId, 20_000);
    expect(cleanRun.status, JSON.stringify(cleanRun)).toBe('succeeded');
    const cleanNodes = cleanRun.nodes as NodeRecord[];
    // Shodan knows nothing of the address (404): its error branch joins the enrichment all the same.
    expect(cleanNodes.find((n) => n.nodeId === 'shodan_host')!.status).toBe('failed');
    expect(cleanNodes.find((n) => n.nodeId === 'reputation')!.results).toEqual({ branch: null });
    expect(cleanNodes.some((n) => n.nodeId === 'notify')).toBe(false);
    expect(cleanNodes.find((n) => n.nodeId === 'remember_clean')!.results).toMatchObject({ append: { clean_ips: '198.51.100.7' } });
    expect(mattermost.received).toHaveLength(1);

    expect(shodan.received.map((r) => r.path).sort()).toEqual(['/shodan/host/198.51.100.7', '/shodan/host/8.8.8.8']);
    expect(vt.received.map((r) => r.path).sort()).toEqual(['/ip_addresses/198.51.100.7', '/ip_addresses/8.8.8.8']);
    const everything = JSON.stringify([flaggedRun, cleanRun]) + served.output();
    for (const secret of [SHODAN_KEY, VT_KEY, 'soc-e2e-hook']) expect(everything).not.toContain(secret);
  });
});
