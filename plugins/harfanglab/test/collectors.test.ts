import { describe, expect, it, vi } from 'vitest';
import { WAIT_FOR, runTestConnector } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { moduleDir, setup } from './setup.js';

const args = { sekoia_api_key: 'sekoia-key-2', batch_size: 2, frequency: 60 };

describe('HarfangLab devices connector', () => {
  it('pushes OCSF device inventory documents in batches, then only agents first seen after the checkpoint', async () => {
    const { hl, configuration } = await setup({ agents: 3 });
    const first = runTestConnector({ plugin, moduleDir, connector: 'harfanglab_asset_connector', configuration, arguments: args });
    const assets = (await first.waitForEvents(3)) as Array<{ class_uid: number; device: { hostname: string; os: { type: string } } }>;
    await first.stop();
    expect(first.batches.map((batch) => batch.length)).toEqual([2, 1]);
    expect(assets.map((asset) => asset.device.hostname)).toEqual(['WKS-0', 'WKS-1', 'WKS-2']);
    expect(assets[0]).toMatchObject({ class_uid: 5001, device: { os: { type: 'Windows', name: 'Windows 11 Pro' }, domain: 'corp.example', is_managed: true }, enrichments: [{ data: { firewall_status: 'Enabled' } }] });
    expect(first.checkpoint()).toEqual({ most_recent_date_seen: '2026-11-01T00:02:00.000Z' });
    const before = hl.received.length;
    const second = runTestConnector({ plugin, moduleDir, connector: 'harfanglab_asset_connector', configuration, arguments: args, checkpoint: first.checkpoint() });
    await vi.waitFor(() => expect(hl.received.length).toBeGreaterThan(before), WAIT_FOR);
    await second.stop();
    expect(second.events()).toEqual([]);
    expect(hl.received.at(-1)!.query).toMatchObject({ ordering: 'firstseen', firstseen__gt: '2026-11-01T00:02:00.000Z' });
  });

  it('collects again after HarfangLab drops the connection (past the HTTP retries)', async () => {
    const { hl, configuration } = await setup({ agents: 1 });
    hl.state.dropNext = 4;
    const run = runTestConnector({ plugin, moduleDir, connector: 'harfanglab_asset_connector', configuration, arguments: { ...args, frequency: 1 } });
    expect(await run.waitForEvents(1, 10_000)).toHaveLength(1);
    await run.stop();
    expect(run.logs.text()).toContain('collection failed; trying again');
  });

  it('stops with a clear status when the token is refused', async () => {
    const { configuration } = await setup();
    const run = runTestConnector({ plugin, moduleDir, connector: 'harfanglab_asset_connector', configuration: { ...configuration, api_token: 'bad-token-8' }, arguments: args });
    await expect(run.waitForEvents(1)).rejects.toThrow(/the API token was refused \(HTTP 401\)/);
  });
});
