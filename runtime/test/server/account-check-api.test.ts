import { afterEach, describe, expect, it } from 'vitest';
import { SECRET, setupApi, type ApiHarness } from './api-fixture.js';

let api: ApiHarness | undefined;
afterEach(async () => {
  await api?.runtime.close();
  api = undefined;
});

describe('runtime API: POST /accounts/{id}/check', () => {
  it('answers no-check for a module without a validation request, 404 for an unknown account, 403 for a viewer', async () => {
    api = await setupApi();
    const created = await api.call('admin', 'POST', '/api/v1/accounts', { module: 'tools', name: 'main', configuration: { api_key: SECRET } });
    const checked = await api.call('operator', 'POST', `/api/v1/accounts/${created.json.id}/check`);
    expect(checked.status).toBe(200);
    expect(checked.json).toMatchObject({ account: { id: created.json.id, module: 'tools', name: 'main' }, result: 'no-check', error: { code: 'PLY_NO_IMPLEMENTATION' } });
    expect(checked.text).not.toContain(SECRET);
    const missing = await api.call('operator', 'POST', '/api/v1/accounts/nope/check');
    expect([missing.status, missing.json.error.code]).toEqual([404, 'PLY_ACCOUNT_NOT_FOUND']);
    expect((await api.call('viewer', 'POST', `/api/v1/accounts/${created.json.id}/check`)).status).toBe(403);
  });
});
