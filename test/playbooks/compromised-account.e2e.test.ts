import { afterEach, describe, expect, it } from 'vitest';
import { PlaybookEngine, PlyStore } from '@ply/runtime';
import { createTestPly, SELF_SIGNED_CERT, startFakeServer, type FakeServer } from '@ply/kit/testing';
import azureAd from '@ply/plugin-azure-ad';
import fortigate from '@ply/plugin-fortigate';
import { createSekoiaIoPlugin } from '@ply/plugin-sekoia-io';
import servicenow from '@ply/plugin-servicenow';
// The plugins' own fakes, each after its vendor's published API (see the top of each file).
import { fakeEntra } from '../../plugins/azure-ad/test/fake-entra/fake-entra.js';
import { TENANT } from '../../plugins/azure-ad/test/harness.js';
import { fakeFortigate } from '../../plugins/fortigate/test/fake-fortigate.js';
import { fakeSekoia } from '../../plugins/sekoia-io/test/fake-sekoia/fake-sekoia.js';
import { fakeServiceNow } from '../../plugins/servicenow/test/fake-servicenow.js';
import { documentedPlaybook } from '../documented-playbook.js';

// The playbook of docs/playbooks.md ("Example: contain a compromised account"), as written there.
const PLAYBOOK = documentedPlaybook('test/playbooks/compromised-account.e2e.test.ts');
const SEKOIA_KEY = 'sekoia-e2e-key-9f8e7d';
const FORTI_KEYS = ['forti-key-one-111', 'forti-key-two-222'];
const SN = { username: 'ply.integration', password: 'Sn0w+E2e/pass' };
const ALERT = {
  uuid: '7a1e0b3c-5d2f-4e6a-9b8c-1d2e3f4a5b6c',
  short_id: 'ALcomp42',
  title: 'Impossible travel then MFA fatigue',
  urgency: { current_value: 85, value: 85, severity: 85 },
  status: { uuid: '2efc4930-1442-4abb-acf2-58ba219a4fd0', name: 'Pending', description: 'The alert is waiting for action' },
  rule: { uuid: 'b5c3c1a0-0000-4000-8000-000000000042', name: 'Compromised account' },
  entity: { uuid: 'e0000000-0000-4000-8000-000000000001', name: 'Main entity' },
  alert_type: { category: 'intrusions', value: 'unauthorised-access' },
  source: '198.51.100.23',
  target: 'jdoe@contoso.example',
  created_at: 1764400000,
};

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function serve(fetch: Parameters<typeof startFakeServer>[0], tls?: 'self-signed'): Promise<FakeServer> {
  const server = await startFakeServer(fetch, tls ? { tls } : {});
  cleanups.push(() => server.close());
  return server;
}

/** The four fakes, a test Ply with the four plugins, a SQLite store with one account per module, and the engine. */
async function setup() {
  const sekoia = fakeSekoia(SEKOIA_KEY);
  sekoia.state.alerts.set(ALERT.uuid, structuredClone(ALERT));
  const entra = fakeEntra(TENANT);
  const jdoe = entra.state.addUser({ userPrincipalName: ALERT.target, displayName: 'John Doe' });
  const firewalls = FORTI_KEYS.map((apiKey) => fakeFortigate({ apiKey }));
  const itsm = fakeServiceNow(SN);
  const [sekoiaServer, entraServer, itsmServer, ...fortiServers] = [await serve(sekoia.app.fetch), await serve(entra.app.fetch), await serve(itsm.app.fetch), ...(await Promise.all(firewalls.map((f) => serve(f.app.fetch, 'self-signed'))))];
  const test = createTestPly({ plugins: [{ plugin: createSekoiaIoPlugin() }, { plugin: azureAd }, { plugin: fortigate }, { plugin: servicenow }] });
  const store = await PlyStore.open({ home: test.home, secretKey: Buffer.alloc(32, 9) });
  cleanups.push(() => store.close());
  const entraRoot = entraServer!.url.replace(/\/$/, '');
  await store.accounts.create({ module: 'sekoia.io', name: 'sekoia', configuration: { base_url: sekoiaServer!.url, api_key: SEKOIA_KEY }, secretKeys: ['api_key'] });
  await store.accounts.create({ module: 'azure-ad', name: 'entra', configuration: { tenant_id: TENANT.tenantId, client_id: TENANT.clientId, client_secret: TENANT.clientSecret, authority_host: entraRoot, graph_url: entraRoot }, secretKeys: ['client_secret', 'password'] });
  const firewallsConfig = fortiServers.map((server, i) => ({ api_key: FORTI_KEYS[i], base_ip: new URL(server.url).hostname, base_port: new URL(server.url).port, ca_certificate: SELF_SIGNED_CERT }));
  await store.accounts.create({ module: 'fortigate', name: 'firewalls', configuration: { firewalls: firewallsConfig }, secretKeys: ['firewalls'] });
  await store.accounts.create({ module: 'servicenow', name: 'itsm', configuration: { base_url: itsmServer!.url, ...SN }, secretKeys: ['password'] });
  const engine = new PlaybookEngine({ ply: test.ply, store });
  cleanups.push(() => engine.shutdown(1_000));
  const { id } = await engine.create(engine.parse(PLAYBOOK));
  await engine.enable(id);
  return { ...test, store, engine, id, sekoia, entra, jdoe, firewalls, itsm };
}

