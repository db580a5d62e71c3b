import { afterEach, describe, expect, it, vi } from 'vitest';
import { runTestConnector, runTestTrigger, startFakeServer, type FakeServer } from '@ply/kit/testing';
import { createAzureAdPlugin } from '../src/index.js';
import { fakeAssetApi } from './fake-asset-api.js';
import { TENANT, secretForms, startTenant } from './harness.js';

/** The connector's loop makes several requests per step: on a loaded machine a step takes longer than waitFor's default second. */
const UNDER_LOAD = { timeout: 10_000 };

const plugin = createAzureAdPlugin({ pollIntervalMs: 5 });
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function start(...args: Parameters<typeof startTenant>) {
  const tenant = await startTenant(...args);
  cleanups.push(() => tenant.server.close());
  return tenant;
}
const recent = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
const ARGS = { intake_key: 'intake-key-1', chunk_size: 2 };

describe('Graph API events trigger and connector', () => {
  it('emits new directory audits and sign-ins as { records } chunks, older than a week left out', async () => {
    const t = await start();
    t.state.directoryAudits.push({ id: 'd-old', activityDateTime: recent(8 * 24 * 60), activityDisplayName: 'Add user' }, { id: 'd1', activityDateTime: recent(30), activityDisplayName: 'Disable account' });
    t.state.signIns.push({ id: 's1', createdDateTime: recent(20), userPrincipalName: 'jdoe@contoso.example', ipAddress: '203.0.113.7' }, { id: 's2', createdDateTime: recent(10) }, { id: 's3', createdDateTime: recent(5) });
    const run = runTestTrigger({ plugin, trigger: 'entraid_graph_api', configuration: t.configuration, arguments: ARGS });
    cleanups.push(() => run.stop());
    const events = await run.waitForEvents(3);
    expect(events.map((e) => (e.event as { records: Array<{ id: string }> }).records.map((r) => r.id))).toEqual([['d1'], ['s1', 's2'], ['s3']]);
    expect(t.state.requests.find((r) => r.path === '/v1.0/auditLogs/signIns')!.query.get('$orderby')).toBe('createdDateTime asc');
    await vi.waitFor(() => expect(run.checkpoint()).toMatchObject({ directoryAudits: { seen: ['d1'] }, signIns: { seen: ['s1', 's2', 's3'] } }), UNDER_LOAD);
    expect(await run.stop()).toBeUndefined();
    expect(JSON.stringify(run.logs.lines)).not.toContain(TENANT.clientSecret);
  });

  it('resumes from its checkpoint after a restart: nothing emitted twice, new records emitted', async () => {
    const t = await start();
    t.state.signIns.push({ id: 's1', createdDateTime: recent(20) }, { id: 's2', createdDateTime: recent(20) });
    const first = runTestTrigger({ plugin, trigger: 'entraid_graph_api', configuration: t.configuration, arguments: ARGS });
    await first.waitForEvents(1);
    await first.stop();
    t.state.signIns.push({ id: 's3', createdDateTime: recent(20) }, { id: 's4', createdDateTime: recent(1) });
    const second = runTestTrigger({ plugin, trigger: 'entraid_graph_api', configuration: t.configuration, arguments: ARGS, checkpoint: first.checkpoint() });
    cleanups.push(() => second.stop());
    const events = await second.waitForEvents(1);
    expect((events[0]!.event as { records: Array<{ id: string }> }).records.map((r) => r.id)).toEqual(['s3', 's4']);
    await vi.waitFor(() => expect(t.state.requests.filter((r) => r.path === '/v1.0/auditLogs/signIns').length).toBeGreaterThan(3), UNDER_LOAD);
    expect(second.events).toHaveLength(1);
  });

  it('reconnects after Graph drops the connection and after a 503, and stops when the credentials are refused', async () => {
    const t = await start();
    t.state.signIns.push({ id: 's1', createdDateTime: recent(3) });
    t.state.switches.dropNext = true;
    t.faults.failNext.push(...Array.from({ length: 4 }, () => ({ status: 503 as const })));
    const run = runTestTrigger({ plugin, trigger: 'entraid_graph_api', configuration: t.configuration, arguments: ARGS });
    cleanups.push(() => run.stop());
    await run.waitForEvents(1);
    expect(run.logs.text()).toContain('reading the Entra ID audit logs failed; trying again');
    const refused = runTestTrigger({ plugin, trigger: 'entraid_graph_api', configuration: { ...t.configuration, client_secret: 'revoked' }, arguments: ARGS });
    cleanups.push(() => refused.stop());
    const error = await refused.waitForEvents(1).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'PLY_VENDOR_HTTP_ERROR', message: expect.stringContaining('the token endpoint refused the client credentials (HTTP 401)') });
  });

  it('pushes each record as an intake event from the connector, with its checkpoint', async () => {
    const t = await start();
    t.state.directoryAudits.push({ id: 'd1', activityDateTime: recent(3), category: 'UserManagement' });
    t.state.signIns.push({ id: 's1', createdDateTime: recent(2) });
    const run = runTestConnector({ plugin, connector: 'entraid_graph_api', configuration: t.configuration, arguments: ARGS });
    cleanups.push(() => run.stop());
    const events = await run.waitForEvents(2);
    expect(events.map((e) => (e as { id: string }).id)).toEqual(['d1', 's1']);
    await vi.waitFor(() => expect(run.checkpoint()).toMatchObject({ directoryAudits: { seen: ['d1'] }, signIns: { seen: ['s1'] } }), UNDER_LOAD);
  });
});

