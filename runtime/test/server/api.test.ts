import { sql } from '../../src/store/sql/sql-query.js';
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/server/openapi.js';
import { SECRET, setupApi, type ApiHarness } from './api-fixture.js';

type Api = ApiHarness;
let api: Api;
afterEach(async () => {
  await api?.runtime.close(1000);
});

const webhookPlaybook = `
name: Echo on webhook
trigger: { type: webhook, next: [echo] }
nodes:
  echo:
    type: action
    module: tools
    action: echo
    account: main
    arguments: { text: "got {{ trigger.alert }}" }
    next: [check]
  check:
    type: condition
    branches: [{ name: long, condition: "node.echo.text | length > 8", next: [remember] }]
  remember:
    type: store
    set: { done: true }
`;

async function withAccount(a: Api) {
  const created = await a.call('admin', 'POST', '/api/v1/accounts', { module: 'tools', name: 'main', configuration: { api_key: SECRET, region: 'us' } });
  expect(created.status).toBe(201);
  return created.json as { id: string };
}

async function enabledPlaybook(a: Api, text = webhookPlaybook) {
  const created = await a.call('admin', 'POST', '/api/v1/playbooks?enable=true', text, { 'content-type': 'application/yaml' });
  expect(created.status, created.text).toBe(201);
  return created.json.id as string;
}

