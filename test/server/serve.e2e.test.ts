import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeServer, type FakeServer } from '@ply/kit/testing';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLI, REPO_ROOT } from '../cli-helpers.js';
import { apiClient, bounded, httpJson, startServe, type ServeProcess } from './serve-process.js';

const API_KEY = 'sekoia-e2e-key-0123456789';
const agent = new Agent({ keepAlive: true, maxSockets: 100 });
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function home(): string {
  return mkdtempSync(join(tmpdir(), 'ply-serve-'));
}

async function serve(dir: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  const served = await startServe(dir, env);
  cleanups.push(async () => {
    if (served.child.exitCode === null && served.child.signalCode === null) served.child.kill('SIGKILL');
    await served.exited;
  });
  return served;
}

async function fake(app: Hono): Promise<FakeServer> {
  const server = await startFakeServer(app.fetch);
  cleanups.push(() => server.close());
  return server;
}

/** A fake Sekoia.io alert API (`GET /api/v1/sic/alerts/{uuid}`, Bearer key) and a fake Mattermost incoming webhook. */
function fakes(delayMs = 0) {
  const posts: Array<Record<string, unknown>> = [];
  const sekoia = new Hono();
  sekoia.get('/api/v1/sic/alerts/:uuid', (c) => {
    if (c.req.header('authorization') !== `Bearer ${API_KEY}`) return c.json({ message: 'Unauthorized' }, 401);
    const uuid = c.req.param('uuid');
    return c.json({ uuid, short_id: uuid, title: `Alert ${uuid}`, urgency: { value: uuid.startsWith('URGENT') ? 90 : 20, current_value: 0 } });
  });
  const mattermost = new Hono();
  mattermost.post('/hooks/:key', async (c) => {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    posts.push((await c.req.json()) as Record<string, unknown>);
    return c.text('ok');
  });
  return { sekoia, mattermost, posts };
}

const triage = (name: string) => `
name: ${name}
trigger: { type: webhook, next: [get_alert] }
nodes:
  get_alert:
    type: action
    module: sekoia.io
    action: get_alert
    account: prod
    arguments: { uuid: "{{ trigger.alert_uuid }}" }
    next: [urgent]
  urgent:
    type: condition
    branches:
      - { name: high, condition: "node.get_alert.urgency.value > 70", next: [notify] }
    else: [remember]
  notify:
    type: action
    module: mattermost
    action: post_message
    account: soc
    arguments: { message: "Urgent alert {{ node.get_alert.title }} ({{ node.get_alert.urgency.value }})", channel: soc }
  remember:
    type: store
    set: { low: "{{ trigger.alert_uuid }}" }
`;

const simple = `
name: Record
trigger: { type: webhook, next: [remember] }
nodes:
  remember: { type: store, set: { seen: "{{ trigger.n }}" } }
`;

async function setupTriage(served: ServeProcess, sekoiaUrl: string, mattermostUrl: string) {
  const api = apiClient(agent, served.url, served.adminToken!);
  expect((await api.call('POST', '/api/v1/accounts', { module: 'sekoia.io', name: 'prod', configuration: { base_url: sekoiaUrl, api_key: API_KEY } })).status).toBe(201);
  expect((await api.call('POST', '/api/v1/accounts', { module: 'mattermost', name: 'soc', configuration: { hook_url: `${mattermostUrl}hooks/abc` } })).status).toBe(201);
  const created = await api.call('POST', '/api/v1/playbooks?enable=true', triage('Triage'), { 'content-type': 'application/yaml' });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const hook = await api.call('GET', `/api/v1/playbooks/${created.json.id}/webhook`);
  return { api, id: created.json.id as string, hookUrl: `${served.url}${hook.json.path}`, hookToken: hook.json.token as string };
}

