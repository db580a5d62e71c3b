import { afterEach, describe, expect, it } from 'vitest';
import { setupApi, type ApiHarness } from './api-fixture.js';

let api: ApiHarness | undefined;
afterEach(async () => {
  await api?.runtime.close();
  api = undefined;
});

const YAML = (name: string) => `name: ${name}\ntrigger: { type: manual, next: [a] }\nnodes:\n  a: { type: store, set: { x: 1 } }\n`;

describe('runtime API: playbook versions', () => {
  it('lists the kept versions with who saved them, reads one, and restores it as a new version', async () => {
    api = await setupApi();
    const created = await api.call('admin', 'POST', '/api/v1/playbooks', YAML('First'));
    const id = created.json.id as string;
    await api.call('admin', 'PUT', `/api/v1/playbooks/${id}`, YAML('Second'));
    const versions = await api.call('viewer', 'GET', `/api/v1/playbooks/${id}/versions`);
    expect(versions.json.versions.map((v: { version: number; name: string; savedBy: string }) => [v.version, v.name, v.savedBy])).toEqual([
      [2, 'Second', 'admin-test'],
      [1, 'First', 'admin-test'],
    ]);
    expect((await api.call('viewer', 'GET', `/api/v1/playbooks/${id}/versions/1`)).json.document.name).toBe('First');
    const restored = await api.call('admin', 'POST', `/api/v1/playbooks/${id}/versions/1/restore`);
    expect([restored.status, restored.json.version, restored.json.name]).toEqual([200, 3, 'First']);
    expect((await api.call('viewer', 'GET', `/api/v1/playbooks/${id}/versions?limit=1`)).json.versions.map((v: { version: number }) => v.version)).toEqual([3]);
  });

  it('refuses a missing version (404), a version that is not a number (400) and a restore by an operator (403)', async () => {
    api = await setupApi();
    const id = (await api.call('admin', 'POST', '/api/v1/playbooks', YAML('Only'))).json.id as string;
    const missing = await api.call('viewer', 'GET', `/api/v1/playbooks/${id}/versions/9`);
    expect([missing.status, missing.json.error.code]).toEqual([404, 'PLY_PLAYBOOK_NOT_FOUND']);
    expect((await api.call('admin', 'POST', `/api/v1/playbooks/${id}/versions/9/restore`)).status).toBe(404);
    const word = await api.call('viewer', 'GET', `/api/v1/playbooks/${id}/versions/one`);
    expect([word.status, word.json.error.code]).toEqual([400, 'PLY_INVALID_INPUT']);
    expect((await api.call('operator', 'POST', `/api/v1/playbooks/${id}/versions/1/restore`)).status).toBe(403);
    expect((await api.call('viewer', 'GET', '/api/v1/playbooks/nope/versions')).status).toBe(404);
  });
});