describe('Users asset connector', () => {
  it('posts users with MFA, groups and admin role as OCSF items in batches, then only users created since', async () => {
    const t = await start();
    const sekoiaKey = 'sekoia-asset-key-77';
    const assets = fakeAssetApi(sekoiaKey);
    const sekoia: FakeServer = await startFakeServer(assets.app.fetch);
    cleanups.push(() => sekoia.close());
    const admin = t.state.addUser({ userPrincipalName: 'admin@contoso.example', displayName: 'Ada Admin', mail: 'admin@contoso.example', createdDateTime: '2025-01-01T00:00:00Z', companyName: 'Contoso', department: 'IT', jobTitle: 'Admin' });
    t.state.addUser({ userPrincipalName: 'jdoe@contoso.example', displayName: 'John Doe', createdDateTime: '2025-02-01T00:00:00Z', accountEnabled: false });
    t.state.addUser({ userPrincipalName: 'asmith@contoso.example', createdDateTime: '2025-03-01T00:00:00Z' });
    t.state.methods.set(String(admin['id']), [{ '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', id: 'm1' }]);
    t.state.memberOf.set(String(admin['id']), [{ '@odata.type': '#microsoft.graph.group', id: 'g1', displayName: 'IT admins' }, { '@odata.type': '#microsoft.graph.group', id: 'g2', displayName: 'All' }, { '@odata.type': '#microsoft.graph.directoryRole', id: 'r1', displayName: 'Global Administrator' }]);
    const uuid = '4e0b8a4e-7f0e-4f5a-9a51-0d8f1c2b3a4d';
    const run = runTestConnector({ plugin, connector: 'entra_id_assets', configuration: t.configuration, arguments: { sekoia_api_key: sekoiaKey, sekoia_base_url: sekoia.url, batch_size: 2, asset_connector_uuid: uuid } });
    cleanups.push(() => run.stop());
    // The checkpoint is saved once the vendor has answered the batch's POST: the fake server sees the batch first.
    await vi.waitFor(() => {
      expect(assets.batches.map((b) => b.items.length)).toEqual([2, 1]);
      expect(run.checkpoint()).toEqual({ most_recent_date_seen: '2025-03-01T00:00:01Z' });
    }, UNDER_LOAD);
    expect(assets.batches[0]!.connector).toBe(uuid);
    const first = assets.batches[0]!.items[0]!;
    expect(first).toMatchObject({ class_uid: 5003, type_uid: 500302, user: { name: 'admin@contoso.example', has_mfa: true, type: 'Admin', type_id: 2, groups: [{ name: 'IT admins', uid: 'g1' }, { name: 'All', uid: 'g2' }], org: { name: 'Contoso' }, domain: 'contoso.example' } });
    expect(assets.batches[0]!.items[1]).toMatchObject({ user: { name: 'jdoe@contoso.example', has_mfa: false, type: 'User' }, enrichments: [{ name: 'account', data: { is_enabled: false } }] });
    const users = t.state.requests.filter((r) => r.path === '/v1.0/users');
    expect(users[0]!.headers['consistencylevel']).toBe('eventual');
    t.state.addUser({ userPrincipalName: 'new@contoso.example', createdDateTime: '2025-04-01T00:00:00Z' });
    await vi.waitFor(() => expect(assets.batches.at(-1)!.items.map((i) => (i['user'] as { name: string }).name)).toEqual(['new@contoso.example']), UNDER_LOAD);
    expect(t.state.requests.filter((r) => r.path === '/v1.0/users').at(-1)!.query.get('$filter')).toMatch(/^createdDateTime ge 2025-0[34]-01T00:00:01Z$/);
    const text = JSON.stringify(run.logs.lines);
    for (const form of [...secretForms(), sekoiaKey]) expect(text).not.toContain(form);
  });
});
