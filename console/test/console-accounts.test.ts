import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRET, setupConsole } from './console-fixture.js';

const VALID = {
  module: 'forms',
  name: 'acme',
  'config.base_url': 'https://api.example.org/',
  'config.api_key': SECRET,
  'config.retries': '4',
  'config.verify_tls': 'true',
  'config.region': 'us',
  'config.tags': 'soc\nprod',
  'config.proxy.host': 'proxy.local',
  'config.proxy.port': '3128',
};

describe('console accounts: forms generated from the configuration schema', () => {
  let fixture: Awaited<ReturnType<typeof setupConsole>>;
  beforeEach(async () => {
    fixture = await setupConsole();
  });
  afterEach(async () => fixture.close());

  it('generates one labelled control per schema property, of the right kind', async () => {
    const admin = await fixture.client('admin');
    const html = await admin.text('/accounts/new?module=forms');
    expect(html).toMatch(/<label for="f-config--base_url">base_url \(required\)<\/label><input type="url"/);
    expect(html).toMatch(/<input type="password" id="f-config--api_key" name="config.api_key" autocomplete="new-password" required=""/);
    expect(html).toMatch(/<input type="number" id="f-config--retries" name="config.retries" step="1" min="0" max="10" value="3"/);
    expect(html).toMatch(/<input type="checkbox" id="f-config--verify_tls" name="config.verify_tls" value="true" checked=""/);
    expect(html).toMatch(/<select id="f-config--region" name="config.region" required=""><option value="eu">eu<\/option><option value="us">us<\/option><\/select>/);
    expect(html).toMatch(/<textarea id="f-config--tags" name="config.tags"/);
    expect(html).toMatch(/<fieldset><legend>proxy<\/legend>/);
    // The proxy object is optional: the browser must not demand its fields.
    expect(html).toMatch(/<input type="text" id="f-config--proxy--host" name="config.proxy.host" value=""\/>/);
    // Every control has a label.
    const ids = [...html.matchAll(/<(?:input|select|textarea) [^>]*id="([^"]+)"/g)].map((m) => m[1]!).filter((id) => id.startsWith('f-'));
    for (const id of ids.filter((id) => id !== 'f-config--verify_tls')) expect(html).toContain(`<label for="${id}">`);
  });

  it('creates an account with typed values; the secret is stored encrypted and shown only as "set"', async () => {
    const admin = await fixture.client('admin');
    const created = await admin.post('/accounts', VALID);
    expect(created.status).toBe(303);
    const [account] = await fixture.runtime.store.accounts.list();
    expect(account!.configuration).toEqual({
      base_url: 'https://api.example.org/',
      api_key: { set: true },
      retries: 4,
      verify_tls: true,
      region: 'us',
      tags: ['soc', 'prod'],
      proxy: { host: 'proxy.local', port: 3128 },
    });
    expect((await fixture.runtime.store.accounts.configurationForRun('forms', 'acme')).configuration['api_key']).toBe(SECRET);
    for (const path of ['/accounts', `/accounts/${account!.id}`]) {
      const html = await admin.text(path);
      expect(html).not.toContain(SECRET);
    }
    expect(await admin.text('/accounts')).toMatch(/<code>api_key<\/code>: <span class="status set">set<\/span>/);
    const viewer = await fixture.client('viewer');
    const seen = await viewer.text(`/accounts/${account!.id}`);
    expect(seen).toContain('<span class="status set">set</span>');
    expect(seen).not.toContain(SECRET);
  });

  it('shows the schema\'s message next to each invalid field, keeps the other values and never sends the secret back', async () => {
    const admin = await fixture.client('admin');
    const response = await admin.post('/accounts', { ...VALID, 'config.base_url': 'not a url', 'config.retries': '42', 'config.proxy.port': '' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('<p class="error-text" id="f-config--base_url-error">must match format &quot;uri&quot;</p>');
    expect(html).toContain('<p class="error-text" id="f-config--retries-error">must be &lt;= 10</p>');
    expect(html).toContain('<p class="error-text" id="f-config--proxy--port-error">required property &quot;port&quot; is missing</p>');
    expect(html).toMatch(/aria-invalid="true"/);
    expect(html).toContain('value="proxy.local"');
    expect(html).not.toContain(SECRET);
    expect(await fixture.runtime.store.accounts.list()).toEqual([]);
  });

  it('reports a value that is not a number before validating', async () => {
    const admin = await fixture.client('admin');
    const html = await (await admin.post('/accounts', { ...VALID, 'config.retries': 'three' })).text();
    expect(html).toContain('&quot;three&quot; is not a number');
  });

  it('keeps the stored secret when the edit form leaves it empty, and replaces it when given', async () => {
    const admin = await fixture.client('admin');
    await admin.post('/accounts', VALID);
    const [account] = await fixture.runtime.store.accounts.list();
    const edit = await admin.text(`/accounts/${account!.id}`);
    expect(edit).toContain('Secret: set. Leave empty to keep the stored value.');
    expect(edit).not.toMatch(/name="config.api_key"[^>]*required/);
    const saved = await admin.post(`/accounts/${account!.id}`, { ...VALID, 'config.api_key': '', 'config.region': 'eu' }, `/accounts/${account!.id}`);
    expect(saved.status).toBe(303);
    let run = (await fixture.runtime.store.accounts.configurationForRun('forms', 'acme')).configuration;
    expect(run).toMatchObject({ api_key: SECRET, region: 'eu' });
    await admin.post(`/accounts/${account!.id}`, { ...VALID, 'config.api_key': 'another-secret-value' }, `/accounts/${account!.id}`);
    run = (await fixture.runtime.store.accounts.configurationForRun('forms', 'acme')).configuration;
    expect(run['api_key']).toBe('another-secret-value');
  });

  it('deletes an account (admin), and reports a duplicate name on the form', async () => {
    const admin = await fixture.client('admin');
    await admin.post('/accounts', VALID);
    const again = await admin.post('/accounts', VALID);
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('already has an account named');
    const [account] = await fixture.runtime.store.accounts.list();
    expect((await admin.post(`/accounts/${account!.id}/delete`, {})).status).toBe(303);
    expect(await fixture.runtime.store.accounts.list()).toEqual([]);
    expect((await admin.request(`/accounts/${account!.id}`)).status).toBe(404);
  });

  it('lets a viewer read accounts but not create, edit or delete them: no form, and a forged POST gets 403', async () => {
    const admin = await fixture.client('admin');
    await admin.post('/accounts', VALID);
    const [account] = await fixture.runtime.store.accounts.list();
    const viewer = await fixture.client('viewer');
    const list = await viewer.text('/accounts');
    expect(list).toContain('acme');
    expect(list).not.toContain('New account');
    expect(await viewer.text(`/accounts/${account!.id}`)).not.toContain('<form class="stack"');
    expect((await viewer.request('/accounts/new?module=forms')).status).toBe(403);
    const operator = await fixture.client('operator');
    // Forged POSTs (no CSRF token, or another session's) are refused before the role is even looked at.
    const otherSession = await (await fixture.client('admin')).csrf('/accounts');
    const attempts: Array<[typeof viewer, string, Record<string, string>]> = [
      [viewer, '/accounts', { ...VALID, name: 'other' }],
      [viewer, `/accounts/${account!.id}/delete`, {}],
      [operator, `/accounts/${account!.id}`, { ...VALID, 'config.region': 'eu' }],
    ];
    for (const [client, path, form] of attempts) {
      const tokens: Array<Record<string, string>> = [{}, { _csrf: otherSession }];
      for (const csrf of tokens) {
        const forged = await client.request(path, { form: { ...form, ...csrf } });
        expect(forged.status, path).toBe(403);
        expect(await forged.text()).toContain('did not come from this console');
      }
    }
    // With their own session's token, the roles are refused.
    const refused = [
      await viewer.post('/accounts', { ...VALID, name: 'other' }),
      await viewer.post(`/accounts/${account!.id}/delete`, {}),
      await operator.post(`/accounts/${account!.id}`, { ...VALID, 'config.region': 'eu' }),
    ];
    expect(refused.map((response) => response.status)).toEqual([403, 403, 403]);
    expect(await refused[0]!.text()).toContain('This needs the admin role; you are signed in as viewer.');
    expect(await refused[2]!.text()).toContain('This needs the admin role; you are signed in as operator.');
    // Nothing changed: still the one account, with its configuration as created.
    expect(await fixture.runtime.store.accounts.list()).toHaveLength(1);
    expect((await fixture.runtime.store.accounts.configurationForRun('forms', 'acme')).configuration).toMatchObject({ region: 'us', retries: 4, api_key: SECRET });
  });
});
