import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runTestTrigger, startFakeServer, type FakeServer, type TestTriggerRun } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeVirustotal, type Notification } from './fake-virustotal.js';
import { API_KEY, moduleDir } from './setup.js';

let servers: FakeServer[] = [];
let triggers: TestTriggerRun[] = [];
afterEach(async () => {
  await Promise.all(triggers.map((trigger) => trigger.stop()));
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
  triggers = [];
});

const sha = (n: number) => n.toString(16).padStart(64, '0');
const notification = (n: number, name?: string): Notification => ({ id: `notif-${n}`, date: 1_764_500_000 + n * 60, sha256: sha(n), ...(name ? { name } : {}) });

async function virustotal(notifications: Notification[]) {
  const vt = fakeVirustotal(API_KEY);
  vt.state.notifications.push(...notifications);
  const server = await startFakeServer(vt.app.fetch);
  servers.push(server);
  return { vt, configuration: { apikey: API_KEY, base_url: server.url, ratelimit_per_minute: 0 } };
}

function start(configuration: Record<string, unknown>, args: Record<string, unknown>, checkpoint?: unknown) {
  const trigger = runTestTrigger({ plugin, moduleDir, trigger: 'livehunt_notification_files', configuration, arguments: { sleep_time: 0.02, ...args }, ...(checkpoint ? { checkpoint } : {}) });
  triggers.push(trigger);
  return trigger;
}

describe('VirusTotal LiveHunt notifications trigger', () => {
  it("emits every notification, oldest first, in the reference's event shape with the notification in the event's folder", async () => {
    const { configuration } = await virustotal([notification(1, 'dropper.exe'), notification(2), notification(3)]);
    const trigger = start(configuration, {});
    const events = await trigger.waitForEvents(3);
    expect(events.map((e) => (e.event as { notification_id: string }).notification_id)).toEqual(['notif-1', 'notif-2', 'notif-3']);
    const first = events[0]!;
    expect(first.event).toEqual({ notification_path: 'notification.json', ruleset_name: 'APT rules', rule_name: 'apt_dropper', notification_id: 'notif-1', notification_date: 1_764_500_060, md5: expect.stringMatching(/^[0-9a-f]{32}$/), sha1: expect.stringMatching(/^[0-9a-f]{40}$/), sha256: sha(1), name: 'dropper.exe' });
    const saved = JSON.parse(readFileSync(join(trigger.files.root, first.options!.directory!, 'notification.json'), 'utf8')) as { context_attributes: { notification_id: string } };
    expect(saved.context_attributes.notification_id).toBe('notif-1');
    // The checkpoint moves once the emission was acknowledged.
    await expect.poll(() => trigger.checkpoint()).toEqual({ last_notification_id: 'notif-3', last_notification_date: 1_764_500_180 });
  });

  it('reads every page of the cursor on a first run (more than 40 notifications)', async () => {
    const { vt, configuration } = await virustotal(Array.from({ length: 45 }, (_, i) => notification(i + 1)));
    const trigger = start(configuration, {});
    const events = await trigger.waitForEvents(45);
    expect(new Set(events.map((e) => (e.event as { notification_id: string }).notification_id)).size).toBe(45);
    expect(vt.received.slice(0, 2).map((r) => r.query['cursor'])).toEqual([undefined, '40']);
  });

  it('resumes after a restart from its checkpoint: only notifications newer than the last acknowledged one', async () => {
    const { vt, configuration } = await virustotal([notification(1), notification(2)]);
    const first = start(configuration, {});
    await first.waitForEvents(2);
    await expect.poll(() => (first.checkpoint() as { last_notification_id?: string } | undefined)?.last_notification_id).toBe('notif-2');
    await first.stop();
    const saved = first.checkpoint();
    vt.state.notifications.push(notification(3), notification(4));
    const second = start(configuration, {}, saved);
    const events = await second.waitForEvents(2);
    expect(events.map((e) => (e.event as { notification_id: string }).notification_id)).toEqual(['notif-3', 'notif-4']);
    expect(second.events).toHaveLength(2);
  });

  it('with skip_history, starts from the newest notification without emitting the past, then emits what comes next', async () => {
    const { vt, configuration } = await virustotal([notification(1), notification(2)]);
    const trigger = start(configuration, { skip_history: true });
    await expect.poll(() => trigger.checkpoint()).toEqual({ last_notification_id: 'notif-2', last_notification_date: 1_764_500_120 });
    expect(trigger.events).toHaveLength(0);
    vt.state.notifications.push(notification(3));
    const events = await trigger.waitForEvents(1);
    expect((events[0]!.event as { notification_id: string }).notification_id).toBe('notif-3');
  });

  it('polls again after VirusTotal drops the connection, and emits once it answers', async () => {
    const { vt, configuration } = await virustotal([notification(1)]);
    vt.state.dropNext = 5;
    const trigger = start(configuration, {});
    const events = await trigger.waitForEvents(1);
    expect((events[0]!.event as { notification_id: string }).notification_id).toBe('notif-1');
    expect(trigger.logs.text()).toContain('LiveHunt poll failed; trying again');
    expect(trigger.heartbeats()).toBeGreaterThan(0);
  });

  it('stops with a clear status when the key is refused, instead of polling on', async () => {
    const { vt, configuration } = await virustotal([notification(1)]);
    const trigger = start({ ...configuration, apikey: 'not-premium-key' }, {});
    await expect(trigger.waitForEvents(1)).rejects.toThrow('the VirusTotal API key was refused (HTTP 401)');
    expect(vt.received).toHaveLength(1);
    expect(trigger.logs.text()).not.toContain('not-premium-key');
  });
});
