import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WAIT_FOR } from '@ply/kit/testing';
import { SAMPLES } from './fake-sekoia/state.js';
import { startTriggerWorld, type TriggerWorld } from './trigger-harness.js';

const CASE = SAMPLES['sample_siccaseapi']!;
const CASE_UUID = String(CASE['uuid']);

describe('Sekoia.io case triggers on the LiveAPI, fed the reference samples', () => {
  let w: TriggerWorld;
  beforeEach(async () => {
    w = await startTriggerWorld();
    w.state.cases.set('sentinel', { ...structuredClone(CASE), uuid: 'sentinel', short_id: 'CAsentinel' });
  });
  afterEach(() => w.close());

  /** Sends `sample` for the sentinel case and returns, once its event is out, the events before it. */
  async function settle(trigger: ReturnType<TriggerWorld['start']>, sample: string): Promise<Array<Record<string, unknown>>> {
    w.live.publishSample(sample, (notification) => ({ ...notification, attributes: { ...(notification['attributes'] as object), uuid: 'sentinel' } }));
    await vi.waitFor(() => expect(trigger.events.some((emitted) => (emitted.event as { uuid: string }).uuid === 'sentinel')).toBe(true), WAIT_FOR);
    return trigger.events.map((emitted) => emitted.event as Record<string, unknown>).filter((event) => event['uuid'] !== 'sentinel');
  }

  it('emits the reference event for a created case: notification attributes and case fields', async () => {
    const trigger = w.start('sekoiaio_case_created');
    await w.live.waitForUpgrades(1);
    w.live.publishSample('samplenotif_case_updated');
    w.live.publishSample('samplenotif_case_created');
    expect(await settle(trigger, 'samplenotif_case_created')).toEqual([
      {
        uuid: CASE_UUID,
        short_id: 'CAmDUb2Anct1e',
        created_at: '2025-02-06T15:05:44.016485',
        created_by: 'a5fe93d8-e910-494b-ab83-8565fa2e5916',
        mode: 'manual',
        title: 'Test new case',
        description: 'Test for cases',
        community_uuid: 'c766cfab-a604-41c5-b95b-c7cc467f7fc4',
        assignees: [],
        priority_uuid: 'd4035e46-3a60-4dc8-a91a-ac7a80d04688',
        status_uuid: '210e3788-1f95-4e04-accf-a48134f97413',
        tags: [],
      },
    ]);
    expect(w.state.requests.some((request) => request.url === `/api/v1/sic/cases/${CASE_UUID}`)).toBe(true);
  });

  it('emits the changed fields of an updated case', async () => {
    const trigger = w.start('sekoiaio_case_updated');
    await w.live.waitForUpgrades(1);
    w.live.publishSample('samplenotif_case_updated');
    expect(await settle(trigger, 'samplenotif_case_updated')).toEqual([
      {
        uuid: CASE_UUID,
        short_id: 'CAmDUb2Anct1e',
        created_at: '2024-10-25T18:32:06.464890+00:00',
        updated_at: '2025-03-17T15:04:04.858932+00:00',
        updated_by: 'a5fe93d8-e910-494b-ab83-8565fa2e5916',
        tags: ['tag1', 'tag2'],
        description: "I've updated my case",
      },
    ]);
  });

  it('emits the added and removed alerts of a case', async () => {
    const trigger = w.start('sekoiaio_case_alerts_updated');
    await w.live.waitForUpgrades(1);
    w.live.publishSample('samplenotif_case_has_new_alert');
    w.live.publishSample('samplenotif_case_has_updated_alerts');
    expect(await settle(trigger, 'samplenotif_case_has_new_alert')).toEqual([
      { uuid: CASE_UUID, short_id: 'CAmDUb2Anct1e', added_alerts: ['adc66869-25e6-4d7f-987b-5e1bcdf8f256'], deleted_alerts: [] },
      { uuid: CASE_UUID, short_id: 'CAmDUb2Anct1e', added_alerts: ['1391c809-4630-45df-91ed-8154435b9f17'], deleted_alerts: ['adc66869-25e6-4d7f-987b-5e1bcdf8f256'] },
    ]);
  });

  it.each([
    [{ mode_filter: 'automatic' }, 0],
    [{ mode_filter: 'manual' }, 1],
    [{ priority_uuids_filter: ['d4035e46-3a60-4dc8-a91a-ac7a80d04688'] }, 1],
    [{ priority_uuids_filter: ['other'] }, 0],
    [{ assignees_filter: ['bed24c33-9044-41b5-96c5-024eb9b0c439'] }, 1],
    [{ assignees_filter: ['nobody'] }, 0],
  ])('applies the filters of the reference to the case read from the API: %o lets %i through', async (filters, count) => {
    // The sentinel passes every filter but mode and priority ones it shares with the sample; only count the sample.
    const trigger = w.start('sekoiaio_case_updated', filters);
    await w.live.waitForUpgrades(1);
    w.live.publishSample('samplenotif_case_updated');
    if (count === 1) expect(await settle(trigger, 'samplenotif_case_updated')).toHaveLength(1);
    else {
      await vi.waitFor(() => expect(w.state.requests.filter((request) => request.url === `/api/v1/sic/cases/${CASE_UUID}`).length).toBe(1), WAIT_FOR);
      w.live.publishSample('samplenotif_case_updated');
      await vi.waitFor(() => expect(w.state.requests.filter((request) => request.url === `/api/v1/sic/cases/${CASE_UUID}`).length).toBe(2), WAIT_FOR);
      expect(trigger.events).toEqual([]);
    }
  });

  it('filters updates by case uuid or short id', async () => {
    const trigger = w.start('sekoiaio_case_updated', { case_uuids_filter: ['CAsentinel'] });
    await w.live.waitForUpgrades(1);
    w.live.publishSample('samplenotif_case_updated');
    expect(await settle(trigger, 'samplenotif_case_updated')).toEqual([]);
  });
});
