import { afterEach, describe, expect, it } from 'vitest';
import { SECRET, setupApi, type ApiHarness } from './api-fixture.js';

/** Issue #21 items 8 to 11: inputs out of bounds are refused with a 4xx naming the limit, and leave nothing behind. */
let api: ApiHarness | undefined;
afterEach(async () => {
  await api?.runtime.close();
  api = undefined;
});

describe('timeout_ms of an action run', () => {
  it('refuses a timeout outside 1 ms to 24 h with 400 naming the range, instead of running it', async () => {
    api = await setupApi();
    expect((await api.call('admin', 'POST', '/api/v1/accounts', { module: 'tools', name: 'main', configuration: { api_key: SECRET } })).status).toBe(201);
    const run = (timeout: number) => api!.call('operator', 'POST', '/api/v1/modules/tools/actions/echo/run', { arguments: { text: 'x' }, account: 'main', timeout_ms: timeout });
    for (const timeout of [-5, 0, 1e300, 1.5, 86_400_001]) {
      const refused = await run(timeout);
      expect([refused.status, refused.json?.error?.code], String(timeout)).toEqual([400, 'PLY_INVALID_INPUT']);
      expect(refused.json?.error?.message, String(timeout)).toContain('/timeout_ms');
    }
    expect((await run(5000)).status).toBe(200);
  });
});

describe('creating and enabling a playbook in one request', () => {
  it('leaves no playbook behind when ?enable=true finds it invalid', async () => {
    api = await setupApi();
    const invalid = { name: 'Broken', trigger: { type: 'manual', next: ['a'] }, nodes: { a: { type: 'action', module: 'tools', action: 'nope' } } };
    const created = await api.call('admin', 'POST', '/api/v1/playbooks?enable=true', invalid);
    expect([created.status, created.json.error.code]).toEqual([422, 'PLY_PLAYBOOK_INVALID']);
    expect((await api.call('viewer', 'GET', '/api/v1/playbooks')).json.playbooks).toEqual([]);
  });

  it('creates it enabled when it is valid', async () => {
    api = await setupApi();
    const valid = { name: 'Fine', trigger: { type: 'manual', next: ['a'] }, nodes: { a: { type: 'store', set: { ok: true } } } };
    const created = await api.call('admin', 'POST', '/api/v1/playbooks?enable=true', valid);
    expect([created.status, created.json.enabled]).toEqual([201, true]);
    expect((await api.call('viewer', 'GET', `/api/v1/playbooks/${created.json.id}`)).json.enabled).toBe(true);
  });
});

describe('nesting depth of request bodies', () => {
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const webhookPlaybook = { name: 'Hook', trigger: { type: 'webhook', next: ['a'] }, nodes: { a: { type: 'store', set: { ok: true } } } };

  it('refuses a webhook body nested 2,000 levels deep with 400 naming the limit', async () => {
    api = await setupApi();
    const { id } = (await api.call('admin', 'POST', '/api/v1/playbooks?enable=true', webhookPlaybook)).json;
    const token = (await api.call('admin', 'GET', `/api/v1/playbooks/${id}/webhook`)).json.token;
    const refused = await api.call(undefined, 'POST', `/hooks/${id}`, nested(2000), { 'x-ply-token': token });
    expect([refused.status, refused.json?.error?.code]).toEqual([400, 'PLY_INVALID_INPUT']);
    expect(refused.json.error.message).toContain('64 levels');
    expect((await api.call('viewer', 'GET', '/api/v1/executions')).json.executions).toEqual([]);
    expect((await api.call(undefined, 'POST', `/hooks/${id}`, nested(60), { 'x-ply-token': token })).status).toBe(202);
  });

  it('refuses a playbook document (422) and a manual run event (400) nested 2,000 levels deep, naming the limit', async () => {
    api = await setupApi();
    const document = `{"name":"Deep","trigger":{"type":"manual","next":["a"]},"nodes":{"a":{"type":"store","set":{"x":${nested(2000)}}}}}`;
    const created = await api.call('admin', 'POST', '/api/v1/playbooks', document);
    expect([created.status, created.json?.error?.code]).toEqual([422, 'PLY_PLAYBOOK_INVALID']);
    expect(created.json.error.message).toContain('nests deeper than 64 levels');
    expect((await api.call('viewer', 'GET', '/api/v1/playbooks')).json.playbooks).toEqual([]);
    const { id } = (await api.call('admin', 'POST', '/api/v1/playbooks?enable=true', webhookPlaybook)).json;
    const run = await api.call('operator', 'POST', `/api/v1/playbooks/${id}/run`, nested(2000));
    expect([run.status, run.json?.error?.code]).toEqual([400, 'PLY_INVALID_INPUT']);
  });
});

