import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createServerApp, openRuntime } from '@ply/runtime';
import { setupApi, type ApiHarness } from './api-fixture.js';

// Issue #21 item 13: a webhook signature over the raw bytes, a signed timestamp against replays,
// and a per-playbook token rotation.

let api: ApiHarness | undefined;
afterEach(async () => {
  await api?.runtime.close(1000);
  api = undefined;
});

const playbook = 'name: Hook\ntrigger: { type: webhook, next: [keep] }\nnodes:\n  keep: { type: store, set: { got: "{{ trigger.alert }}" } }\n';

async function webhookPlaybook(harness: ApiHarness): Promise<{ id: string; token: string }> {
  const created = await harness.call('admin', 'POST', '/api/v1/playbooks', playbook);
  expect(created.status).toBe(201);
  const id = created.json.id as string;
  expect((await harness.call('admin', 'POST', `/api/v1/playbooks/${id}/enable`)).status).toBe(200);
  return { id, token: (await harness.call('admin', 'GET', `/api/v1/playbooks/${id}/webhook`)).json.token as string };
}

async function post(harness: ApiHarness, id: string, body: Buffer, headers: Record<string, string>) {
  const response = await harness.app.request(`/hooks/${id}`, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': 'application/json', ...headers } });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

const sign = (token: string, ...parts: Array<string | Buffer>) => {
  const hmac = createHmac('sha256', token);
  for (const part of parts) hmac.update(part);
  return `sha256=${hmac.digest('hex')}`;
};

describe('webhook signatures', () => {
  it('accepts a body signed over its raw bytes, a UTF-8 BOM or Latin-1 bytes included', async () => {
    api = await setupApi();
    const { id, token } = await webhookPlaybook(api);
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"alert":"AL-bom"}')]);
    const latin1 = Buffer.from('{"alert":"caf\u00e9"}', 'latin1');
    for (const body of [withBom, latin1]) {
      const answer = await post(api, id, body, { 'x-ply-signature': sign(token, body) });
      expect(answer.status, body.toString('hex')).toBe(202);
    }
  });

  it('accepts a signed timestamp within the window and refuses an old one (a replay) or one the signature does not cover', async () => {
    api = await setupApi();
    const { id, token } = await webhookPlaybook(api);
    const body = Buffer.from('{"alert":"AL1"}');
    const now = String(Math.floor(Date.now() / 1000));
    expect((await post(api, id, body, { 'x-ply-timestamp': now, 'x-ply-signature': sign(token, `${now}.`, body) })).status).toBe(202);

    const old = String(Math.floor(Date.now() / 1000) - 3600);
    const replay = await post(api, id, body, { 'x-ply-timestamp': old, 'x-ply-signature': sign(token, `${old}.`, body) });
    expect([replay.status, replay.json.error.code]).toEqual([401, 'PLY_UNAUTHENTICATED']);
    expect(replay.json.error.message).toContain('300 s');
    // The signature of another timestamp (a captured request with a fresh header) does not verify.
    expect((await post(api, id, body, { 'x-ply-timestamp': now, 'x-ply-signature': sign(token, `${old}.`, body) })).status).toBe(401);
    expect((await post(api, id, body, { 'x-ply-timestamp': 'yesterday', 'x-ply-signature': sign(token, 'yesterday.', body) })).status).toBe(401);
    expect((await api.runtime.store.executions.list()).length).toBe(1);
  });
});

describe('webhook replays within the window', () => {
  const signed = (token: string, body: Buffer) => {
    const now = String(Math.floor(Date.now() / 1000));
    return { 'x-ply-timestamp': now, 'x-ply-signature': sign(token, `${now}.`, body) };
  };

  it('refuses a timestamped signed request sent a second time, even after a restart', async () => {
    api = await setupApi();
    const { id, token } = await webhookPlaybook(api);
    const body = Buffer.from('{"alert":"AL-once"}');
    const headers = signed(token, body);
    expect((await post(api, id, body, headers)).status).toBe(202);
    const replay = await post(api, id, body, headers);
    expect([replay.status, replay.json.error.code]).toEqual([401, 'PLY_UNAUTHENTICATED']);
    expect(replay.json.error.message).toContain('already received (a replay)');
    // Another request, signed afresh, still passes.
    expect((await post(api, id, Buffer.from('{"alert":"AL-twice"}'), signed(token, Buffer.from('{"alert":"AL-twice"}')))).status).toBe(202);

    // The store remembers: a new process on the same home refuses the copy too.
    const home = api.runtime.ply.settings.home;
    await api.runtime.close(1000);
    const reopened = await openRuntime({ settings: { home } });
    try {
      const app = createServerApp(reopened, {});
      const again = await app.request(`/hooks/${id}`, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': 'application/json', ...headers } });
      expect(again.status).toBe(401);
      expect((await reopened.store.executions.list()).length).toBe(2);
    } finally {
      await reopened.close(1000);
      api = undefined;
    }
  });

  it('forgets a signature whose request was not accepted, so the sender can send it again', async () => {
    api = await setupApi();
    const { id, token } = await webhookPlaybook(api);
    expect((await api.call('admin', 'POST', `/api/v1/playbooks/${id}/disable`)).status).toBe(200);
    const body = Buffer.from('{"alert":"AL-later"}');
    const headers = signed(token, body);
    const disabled = await post(api, id, body, headers);
    expect(disabled.json.error.code).toBe('PLY_PLAYBOOK_DISABLED');
    expect((await api.call('admin', 'POST', `/api/v1/playbooks/${id}/enable`)).status).toBe(200);
    expect((await post(api, id, body, headers)).status).toBe(202);
  });

  it('accepts the same body signed without a timestamp twice (no window: the sender chose no replay protection)', async () => {
    api = await setupApi();
    const { id, token } = await webhookPlaybook(api);
    const body = Buffer.from('{"alert":"AL-plain"}');
    for (let i = 0; i < 2; i++) expect((await post(api, id, body, { 'x-ply-signature': sign(token, body) })).status).toBe(202);
  });
});

describe('webhook token rotation', () => {
  it('gives a playbook a new token: the old one is refused at once, other playbooks keep theirs', async () => {
    api = await setupApi();
    const first = await webhookPlaybook(api);
    const second = await webhookPlaybook(api);
    const body = Buffer.from('{"alert":"AL1"}');

    const rotated = await api.call('admin', 'POST', `/api/v1/playbooks/${first.id}/webhook/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.json).toMatchObject({ path: `/hooks/${first.id}`, tokenHeader: 'x-ply-token' });
    const fresh = rotated.json.token as string;
    expect(fresh).not.toBe(first.token);
    expect((await api.call('admin', 'GET', `/api/v1/playbooks/${first.id}/webhook`)).json.token).toBe(fresh);

    expect((await post(api, first.id, body, { 'x-ply-token': first.token })).status).toBe(401);
    expect((await post(api, first.id, body, { 'x-ply-signature': sign(first.token, body) })).status).toBe(401);
    expect((await post(api, first.id, body, { 'x-ply-token': fresh })).status).toBe(202);
    expect((await post(api, second.id, body, { 'x-ply-token': second.token })).status).toBe(202);
    // Only an admin rotates.
    expect((await api.call('operator', 'POST', `/api/v1/playbooks/${second.id}/webhook/rotate`)).status).toBe(403);
  });
});
