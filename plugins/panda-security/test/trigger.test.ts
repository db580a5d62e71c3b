import { describe, expect, it, vi } from 'vitest';
import { WAIT_FOR, runTestTrigger } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { moduleDir, setup } from './setup.js';

const soon = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

describe('WatchGuard Fetch Security Events trigger', () => {
  it('emits the new events of each type as {events}, tagged with their type, and checkpoints each type', async () => {
    const { wg, configuration } = await setup();
    wg.state.events.set(1, [{ id: 'm2', security_event_date: soon(2) }, { id: 'm1', security_event_date: soon(1) }, { id: 'old', security_event_date: '2020-01-01T00:00:00.000Z' }]);
    wg.state.events.set(9, [{ id: 'p1', date: soon(3) }]);
    const run = runTestTrigger({ plugin, moduleDir, trigger: 'security_events_trigger', configuration, arguments: { frequency: 3600 } });
    const emitted = await run.waitForEvents(2);
    const looks = () => wg.received.filter((request) => request.path.includes('/securityevents/')).length;
    await vi.waitFor(() => expect(looks()).toBe(18), WAIT_FOR);
    await run.stop();
    expect(emitted.map((entry) => (entry.event as { events: Array<{ id: string; security_event_type: number }> }).events.map((event) => [event.id, event.security_event_type]))).toEqual([[['m1', 1], ['m2', 1]], [['p1', 9]]]);
    expect(Object.keys(run.checkpoint() as object).sort()).toEqual(['1', '9']);
  });

  it('resumes from the checkpoint after a restart: only events newer than it', async () => {
    const { wg, configuration } = await setup();
    const m1 = { id: 'm1', security_event_date: soon(1) };
    wg.state.events.set(1, [m1]);
    const first = runTestTrigger({ plugin, moduleDir, trigger: 'security_events_trigger', configuration, arguments: { frequency: 3600 } });
    await first.waitForEvents(1);
    // The checkpoint moves once the emission is acknowledged: a stop before that re-emits the batch.
    await vi.waitFor(() => expect(first.checkpoint()).toHaveProperty('1'), WAIT_FOR);
    await first.stop();
    wg.state.events.set(1, [m1, { id: 'm2', security_event_date: soon(5) }]);
    const second = runTestTrigger({ plugin, moduleDir, trigger: 'security_events_trigger', configuration, arguments: { frequency: 3600 }, checkpoint: first.checkpoint() });
    const emitted = await second.waitForEvents(1);
    await second.stop();
    expect((emitted[0]!.event as { events: Array<{ id: string }> }).events.map((event) => event.id)).toEqual(['m2']);
  });

  it('fetches a new token when the old one expires mid-run, without a refused call', async () => {
    const { wg, configuration } = await setup();
    // A token lives one second: the client fetches the next one at half its life, before it is refused.
    wg.state.expiresIn = 1;
    const run = runTestTrigger({ plugin, moduleDir, trigger: 'security_events_trigger', configuration, arguments: { frequency: 1 } });
    await vi.waitFor(() => expect(wg.state.tokensIssued).toBeGreaterThanOrEqual(2), { ...WAIT_FOR, timeout: 10_000 });
    await vi.waitFor(() => expect(wg.received.filter((request) => request.path.includes('/securityevents/')).length).toBeGreaterThanOrEqual(36), { ...WAIT_FOR, timeout: 10_000 });
    await run.stop();
    expect(wg.state.refusedTokens).toBe(0);
    const tokensUsed = new Set(wg.received.filter((request) => request.path.includes('/securityevents/')).map((request) => request.headers['authorization']));
    expect(tokensUsed.size).toBeGreaterThanOrEqual(2);
  });

  it('polls again after WatchGuard drops the connection (past the HTTP retries)', async () => {
    const { wg, configuration } = await setup();
    wg.state.events.set(2, [{ id: 'pup', security_event_date: soon(1) }]);
    // The token request, then three retries of the first GET: the fifth drop reaches the trigger.
    wg.state.dropNext = 0;
    const run = runTestTrigger({ plugin, moduleDir, trigger: 'security_events_trigger', configuration, arguments: { frequency: 1 } });
    await vi.waitFor(() => expect(wg.state.tokensIssued).toBe(1), WAIT_FOR);
    wg.state.dropNext = 4;
    const emitted = await run.waitForEvents(1, 10_000);
    await run.stop();
    expect(emitted).toHaveLength(1);
  });

  it('stops with a clear status when the credentials are refused', async () => {
    const { configuration } = await setup();
    const run = runTestTrigger({ plugin, moduleDir, trigger: 'security_events_trigger', configuration: { ...configuration, api_key: 'revoked' }, arguments: { frequency: 60 } });
    await expect(run.waitForEvents(1)).rejects.toThrow(/WatchGuard refused the credentials \(HTTP 403\)/);
  });
});
