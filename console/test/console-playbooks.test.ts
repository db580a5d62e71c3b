import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupConsole } from './console-fixture.js';

const DOCUMENT = {
  name: 'Echo on demand',
  trigger: { type: 'manual', next: ['say'] },
  nodes: { say: { type: 'action', module: 'forms', action: 'echo', arguments: { text: 'hello' } } },
};

describe('console Playbooks page', () => {
  let fixture: Awaited<ReturnType<typeof setupConsole>>;
  beforeEach(async () => {
    fixture = await setupConsole();
  });
  afterEach(async () => fixture.close());

  it('lists playbooks with their state; an admin enables and disables, an operator runs, and the last runs show', async () => {
    const playbook = await fixture.runtime.engine.create(DOCUMENT, { id: 'echo' });
    const admin = await fixture.client('admin');
    let html = await admin.text('/playbooks');
    expect(html).toContain('Echo on demand');
    expect(html).toContain('never run');
    expect((await admin.post('/playbooks/echo/enable', {}, '/playbooks')).status).toBe(303);
    expect((await fixture.runtime.store.playbooks.get(playbook.id)).enabled).toBe(true);
    expect(await admin.text('/playbooks')).toContain('Echo on demand enabled.');

    const operator = await fixture.client('operator');
    const run = await operator.post('/playbooks/echo/run', {}, '/playbooks');
    expect(run.status).toBe(303);
    expect(run.headers.get('location')).toMatch(/^\/executions\//);
    await fixture.runtime.engine.shutdown(5000);
    html = await operator.text('/playbooks');
    expect(html).toMatch(/<span class="status (succeeded|failed|running)">/);
    expect(html).not.toContain('>Disable<');

    expect((await admin.post('/playbooks/echo/disable', {}, '/playbooks')).status).toBe(303);
    expect((await fixture.runtime.store.playbooks.get(playbook.id)).enabled).toBe(false);
  });

  it("shows an admin the webhook token that opens the hook, the rotated one after a rotation", async () => {
    const document = { ...DOCUMENT, trigger: { type: 'webhook', next: ['say'] } };
    await fixture.runtime.engine.create(document, { id: 'hooked' });
    const admin = await fixture.client('admin');
    const tokenShown = async () => /x-ply-token: ([\w-]+)/.exec(await admin.text('/playbooks/hooked'))?.[1];
    expect(await tokenShown()).toBe(fixture.runtime.webhooks.tokenOf('hooked', 0));
    await fixture.runtime.store.playbooks.rotateWebhookToken('hooked');
    const rotated = await tokenShown();
    expect(rotated).toBe(fixture.runtime.webhooks.tokenOf('hooked', 1));
    expect(rotated).not.toBe(fixture.runtime.webhooks.tokenOf('hooked', 0));
  });

  it('validates a playbook and lists its problems', async () => {
    await fixture.runtime.engine.create({ ...DOCUMENT, nodes: { say: { type: 'action', module: 'forms', action: 'nope' } } }, { id: 'broken' });
    const viewer = await fixture.client('viewer');
    const html = await (await viewer.post('/playbooks/broken/validate', {}, '/playbooks')).text();
    expect(html).toContain('problem(s) found');
    expect(html).toContain('<code>/nodes/say');
    const admin = await fixture.client('admin');
    await admin.post('/playbooks/broken/enable', {}, '/playbooks');
    expect(await admin.text('/playbooks')).toContain('Not enabled: PLY_PLAYBOOK_INVALID');
  });

  it('hides enable, disable and run from a viewer, and refuses them with 403', async () => {
    await fixture.runtime.engine.create(DOCUMENT, { id: 'echo' });
    const viewer = await fixture.client('viewer');
    const html = await viewer.text('/playbooks');
    expect(html).toContain('>Validate<');
    expect(html).not.toContain('>Enable<');
    expect(html).not.toContain('>Run now<');
    const refused = [
      await viewer.post('/playbooks/echo/enable', {}, '/playbooks'),
      await viewer.post('/playbooks/echo/run', {}, '/playbooks'),
      await (await fixture.client('operator')).post('/playbooks/echo/enable', {}, '/playbooks'),
    ];
    expect(refused.map((response) => response.status)).toEqual([403, 403, 403]);
    // Refused for the role: each form carried its session's CSRF token.
    expect(await refused[0]!.text()).toContain('This needs the admin role; you are signed in as viewer.');
    expect(await refused[1]!.text()).toContain('This needs the operator role; you are signed in as viewer.');
    expect(await refused[2]!.text()).toContain('This needs the admin role; you are signed in as operator.');
    expect((await fixture.runtime.store.playbooks.get('echo')).enabled).toBe(false);
    expect(await fixture.runtime.store.executions.list()).toEqual([]);
  });
});
