import { describe, expect, it } from 'vitest';
import { runTestConnector, runTestTrigger, WAIT_FOR } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { moduleDir, setup } from './setup.js';

const intake = { intake_key: 'intake-key-1', frequency: 60 };

describe('SentinelOne alerts connector', () => {
  it('pushes every activity and threat once, oldest first, in pages, and checkpoints each consumer', async () => {
    const { configuration } = await setup({ activities: 250, threats: 3 });
    const run = runTestConnector({ plugin, moduleDir, connector: 'sentinelone_log_connector', configuration, arguments: { ...intake, activities_batch_size: 100 } });
    const events = (await run.waitForEvents(253)) as Array<{ id: string }>;
    await run.stop();
    expect(events.map((event) => event.id)).toEqual([...Array.from({ length: 250 }, (_, i) => `a${i}`), 't0', 't1', 't2']);
    expect(run.batches.map((batch) => batch.length)).toEqual([100, 100, 50, 3]);
    const checkpoint = run.checkpoint() as { activity: { ids: string[] }; threat: { ids: string[] } };
    expect(checkpoint.activity.ids).toEqual(['a248', 'a249']);
    expect(checkpoint.threat.ids).toEqual(['t2']);
  });

  it('resumes from the checkpoint after a restart: nothing lost at a shared timestamp, nothing sent twice', async () => {
    const { s1, configuration } = await setup({ activities: 6 });
    const first = runTestConnector({ plugin, moduleDir, connector: 'sentinelone_log_connector', configuration, arguments: intake });
    await first.waitForEvents(6);
    await first.stop();
    // Two more activities arrive while the connector is down; the first shares the last one's instant.
    const last = s1.state.activities.at(-1)!;
    s1.state.activities.push({ ...last, id: 'a-late-same-instant' }, { ...last, id: 'a-late', createdAt: new Date(Date.parse(String(last['createdAt'])) + 1000).toISOString() });
    const second = runTestConnector({ plugin, moduleDir, connector: 'sentinelone_log_connector', configuration, arguments: intake, checkpoint: first.checkpoint() });
    const events = (await second.waitForEvents(2)) as Array<{ id: string }>;
    await second.stop();
    expect(events.map((event) => event.id)).toEqual(['a-late-same-instant', 'a-late']);
    const query = s1.received.filter((request) => request.path.endsWith('/activities')).at(-1)!.query;
    expect(query).toMatchObject({ sortBy: 'createdAt', sortOrder: 'asc', createdAt__gte: String(last['createdAt']) });
  });

  it('collects again after SentinelOne drops the connection (past the HTTP retries)', async () => {
    const { s1, configuration } = await setup({ activities: 2 });
    // The client retries a GET three times: the fourth drop reaches the collector.
    s1.state.dropNext = 4;
    const run = runTestConnector({ plugin, moduleDir, connector: 'sentinelone_log_connector', configuration: { ...configuration }, arguments: { ...intake, frequency: 1 } });
    const events = await run.waitForEvents(2, 10_000);
    await run.stop();
    expect(events).toHaveLength(2);
    expect(run.logs.text()).toContain('collection failed; trying again');
  });

  it('stops with a clear status when the token is refused, instead of asking again', async () => {
    const { s1, configuration } = await setup({ activities: 2 });
    const run = runTestConnector({ plugin, moduleDir, connector: 'sentinelone_log_connector', configuration: { ...configuration, api_token: 'revoked-token-1' }, arguments: intake });
    await expect(run.waitForEvents(1)).rejects.toThrow(/SentinelOne refused the API token \(HTTP 401\)/);
    expect(s1.received).toHaveLength(1);
  });
});

describe('SentinelOne alerts trigger', () => {
  it('emits each activity and threat as an event and keeps the checkpoint', async () => {
    const { configuration } = await setup({ activities: 2, threats: 1 });
    const run = runTestTrigger({ plugin, moduleDir, trigger: 'sentinelone_log_connector', configuration, arguments: intake });
    const events = await run.waitForEvents(3);
    await run.stop();
    expect(events.map((emitted) => (emitted.event as { id: string }).id)).toEqual(['a0', 'a1', 't0']);
    expect(run.checkpoint()).toMatchObject({ activity: { ids: ['a0', 'a1'] }, threat: { ids: ['t0'] } });
    expect(run.heartbeats()).toBeGreaterThan(0);
  });
});