describe('account input', () => {
  it('refuses a configuration that does not match the module schema, with 422 naming the key, and stores nothing', async () => {
    api = await setupApi();
    const wrongType = await api.call('admin', 'POST', '/api/v1/accounts', { module: 'tools', name: 'main', configuration: { api_key: SECRET, region: 42 } });
    expect([wrongType.status, wrongType.json?.error?.code]).toEqual([422, 'PLY_CONFIGURATION_INVALID']);
    expect(wrongType.json.error.message).toContain('/region');
    const noKey = await api.call('admin', 'POST', '/api/v1/accounts', { module: 'tools', name: 'main', configuration: { region: 'us' } });
    expect([noKey.status, noKey.json?.error?.code]).toEqual([422, 'PLY_CONFIGURATION_INVALID']);
    expect((await api.call('viewer', 'GET', '/api/v1/accounts')).json.accounts).toEqual([]);
    const created = await api.call('admin', 'POST', '/api/v1/accounts', { module: 'tools', name: 'main', configuration: { api_key: SECRET } });
    const patched = await api.call('admin', 'PATCH', `/api/v1/accounts/${created.json.id}`, { configuration: { region: ['eu'] } });
    expect([patched.status, patched.json?.error?.code]).toEqual([422, 'PLY_CONFIGURATION_INVALID']);
    expect(JSON.stringify(patched.json)).not.toContain(SECRET);
    expect((await api.call('viewer', 'GET', `/api/v1/accounts/${created.json.id}`)).json.configuration).toEqual({ api_key: { set: true } });
  });

  it('refuses an empty, 100,000-character or control-character name with 400', async () => {
    api = await setupApi();
    for (const name of ['', ' ', 'x'.repeat(100_000), 'a\u0000b', 'line\nbreak']) {
      const refused = await api.call('admin', 'POST', '/api/v1/accounts', { module: 'tools', name, configuration: { api_key: SECRET } });
      expect([refused.status, refused.json?.error?.code], JSON.stringify(name.slice(0, 10))).toEqual([400, 'PLY_INVALID_INPUT']);
    }
    const created = await api.call('admin', 'POST', '/api/v1/accounts', { module: 'tools', name: 'main', configuration: { api_key: SECRET } });
    expect((await api.call('admin', 'PATCH', `/api/v1/accounts/${created.json.id}`, { name: 'a\u0000b' })).status).toBe(400);
    expect((await api.call('viewer', 'GET', '/api/v1/accounts')).json.accounts.map((a: { name: string }) => a.name)).toEqual(['main']);
  });

  it('keeps the stored secret when a PATCH sends back its masked form { set: true }', async () => {
    api = await setupApi();
    const created = await api.call('admin', 'POST', '/api/v1/accounts', { module: 'tools', name: 'main', configuration: { api_key: SECRET, region: 'us' } });
    const shown = (await api.call('viewer', 'GET', `/api/v1/accounts/${created.json.id}`)).json.configuration;
    const patched = await api.call('admin', 'PATCH', `/api/v1/accounts/${created.json.id}`, { configuration: { ...shown, region: 'ap' } });
    expect(patched.status).toBe(200);
    const run = await api.call('operator', 'POST', '/api/v1/modules/tools/actions/echo/run', { arguments: { text: 'k' }, account: 'main' });
    expect(run.json.results).toEqual({ text: 'k', region: 'ap', keyLength: SECRET.length });
  });
});
