import { afterEach, describe, expect, it, vi } from 'vitest';
import { WAIT_FOR } from '@ply/kit/testing';
import { PlaybookTriggers } from '@ply/runtime';
import { setupApi, type ApiHarness } from './api-fixture.js';

let api: ApiHarness;
afterEach(async () => {
  await api?.runtime.close(1000);
});

/** A schedule that never fires during a test (1 January, midnight): it runs under the supervisor all the same. */
const yearly = 'name: Yearly\ntrigger: { type: schedule, cron: "0 0 1 1 *", next: [keep] }\nnodes:\n  keep: { type: store, set: { done: true } }\n';
const webhook = 'name: Hook\ntrigger: { type: webhook, next: [keep] }\nnodes:\n  keep: { type: store, set: { done: true } }\n';

async function playbook(text: string, enable = true): Promise<string> {
  const created = await api.call('admin', 'POST', `/api/v1/playbooks${enable ? '?enable=true' : ''}`, text, { 'content-type': 'application/yaml' });
  expect(created.status, created.text).toBe(201);
  return created.json.id as string;
}

describe('runtime API: triggers', () => {
  it('shows a supervised trigger, stops it without disabling its playbook, and starts it again', async () => {
    api = await setupApi({ supervise: true });
    const id = await playbook(yearly);
    await vi.waitFor(async () => expect((await api.call('viewer', 'GET', `/api/v1/triggers/${id}`)).json.state).toBe('running'), WAIT_FOR);
    const running = await api.call('viewer', 'GET', `/api/v1/triggers/${id}`);
    expect(running.json).toMatchObject({ id, kind: 'schedule', state: 'running', held: false, restarts: 0, lastError: null });

    const stopped = await api.call('admin', 'POST', `/api/v1/triggers/${id}/stop`);
    expect(stopped.status).toBe(200);
    expect(stopped.json).toMatchObject({ id, state: 'stopped', held: true });
    expect(api.triggers!.supervisor.ids()).toEqual([]);
    expect((await api.call('viewer', 'GET', `/api/v1/playbooks/${id}`)).json.enabled).toBe(true);
    // The sync loop does not bring a held trigger back, even on a pass that compares the whole
    // store again (another playbook changed it).
    await playbook(webhook);
    await api.triggers!.sync();
    expect(api.triggers!.supervisor.ids()).toEqual([]);
    expect((await api.call('viewer', 'GET', '/api/v1/triggers')).json.triggers).toEqual([expect.objectContaining({ id, state: 'stopped', held: true })]);

    const started = await api.call('admin', 'POST', `/api/v1/triggers/${id}/start`);
    expect(started.json).toMatchObject({ id, state: 'running', held: false });
    expect(api.triggers!.supervisor.ids()).toEqual([id]);
  });

  it('keeps a stopped trigger stopped across a restart (the hold is stored), until it is started', async () => {
    api = await setupApi({ supervise: true });
    const id = await playbook(yearly);
    await vi.waitFor(async () => expect((await api.call('viewer', 'GET', `/api/v1/triggers/${id}`)).json.state).toBe('running'), WAIT_FOR);
    expect((await api.call('admin', 'POST', `/api/v1/triggers/${id}/stop`)).json).toMatchObject({ held: true });
    expect((await api.runtime.store.playbooks.get(id)).triggerHeld).toBe(true);
    await api.triggers!.stop();

    // What the next `ply serve` on this store starts: a new supervisor that knows nothing of the old one.
    const { ply, store, engine } = api.runtime;
    const next = new PlaybookTriggers({ ply, store, engine, syncIntervalMs: 10 });
    next.start();
    try {
      // Passes run one at a time: once this one resolves, the first pass (which compares the whole store) has run.
      await next.sync();
      expect(next.supervisor.ids()).toEqual([]);
      expect(await next.statusOf(id)).toMatchObject({ state: 'stopped', held: true });
      expect(await next.status()).toEqual([expect.objectContaining({ id, held: true })]);
      await next.startTrigger(id);
      expect(next.supervisor.ids()).toEqual([id]);
      expect((await store.playbooks.get(id)).triggerHeld).toBe(false);
    } finally {
      await next.stop();
    }
  });

  it('refuses callers without the role, unknown playbooks, playbooks without a supervised trigger and starting a disabled one', async () => {
    api = await setupApi({ supervise: true });
    const id = await playbook(yearly);
    const hook = await playbook(webhook);
    const disabled = await playbook(yearly.replace('Yearly', 'Off'), false);
    expect((await api.call(undefined, 'GET', `/api/v1/triggers/${id}`)).status).toBe(401);
    for (const role of ['viewer', 'operator'] as const) {
      const refused = await api.call(role, 'POST', `/api/v1/triggers/${id}/stop`);
      expect([refused.status, refused.json.error.code]).toEqual([403, 'PLY_FORBIDDEN']);
    }
    const cases: Array<[string, string, number, string]> = [
      ['GET', '/api/v1/triggers/nope', 404, 'PLY_PLAYBOOK_NOT_FOUND'],
      ['POST', '/api/v1/triggers/nope/stop', 404, 'PLY_PLAYBOOK_NOT_FOUND'],
      ['GET', `/api/v1/triggers/${hook}`, 404, 'PLY_TRIGGER_NOT_FOUND'],
      ['POST', `/api/v1/triggers/${hook}/start`, 404, 'PLY_TRIGGER_NOT_FOUND'],
      ['POST', `/api/v1/triggers/${disabled}/start`, 409, 'PLY_PLAYBOOK_DISABLED'],
    ];
    for (const [method, path, status, code] of cases) {
      const response = await api.call('admin', method, path);
      expect([response.status, response.json.error.code], `${method} ${path}`).toEqual([status, code]);
    }
    // A disabled playbook's trigger exists but does not run.
    expect((await api.call('viewer', 'GET', `/api/v1/triggers/${disabled}`)).json).toMatchObject({ state: 'stopped', held: false });
  });
});