describe('SentinelOne Singularity Identity connector', () => {
  it('pushes Identity alerts through GraphQL with a Bearer token, page by page, and resumes after a restart', async () => {
    const { s1, configuration } = await setup({ identityAlerts: 60 });
    const first = runTestConnector({ plugin, moduleDir, connector: 'sentinelone_identity_connector', configuration, arguments: intake });
    const events = (await first.waitForEvents(60)) as Array<{ id: string }>;
    await first.stop();
    expect(events.map((event) => event.id)).toEqual(Array.from({ length: 60 }, (_, i) => `ia${i}`));
    expect(first.batches.map((batch) => batch.length)).toEqual([50, 10]);
    const graphql = s1.received.find((request) => request.path.endsWith('/unifiedalerts/graphql'))!;
    expect(graphql.authorization).toMatch(/^Bearer /);
    const last = s1.state.identityAlerts.at(-1)!;
    s1.state.identityAlerts.push({ ...last, id: 'ia-late' });
    const second = runTestConnector({ plugin, moduleDir, connector: 'sentinelone_identity_connector', configuration, arguments: intake, checkpoint: first.checkpoint() });
    expect(((await second.waitForEvents(1)) as Array<{ id: string }>).map((event) => event.id)).toEqual(['ia-late']);
    await second.stop();
  });
});

describe('SentinelOne devices connector', () => {
  it('pushes OCSF device inventory documents in batches and reads only newer agents after a restart', async () => {
    const { s1, configuration } = await setup({ agents: 5 });
    const args = { sekoia_base_url: 'https://api.sekoia.io', sekoia_api_key: 'sekoia-key-1', batch_size: 2, frequency: 60 };
    const first = runTestConnector({ plugin, moduleDir, connector: 'sentinelone_device_assets_connector', configuration, arguments: args });
    const assets = (await first.waitForEvents(5)) as Array<{ class_uid: number; device: { hostname: string; uid: string; os: { type: string }; network_interfaces: unknown[] } }>;
    await first.stop();
    expect(first.batches.map((batch) => batch.length)).toEqual([2, 2, 1]);
    expect(assets[0]).toMatchObject({ class_uid: 5001, type_uid: 500102, device: { hostname: 'host-0', uid: 'uuid-0', os: { type: 'Windows', type_id: 100 }, type: 'Laptop' } });
    expect(assets[1]!.device.network_interfaces).toEqual([{ name: 'eth0', mac: '00:11:22:33:44:55', ip: '10.0.0.5', uid: 'if0' }]);
    s1.state.agents.push({ ...s1.state.agents[4]!, id: 'new-agent', uuid: 'uuid-new', computerName: 'host-new', createdAt: new Date().toISOString() });
    const second = runTestConnector({ plugin, moduleDir, connector: 'sentinelone_device_assets_connector', configuration, arguments: args, checkpoint: first.checkpoint() });
    const fresh = (await second.waitForEvents(1)) as Array<{ device: { hostname: string } }>;
    await second.stop();
    expect(fresh.map((asset) => asset.device.hostname)).toEqual(['host-new']);
  });
});

describe('SentinelOne Deep Visibility consumer (deprecated)', () => {
  it('loads with the reference arguments and stops at start saying what to use instead', async () => {
    const { configuration } = await setup();
    const run = runTestConnector({ plugin, moduleDir, connector: 'sentinelone_deep_visibility_consumer', configuration, arguments: { intake_key: 'k', bootstrap_servers: 'kafka:9093', username: 'u', password: 'p', group_id: 'g', topic: 't' } });
    await expect(run.waitForEvents(1, WAIT_FOR.timeout)).rejects.toThrow(/sentinelone_log_connector/);
  });
});