describe('runtime API: authentication and roles', () => {
  it('refuses a request without a token, with an unknown token, and with a role too low, each with its code', async () => {
    api = await setupApi();
    const anonymous = await api.call(undefined, 'GET', '/api/v1/modules');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe('PLY_UNAUTHENTICATED');
    const forged = await api.call(undefined, 'GET', '/api/v1/modules', undefined, { authorization: 'Bearer ply_not-a-real-token' });
    expect(forged.status).toBe(401);
    const viewer = await api.call('viewer', 'POST', '/api/v1/accounts', { module: 'tools', name: 'x', configuration: {} });
    expect(viewer.status).toBe(403);
    expect(viewer.json.error).toMatchObject({ code: 'PLY_FORBIDDEN', message: expect.stringContaining('admin') });
    const operator = await api.call('operator', 'POST', '/api/v1/playbooks', webhookPlaybook);
    expect(operator.status).toBe(403);
    expect((await api.call('viewer', 'GET', '/api/v1/modules')).status).toBe(200);
  });

  it('answers unknown routes with 404 PLY_ROUTE_NOT_FOUND', async () => {
    api = await setupApi();
    const missing = await api.call('viewer', 'GET', '/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('PLY_ROUTE_NOT_FOUND');
  });
});

describe('runtime API: modules and actions', () => {
  it('lists modules and shows schemas of a module and of an action', async () => {
    api = await setupApi();
    const list = await api.call('viewer', 'GET', '/api/v1/modules');
    expect(list.json.modules.map((m: { slug: string }) => m.slug)).toContain('tools');
    const module = await api.call('viewer', 'GET', '/api/v1/modules/tools');
    expect(module.json.configuration.secrets).toEqual(['api_key']);
    expect(module.json.actions.map((a: { slug: string }) => a.slug)).toEqual(expect.arrayContaining(['echo', 'fail']));
    const action = await api.call('viewer', 'GET', '/api/v1/modules/tools/actions/echo');
    expect(action.json.arguments.properties.text.type).toBe('string');
    expect((await api.call('viewer', 'GET', '/api/v1/modules/nope')).json.error.code).toBe('PLY_MODULE_NOT_FOUND');
    expect((await api.call('viewer', 'GET', '/api/v1/modules/tools/gadgets/echo')).status).toBe(404);
    expect((await api.call('viewer', 'GET', '/api/v1/modules/tools/actions/nope')).json.error.code).toBe('PLY_ACTION_NOT_FOUND');
  });

  it('runs an action with a named account for an operator; bad input is a 4xx with its code', async () => {
    api = await setupApi();
    await withAccount(api);
    const run = await api.call('operator', 'POST', '/api/v1/modules/tools/actions/echo/run', { arguments: { text: 'hi' }, account: 'main' });
    expect(run.status).toBe(200);
    expect(run.json.results).toEqual({ text: 'hi', region: 'us', keyLength: SECRET.length });
    const badArgs = await api.call('operator', 'POST', '/api/v1/modules/tools/actions/echo/run', { arguments: { text: 3 }, account: 'main' });
    expect([badArgs.status, badArgs.json.error.code]).toEqual([422, 'PLY_ARGUMENTS_INVALID']);
    const noAccount = await api.call('operator', 'POST', '/api/v1/modules/tools/actions/echo/run', { arguments: { text: 'x' }, account: 'other' });
    expect([noAccount.status, noAccount.json.error.code]).toEqual([404, 'PLY_ACCOUNT_NOT_FOUND']);
    const typo = await api.call('operator', 'POST', '/api/v1/modules/tools/actions/echo/run', { argument: {} });
    expect([typo.status, typo.json.error.code]).toEqual([400, 'PLY_INVALID_INPUT']);
    expect(typo.json.error.message).toContain('/argument unknown key');
    const notJson = await api.call('operator', 'POST', '/api/v1/modules/tools/actions/echo/run', '{not json');
    expect([notJson.status, notJson.json.error.code]).toEqual([400, 'PLY_INVALID_INPUT']);
    const vendor = await api.call('operator', 'POST', '/api/v1/modules/tools/actions/fail/run', { account: 'main' });
    expect([vendor.status, vendor.json.error.code]).toEqual([502, 'PLY_VENDOR_HTTP_ERROR']);
    expect((await api.call('viewer', 'POST', '/api/v1/modules/tools/actions/echo/run', { arguments: { text: 'x' } })).status).toBe(403);
  });
});

describe('runtime API: accounts', () => {
  it('stores secrets write-only: every response shows { set: true }, never the value', async () => {
    api = await setupApi();
    const { id } = await withAccount(api);
    const responses = [
      await api.call('viewer', 'GET', '/api/v1/accounts'),
      await api.call('viewer', 'GET', `/api/v1/accounts/${id}`),
      await api.call('admin', 'PATCH', `/api/v1/accounts/${id}`, { configuration: { region: 'ap' } }),
    ];
    for (const response of responses) expect(response.text).not.toContain(SECRET);
    expect(responses[1]!.json.configuration).toEqual({ api_key: { set: true }, region: 'us' });
    expect(responses[2]!.json.configuration).toEqual({ api_key: { set: true }, region: 'ap' });
    // The secret left out of the update is kept: a run still sees it.
    const run = await api.call('operator', 'POST', '/api/v1/modules/tools/actions/echo/run', { arguments: { text: 'k' }, account: 'main' });
    expect(run.json.results.keyLength).toBe(SECRET.length);
  });

  it('refuses bad account input with 4xx and the PlyError code', async () => {
    api = await setupApi();
    await withAccount(api);
    const cases: Array<[unknown, number, string]> = [
      [{ module: 'tools', name: 'main', configuration: { api_key: 'another-key-0123' } }, 409, 'PLY_ACCOUNT_EXISTS'],
      [{ module: 'nope', name: 'a', configuration: {} }, 404, 'PLY_MODULE_NOT_FOUND'],
      [{ module: 'tools', configuration: {} }, 400, 'PLY_INVALID_INPUT'],
      [{ module: 'tools', name: 'b', configuration: 'x' }, 400, 'PLY_INVALID_INPUT'],
      [[1, 2], 400, 'PLY_INVALID_INPUT'],
    ];
    for (const [body, status, code] of cases) {
      const response = await api.call('admin', 'POST', '/api/v1/accounts', body);
      expect([response.status, response.json.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect((await api.call('viewer', 'GET', '/api/v1/accounts/no-such-id')).json.error.code).toBe('PLY_ACCOUNT_NOT_FOUND');
    expect((await api.call('admin', 'PATCH', '/api/v1/accounts/no-such-id', {})).status).toBe(404);
    expect((await api.call('admin', 'DELETE', '/api/v1/accounts/no-such-id')).status).toBe(404);
  });
});

describe('runtime API: playbooks and executions', () => {
  it('creates a playbook from YAML, runs it and shows the execution node by node', async () => {
    api = await setupApi();
    await withAccount(api);
    const id = await enabledPlaybook(api);
    const started = await api.call('operator', 'POST', `/api/v1/playbooks/${id}/run`, { alert: 'ALxyz' });
    expect(started.status).toBe(202);
    await api.runtime.engine.shutdown(5000);
    const execution = await api.call('viewer', 'GET', `/api/v1/executions/${started.json.executionId}`);
    expect(execution.json.status).toBe('succeeded');
    expect(execution.json.nodes.map((n: { nodeId: string }) => n.nodeId)).toEqual(['echo', 'check', 'remember']);
    expect(execution.json.nodes[0].results).toMatchObject({ text: 'got ALxyz', region: 'us' });
    const listed = await api.call('viewer', 'GET', `/api/v1/executions?playbook=${id}&status=succeeded&limit=10`);
    expect(listed.json.executions.map((e: { id: string }) => e.id)).toEqual([started.json.executionId]);
    expect((await api.call('viewer', 'GET', '/api/v1/executions?status=failed')).json.executions).toEqual([]);
  });

  it('validates, updates, disables and enables playbooks; invalid ones get 422 with located issues', async () => {
    api = await setupApi();
    const bad = 'name: Bad\ntrigger: { type: webhook, next: [missing] }\nnodes:\n  a: { type: store, set: { x: 1 } }\n';
    const validation = await api.call('viewer', 'POST', '/api/v1/playbooks/validate', bad);
    expect(validation.json.valid).toBe(false);
    expect(validation.json.issues.map((i: { message: string }) => i.message).join('\n')).toContain('unknown node "missing"');
    const created = await api.call('admin', 'POST', '/api/v1/playbooks', bad);
    expect(created.status).toBe(201);
    const enable = await api.call('admin', 'POST', `/api/v1/playbooks/${created.json.id}/enable`);
    expect([enable.status, enable.json.error.code]).toEqual([422, 'PLY_PLAYBOOK_INVALID']);
    expect(enable.json.error.details.issues[0].pointer).toMatch(/^\/trigger\/next/);
    const fixed = await api.call('admin', 'PUT', `/api/v1/playbooks/${created.json.id}`, bad.replace('[missing]', '[a]'));
    expect(fixed.json.version).toBe(2);
    expect((await api.call('admin', 'POST', `/api/v1/playbooks/${created.json.id}/enable`)).json.enabled).toBe(true);
    expect((await api.call('admin', 'POST', `/api/v1/playbooks/${created.json.id}/disable`)).json.enabled).toBe(false);
    const disabledRun = await api.call('operator', 'POST', `/api/v1/playbooks/${created.json.id}/run`, {});
    expect([disabledRun.status, disabledRun.json.error.code]).toEqual([409, 'PLY_PLAYBOOK_DISABLED']);
    const unreadable = await api.call('admin', 'POST', '/api/v1/playbooks', 'name: [unclosed');
    expect([unreadable.status, unreadable.json.error.code]).toEqual([422, 'PLY_PLAYBOOK_INVALID']);
    const shape = await api.call('admin', 'POST', '/api/v1/playbooks', { name: 'x', trigger: { type: 'webhook', next: [] }, nodes: {}, retries: 3 });
    expect(shape.json.error.message).toContain('retries');
    expect((await api.call('viewer', 'GET', '/api/v1/playbooks/nope')).status).toBe(404);
    expect((await api.call('admin', 'PUT', '/api/v1/playbooks/nope', bad)).status).toBe(404);
    expect((await api.call('operator', 'POST', '/api/v1/playbooks/nope/run', {})).status).toBe(404);
    expect((await api.call('viewer', 'GET', '/api/v1/executions?status=done')).status).toBe(400);
    expect((await api.call('viewer', 'GET', '/api/v1/executions?limit=0')).status).toBe(400);
    expect((await api.call('viewer', 'GET', '/api/v1/executions?before=nope')).status).toBe(404);
    expect((await api.call('viewer', 'GET', '/api/v1/executions/nope')).json.error.code).toBe('PLY_EXECUTION_NOT_FOUND');
  });
});

describe('webhooks', () => {
  it('starts the playbook with its token or an HMAC signature, answering 202 once the execution is recorded', async () => {
    api = await setupApi();
    await withAccount(api);
    const id = await enabledPlaybook(api);
    const hook = await api.call('admin', 'GET', `/api/v1/playbooks/${id}/webhook`);
    expect(hook.json).toMatchObject({ path: `/hooks/${id}`, tokenHeader: 'x-ply-token', signatureHeader: 'x-ply-signature' });
    const token = hook.json.token as string;

    const byToken = await api.call(undefined, 'POST', `/hooks/${id}`, { alert: 'AL1' }, { 'x-ply-token': token });
    expect(byToken.status).toBe(202);
    // Recorded before the answer: a second connection to the database sees the row.
    expect(await api.runtime.store.db.get(sql<[string], { id: string }>('SELECT id FROM executions WHERE id = ?'), byToken.json.executionId)).toBeDefined();

    const body = JSON.stringify({ alert: 'AL2' });
    const signature = `sha256=${createHmac('sha256', token).update(body).digest('hex')}`;
    const bySignature = await api.call(undefined, 'POST', `/hooks/${id}`, body, { 'x-ply-signature': signature });
    expect(bySignature.status).toBe(202);
    await api.runtime.engine.shutdown(5000);
    expect((await api.runtime.store.executions.get(bySignature.json.executionId)).triggerEvent).toEqual({ alert: 'AL2' });
  });

  it('refuses a wrong token or signature (401), a non-webhook playbook (404) and a body that is not JSON (400)', async () => {
    api = await setupApi();
    await withAccount(api);
    const id = await enabledPlaybook(api);
    const manual = await enabledPlaybook(api, webhookPlaybook.replace('type: webhook', 'type: manual'));
    const token = (await api.call('admin', 'GET', `/api/v1/playbooks/${id}/webhook`)).json.token as string;
    expect((await api.call(undefined, 'POST', `/hooks/${id}`, {})).status).toBe(401);
    expect((await api.call(undefined, 'POST', `/hooks/${id}`, {}, { 'x-ply-token': `${token}x` })).status).toBe(401);
    expect((await api.call(undefined, 'POST', `/hooks/${id}`, { a: 1 }, { 'x-ply-signature': 'sha256=00' })).status).toBe(401);
    const manualToken = (await api.call('admin', 'GET', `/api/v1/playbooks/${manual}/webhook`)).json;
    expect(manualToken.error.code).toBe('PLY_INVALID_INPUT');
    // Another playbook's token does not open this one.
    expect((await api.call(undefined, 'POST', `/hooks/${manual}`, {}, { 'x-ply-token': token })).status).toBe(401);
    // The right token of a playbook that no webhook starts: 404.
    const manualHook = await api.call(undefined, 'POST', `/hooks/${manual}`, {}, { 'x-ply-token': api.runtime.webhooks.tokenOf(manual) });
    expect([manualHook.status, manualHook.json.error.code]).toEqual([404, 'PLY_PLAYBOOK_NOT_FOUND']);
    const notJson = await api.call(undefined, 'POST', `/hooks/${id}`, '{oops', { 'x-ply-token': token });
    expect([notJson.status, notJson.json.error.code]).toEqual([400, 'PLY_INVALID_INPUT']);
    expect(await api.runtime.store.executions.list()).toEqual([]);
  });
});

describe('OpenAPI document', () => {
  it('lists every route the server answers under /api/v1 and /hooks', async () => {
    api = await setupApi();
    const document = (await api.call(undefined, 'GET', '/api/v1/openapi.json')).json;
    const documented = new Set(Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
    const served = api.app.routes
      .filter((route) => route.method !== 'ALL' && (route.path.startsWith('/api/v1') || route.path.startsWith('/hooks')))
      .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(20);
    for (const route of served) expect(documented, route).toContain(route);
    expect(documented.size).toBe(ROUTES.length);
  });

  it('documents each JSON body with the schema the route checks it against', async () => {
    api = await setupApi();
    const document = (await api.call(undefined, 'GET', '/api/v1/openapi.json')).json;
    const create = document.paths['/api/v1/accounts'].post.requestBody.content['application/json'].schema;
    expect(create).toMatchObject({ type: 'object', additionalProperties: false, required: ['module', 'name', 'configuration'] });
    expect(create.properties.module).toEqual({ type: 'string', description: 'Module slug' });
    const run = document.paths['/api/v1/modules/{slug}/actions/{action}/run'].post.requestBody.content['application/json'].schema;
    expect(run.properties.timeout_ms).toMatchObject({ type: 'integer' });
    // What the document says is required, the route requires, and it names each missing field.
    const refused = await api.call('admin', 'POST', '/api/v1/accounts', { module: 'tools' });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.issues.map((issue: { pointer: string }) => issue.pointer)).toEqual(['/name', '/configuration']);
  });
});