describe('playbook: a Sekoia.io alert about a compromised account (docs/playbooks.md)', () => {
  it('disables the Entra ID user, revokes its sessions, blocks the source on both Fortigates and opens a ServiceNow incident', async () => {
    const { engine, store, id, entra, jdoe, firewalls, itsm, logs } = await setup();
    const summary = await engine.run(id, { alert_uuid: ALERT.short_id });
    expect(summary.status, JSON.stringify(summary.error)).toBe('succeeded');
    const record = await store.executions.get(summary.executionId);
    expect(record.nodes!.map((node) => `${node.nodeId}:${node.status}`).sort()).toEqual(['block_ip', 'blocklist', 'contained', 'disable_user', 'get_alert', 'incident', 'revoke_sessions'].map((node) => `${node}:succeeded`));

    // Entra ID: the user is disabled and its refresh tokens revoked.
    expect(jdoe['accountEnabled']).toBe(false);
    expect(jdoe['signInSessionsValidFromDateTime']).toEqual(expect.any(String));
    expect(entra.state.requests.filter((r) => r.path.startsWith('/v1.0/')).map((r) => `${r.method} ${decodeURIComponent(r.path)}`)).toEqual([`PATCH /v1.0/users/${ALERT.target}`, `POST /v1.0/users/${ALERT.target}/revokeSignInSessions`]);

    // Fortigate: on each firewall, the address of the source and the blocklist group holding it.
    for (const firewall of firewalls) {
      expect(firewall.tables.get('firewall/address')!.get(`ply-block-${ALERT.source}`)).toMatchObject({ type: 'ipmask', subnet: `${ALERT.source}/32`, comment: `Sekoia.io alert ${ALERT.short_id}` });
      expect(firewall.tables.get('firewall/addrgrp')!.get('Ply-Blocklist')).toMatchObject({ member: [{ name: `ply-block-${ALERT.source}` }] });
    }

    // ServiceNow: one incident with the alert's details.
    const incidents = [...itsm.tables.get('incident')!.values()];
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ short_description: `Compromised account ${ALERT.target} (${ALERT.short_id})`, urgency: '1', impact: '2', category: 'security', u_sekoia_alert: ALERT.uuid });
    expect(String(incidents[0]!['description'])).toBe(
      [`Sekoia.io alert ${ALERT.short_id}: ${ALERT.title} (urgency 85).`, `Entra ID user ${ALERT.target} disabled and its sessions revoked.`, `Source ${ALERT.source} blocked on 2 firewalls (Ply-Blocklist).`].join('\n'),
    );

    // No credential of any of the four accounts in the records or the logs.
    const visible = JSON.stringify(record) + logs.text();
    for (const secret of [SEKOIA_KEY, TENANT.clientSecret, ...FORTI_KEYS, SN.password]) expect(visible).not.toContain(secret);
  });

  it('still opens the incident when one firewall is down (its outcome recorded); with a revoked token and the user gone from Entra ID, fails before the incident', async () => {
    const { engine, store, id, firewalls, itsm, entra } = await setup();
    firewalls[1]!.faults.failNext.push(...Array.from({ length: 8 }, () => ({ status: 503 as const })));
    const partial = await engine.run(id, { alert_uuid: ALERT.uuid });
    expect(partial.status).toBe('succeeded');
    const block = (await store.executions.get(partial.executionId)).nodes!.find((node) => node.nodeId === 'block_ip')!;
    expect((block.results as { firewalls: Array<{ status: string }> }).firewalls.map((f) => f.status)).toEqual(['created', 'failed']);
    expect(itsm.tables.get('incident')!.size).toBe(1);

    entra.state.tokens.clear();
    entra.state.users.clear();
    const refused = await engine.run(id, { alert_uuid: ALERT.uuid });
    expect(refused.status).toBe('failed');
    expect(refused.error?.message).toContain(`user ${ALERT.target} was not found at Microsoft Entra ID (HTTP 404`);
    expect(itsm.tables.get('incident')!.size).toBe(1);
  });
});