describe('ply serve (built CLI, end to end)', () => {
  it('a webhook starts a playbook that gets the alert from Sekoia.io, branches on urgency and posts to Mattermost', async () => {
    const { sekoia, mattermost, posts } = fakes();
    const [sekoiaServer, mattermostServer] = [await fake(sekoia), await fake(mattermost)];
    const served = await serve(home());
    expect(served.adminToken).toMatch(/^ply_/);
    const { api, hookUrl, hookToken } = await setupTriage(served, sekoiaServer.url, mattermostServer.url);

    const urgent = await httpJson(agent, hookUrl, 'POST', { alert_uuid: 'URGENT-1' }, { 'x-ply-token': hookToken });
    const low = await httpJson(agent, hookUrl, 'POST', { alert_uuid: 'LOW-1' }, { 'x-ply-token': hookToken });
    expect([urgent.status, low.status]).toEqual([202, 202]);

    const urgentRun = await api.finished(urgent.json.executionId);
    expect(urgentRun.status).toBe('succeeded');
    expect(urgentRun.nodes.map((n: { nodeId: string; status: string }) => `${n.nodeId}:${n.status}`)).toEqual(['get_alert:succeeded', 'urgent:succeeded', 'notify:succeeded']);
    expect(urgentRun.nodes[1].results).toEqual({ branch: 'high' });
    const lowRun = await api.finished(low.json.executionId);
    expect(lowRun.nodes.map((n: { nodeId: string }) => n.nodeId)).toEqual(['get_alert', 'urgent', 'remember']);
    expect(posts).toEqual([{ text: 'Urgent alert Alert URGENT-1 (90)', channel: 'soc', icon_url: 'https://app.sekoia.io/user/favicon.ico' }]);
    expect(JSON.stringify([urgentRun, lowRun])).not.toContain(API_KEY);
    expect(served.output()).not.toContain(API_KEY);
  });

  it('after kill -9 in the middle of 200 runs and a restart, every accepted run is recorded once, complete or interrupted', async () => {
    const { sekoia, mattermost, posts } = fakes(40);
    const [sekoiaServer, mattermostServer] = [await fake(sekoia), await fake(mattermost)];
    const dir = home();
    const served = await serve(dir);
    const { hookUrl, hookToken, id } = await setupTriage(served, sekoiaServer.url, mattermostServer.url);

    const accepted: string[] = [];
    let killed = false;
    const results = await bounded(200, 20, async (n) => {
      const answer = await httpJson(agent, hookUrl, 'POST', { alert_uuid: `URGENT-${n}` }, { 'x-ply-token': hookToken });
      if (answer.status === 202) accepted.push(answer.json.executionId as string);
      if (accepted.length >= 100 && !killed) {
        killed = true;
        served.child.kill('SIGKILL');
      }
      return answer.status;
    });
    await served.exited;
    expect(killed).toBe(true);
    const refused = results.filter((r) => r.status === 'rejected').length;
    expect(accepted.length + refused).toBe(200);
    expect(posts.length).toBeLessThan(200);

    const restarted = await serve(dir);
    expect(restarted.adminToken).toBeUndefined(); // not a first start
    const admin = (await apiClient(agent, restarted.url, served.adminToken!).executions(id));
    const ids = admin.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const executionId of accepted) expect(ids).toContain(executionId);
    // Requests in flight at the kill may have been recorded without their 202 reaching us.
    expect(ids.length).toBeLessThanOrEqual(200);
    expect(ids.length - accepted.length).toBeLessThanOrEqual(20);
    const statuses = new Set(admin.map((e) => e.status));
    for (const status of statuses) expect(['succeeded', 'interrupted']).toContain(status);
    expect(statuses.has('interrupted')).toBe(true);
  });

  it('accepts and records 1,000 concurrent webhook requests (100 in flight)', async () => {
    const served = await serve(home());
    const api = apiClient(agent, served.url, served.adminToken!);
    const created = await api.call('POST', '/api/v1/playbooks?enable=true', simple, { 'content-type': 'application/yaml' });
    const hook = await api.call('GET', `/api/v1/playbooks/${created.json.id}/webhook`);
    const results = await bounded(1000, 100, (n) => httpJson(agent, `${served.url}${hook.json.path}`, 'POST', { n }, { 'x-ply-token': hook.json.token }));
    const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : 0));
    expect(statuses.filter((s) => s === 202).length).toBe(1000);
    const executions = await api.executions(created.json.id);
    expect(executions.length).toBe(1000);
    expect(new Set(results.map((r) => (r.status === 'fulfilled' ? r.value.json.executionId : '')))).toEqual(new Set(executions.map((e) => e.id)));
  });

  it('on SIGTERM lets a run in flight finish within the grace period, then exits', async () => {
    const { sekoia, mattermost, posts } = fakes(500);
    const [sekoiaServer, mattermostServer] = [await fake(sekoia), await fake(mattermost)];
    const dir = home();
    const served = await serve(dir, { PLY_SHUTDOWN_GRACE_MS: '5000' });
    const { hookUrl, hookToken } = await setupTriage(served, sekoiaServer.url, mattermostServer.url);
    const answer = await httpJson(agent, hookUrl, 'POST', { alert_uuid: 'URGENT-9' }, { 'x-ply-token': hookToken });
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    expect(posts).toHaveLength(1);
    const restarted = await serve(dir);
    expect((await apiClient(agent, restarted.url, served.adminToken!).finished(answer.json.executionId)).status).toBe('succeeded');
  });

  it('first start prints an admin token and a curl command that triggers the demo playbook', async () => {
    const served = await serve(home(), { PLY_LOG_LEVEL: 'info' });
    expect(served.demoCommand).toBeDefined();
    const [, url, token] = /curl -X POST (\S+) -H 'x-ply-token: ([^']+)'/.exec(served.demoCommand!)!;
    const answer = await httpJson(agent, url!, 'POST', { alert_uuid: 'ALdemo1', title: 'Suspicious login' }, { 'x-ply-token': token! });
    expect(answer.status).toBe(202);
    const run = await apiClient(agent, served.url, served.adminToken!).finished(answer.json.executionId);
    expect(run.status).toBe('succeeded');
    // Logged as a field of one pino line (escaped), never printed raw; Post Message sends Sekoia.io's icon as the reference does.
    await vi.waitFor(() => expect(served.output()).toContain('"body":"{\\"text\\":\\"Alert ALdemo1: Suspicious login\\",\\"channel\\":\\"soc\\",\\"icon_url\\":\\"https://app.sekoia.io/user/favicon.ico\\"}"'));
    expect(served.output()).toContain('demo receiver got a message');
  });

  it('serves the web console (loaded on its first request) beside the API, whose unknown paths stay JSON 404s', async () => {
    const served = await serve(home());
    const page = await fetch(`${served.url}/sign-in`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<form');
    const root = await fetch(`${served.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(303);
    expect(root.headers.get('location')).toContain('/sign-in');
    const missing = await httpJson(agent, `${served.url}/api/v1/nothing-here`, 'GET', undefined, { authorization: `Bearer ${served.adminToken!}` });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBeDefined();
  });

  it('refuses a second ply serve on the same $PLY_HOME while the first runs, and frees it on exit', async () => {
    const dir = home();
    const first = await serve(dir);
    const second = spawnSync(process.execPath, [CLI, 'serve', '--port', '0'], { cwd: REPO_ROOT, env: { ...process.env, PLY_HOME: dir, PLY_LOG_LEVEL: 'error' }, encoding: 'utf8', timeout: 15_000 });
    expect(second.status).toBe(2);
    expect(second.stderr).toContain('PLY_HOME_LOCKED');
    expect(second.stderr).toContain(`pid ${first.child.pid}`);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dir, 'serve.lock'))).toBe(false);
  });
});
