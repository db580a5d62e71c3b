import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTheHive, type TheHiveHarness } from './harness.js';

/** Sekoia.io events as Get Events returns them: flat ECS field names. */
const EVENTS = [
  { 'source.ip': '1.2.3.4', 'destination.ip': '5.6.7.8', 'url.full': 'https://evil.example/x', 'event.dataset': 'proxy', 'source.port': 443 },
  { 'source.ip': '1.2.3.4', 'file.hash.sha256': 'ab'.repeat(32), 'user.name': 'jdoe', 'host.ip': 10 },
];

const observableBodies = (h: TheHiveHarness) => h.received.filter((request) => request.path.endsWith('/observable')).map((request) => request.body as Record<string, unknown>);

describe('TheHive 5 Add observables through the executor', () => {
  let h: TheHiveHarness;
  let alertId: string;
  beforeEach(async () => {
    h = await startTheHive();
    alertId = await h.seedAlert();
  });
  afterEach(() => h.close());

  it("takes the reference's events: mapped ECS fields become observables, values as strings, duplicates removed", async () => {
    const { results } = (await h.run('add_an_observable_in_the_hive_v5', { alert_id: alertId, events: EVENTS })) as { results: { outputObservables: unknown[]; success: unknown[][]; failure: unknown[] } };
    expect(observableBodies(h)).toEqual([
      { dataType: 'ip', data: '1.2.3.4', tlp: 2, pap: 2, ioc: true },
      { dataType: 'ip', data: '5.6.7.8', tlp: 2, pap: 2, ioc: true },
      { dataType: 'url', data: 'https://evil.example/x', tlp: 2, pap: 2, ioc: true },
      { dataType: 'hash', data: 'ab'.repeat(32), tlp: 2, pap: 2, ioc: true },
      { dataType: 'hostname', data: 'jdoe', tlp: 2, pap: 2, ioc: true },
      { dataType: 'ip', data: '10', tlp: 2, pap: 2, ioc: true },
    ]);
    expect([results.outputObservables.length, results.success.length, results.failure]).toEqual([6, 6, []]);
  });

  it('takes one event given as an object, as the reference manifest types it', async () => {
    await h.run('add_an_observable_in_the_hive_v5', { alert_id: alertId, events: { 'source.domain': 'evil.example' } });
    expect(observableBodies(h)).toEqual([{ dataType: 'domain', data: 'evil.example', tlp: 2, pap: 2, ioc: true }]);
  });

  it.each([
    ['AMBER_STRICT', 'AMBER_STRICT', 3, 2],
    ['amber+strict', 'RED', 3, 3],
    ['CLEAR', 'WHITE', 0, 0],
    [4, 1, 4, 1],
  ])('sends TLP %s and PAP %s as TheHive numbers %i and %i', async (tlp, pap, tlpLevel, papLevel) => {
    await h.run('add_an_observable_in_the_hive_v5', { alert_id: alertId, events: [{ 'source.ip': '1.2.3.4' }], tlp, pap, areioc: false });
    expect(observableBodies(h)[0]).toEqual({ dataType: 'ip', data: '1.2.3.4', tlp: tlpLevel, pap: papLevel, ioc: false });
  });

  it('takes an unknown level name as AMBER with a warning, as the reference', async () => {
    await h.run('add_an_observable_in_the_hive_v5', { alert_id: alertId, events: [{ 'source.ip': '1.2.3.4' }], tlp: 'PURPLE' });
    expect(observableBodies(h)[0]).toMatchObject({ tlp: 2 });
    expect(h.logs.text()).toContain('unknown TLP level \\"PURPLE\\", AMBER (2) is used');
  });

  it('adds explicit observables too, their own levels winning', async () => {
    await h.run('add_an_observable_in_the_hive_v5', { alert_id: alertId, events: [], observables: [{ dataType: 'mail', data: 'a@evil.example', tlp: 4, tags: ['phish'] }] });
    expect(observableBodies(h)).toEqual([{ tlp: 4, pap: 2, ioc: true, dataType: 'mail', data: 'a@evil.example', tags: ['phish'] }]);
  });

  it('goes on when TheHive refuses one observable, and reports it in failure with the others in success', async () => {
    await h.run('add_an_observable_in_the_hive_v5', { alert_id: alertId, events: [{ 'source.ip': '1.2.3.4' }] });
    const { results } = (await h.run('add_an_observable_in_the_hive_v5', { alert_id: alertId, events: [{ 'source.ip': '1.2.3.4', 'destination.ip': '9.9.9.9' }] })) as {
      results: { outputObservables: Array<{ data: string }>; failure: Array<{ observable: { data: string }; error: string }> };
    };
    expect(results.outputObservables.map((observable) => observable.data)).toEqual(['9.9.9.9']);
    expect(results.failure).toEqual([{ observable: { dataType: 'ip', data: '1.2.3.4', tlp: 2, pap: 2, ioc: true }, error: expect.stringContaining('Observable already exists') }]);
    expect(h.logs.text()).toContain('added 1 observables successfully, 1 failed');
  });

  it('fails when TheHive refuses every observable', async () => {
    await h.run('add_an_observable_in_the_hive_v5', { alert_id: alertId, events: [{ 'source.ip': '1.2.3.4' }] });
    const error = await h.fail('add_an_observable_in_the_hive_v5', { alert_id: alertId, events: [{ 'source.ip': '1.2.3.4' }] });
    expect([error.code, error.message]).toEqual(['PLY_VENDOR_HTTP_ERROR', expect.stringMatching(/^TheHive refused all 1 observables of alert ~\d+: .*Observable already exists/)]);
  });

  it('stops at once on an alert TheHive does not know (every observable would fail alike)', async () => {
    const error = await h.fail('add_an_observable_in_the_hive_v5', { alert_id: '~nope', events: EVENTS });
    expect(error.details['status']).toBe(404);
    expect(observableBodies(h)).toHaveLength(1);
  });

  it('refuses a call without events, as the reference requires them', async () => {
    const error = await h.fail('add_an_observable_in_the_hive_v5', { alert_id: alertId, observables: [{ dataType: 'mail', data: 'a@evil.example' }] });
    expect([error.code, error.message]).toEqual(['PLY_ARGUMENTS_INVALID', expect.stringContaining('/events')]);
    expect(observableBodies(h)).toEqual([]);
  });
});
