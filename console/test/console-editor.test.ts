import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRET, setupConsole } from './console-fixture.js';

const TEXT = `name: Echo alerts
trigger:
  type: webhook
  next: [say]
nodes:
  say:
    type: action
    module: forms
    action: echo
    account: acme
    arguments:
      text: "alert {{ trigger.alert_uuid }}"
    next: [after]
  after:
    type: action
    module: forms
    action: echo
    account: acme
    arguments:
      text: "{{ node.say.text }} again"
`;

/** The marked line `n` of the listing, with its problems. */
const markedLine = (html: string, n: number) => new RegExp(`<li id="line-${n}" class="bad">[\\s\\S]*?</li>`).exec(html)?.[0];

describe('console playbook editor', () => {
  let fixture: Awaited<ReturnType<typeof setupConsole>>;
  beforeEach(async () => {
    fixture = await setupConsole();
    await fixture.runtime.store.accounts.create({ module: 'forms', name: 'acme', configuration: { base_url: 'https://api.example.org/', api_key: SECRET, region: 'eu' }, secretKeys: ['api_key'] });
  });
  afterEach(async () => fixture.close());

  it('shows the action catalogue with the arguments of each action and a node to paste', async () => {
    const admin = await fixture.client('admin');
    const html = await admin.text('/playbooks/new');
    expect(html).toContain('<textarea id="editor-text" name="text"');
    const echo = /<details class="action" id="action-forms-echo">[\s\S]*?<\/details>/.exec(html)?.[0] ?? '';
    expect(echo).toMatch(/<code>text<\/code><\/td><td>string<\/td><td>yes<\/td><td>What to echo<\/td>/);
    expect(echo).toContain('account: acme');
    expect(html).toContain('accounts: acme');
  });

  it('saves a valid playbook as version 1 and an edit as version 2', async () => {
    const admin = await fixture.client('admin');
    const saved = await admin.post('/playbooks/new', { text: TEXT, id: 'echo', intent: 'save' }, '/playbooks/new');
    expect([saved.status, saved.headers.get('location')]).toEqual([303, '/playbooks/echo/edit']);
    expect(await admin.text('/playbooks/echo/edit')).toContain('Saved as version 1. It is valid.');
    await admin.post('/playbooks/echo/edit', { text: TEXT.replace('Echo alerts', 'Echo alerts twice'), intent: 'save' }, '/playbooks/echo/edit');
    const record = await fixture.runtime.store.playbooks.get('echo');
    expect([record.version, record.name]).toEqual([2, 'Echo alerts twice']);
    expect((await fixture.runtime.store.playbookVersions.list('echo')).map((v) => v.savedBy)).toEqual(['admin-console', 'admin-console']);
  });

  it('places each problem at its line: an unknown action is saved with its problem marked, a wrong key or broken YAML is not saved', async () => {
    const admin = await fixture.client('admin');
    await admin.post('/playbooks/new', { text: TEXT.replace('action: echo\n    account: acme\n    arguments:\n      text: "{{', 'action: nope\n    account: acme\n    arguments:\n      text: "{{'), id: 'p1', intent: 'save' }, '/playbooks/new');
    const edit = await admin.text('/playbooks/p1/edit');
    expect(edit).toContain('1 problem(s) remain');
    expect(markedLine(edit, 17)).toContain('nope');
    expect(edit).toMatch(/<a href="#line-17">line 17<\/a>/);

    const wrongKey = await admin.post('/playbooks/new', { text: TEXT.replace('    next: [after]', '    nxt: [after]'), id: 'p2', intent: 'save' }, '/playbooks/new');
    expect(wrongKey.status).toBe(422);
    const wrongHtml = await wrongKey.text();
    expect(wrongHtml).toContain('Not saved');
    expect(markedLine(wrongHtml, 6)).toContain('/nodes/say');
    const broken = await admin.post('/playbooks/new', { text: TEXT.replace('  next: [say]', '  next: [say'), id: 'p3', intent: 'save' }, '/playbooks/new');
    expect(broken.status).toBe(422);
    expect(await broken.text()).toMatch(/<li id="line-\d+" class="bad">/);
    expect((await fixture.runtime.store.playbooks.list()).map((p) => p.id)).toEqual(['p1']);
  });

  it('dry-runs with a sample event: rendered arguments, placeholders for earlier results, nothing called or recorded', async () => {
    const admin = await fixture.client('admin');
    const answer = await admin.post('/playbooks/new', { text: TEXT, intent: 'dry-run', sample: '{"alert_uuid": "AL42"}', results: '{}' }, '/playbooks/new');
    expect(answer.status).toBe(200);
    const html = await answer.text();
    const say = /<li class="dry-node" data-node="say">[\s\S]*?<\/li>/.exec(html)?.[0] ?? '';
    expect(say).toContain('&quot;alert AL42&quot;');
    const after = /<li class="dry-node" data-node="after">[\s\S]*?<\/li>/.exec(html)?.[0] ?? '';
    expect(after).toContain('Not known in a dry run: node.say');
    expect(html).toContain('<textarea id="editor-sample" name="sample" rows="5" spellcheck="false">{&quot;alert_uuid&quot;: &quot;AL42&quot;}</textarea>');
    const withResult = await (await admin.post('/playbooks/new', { text: TEXT, intent: 'dry-run', sample: '{}', results: '{"say": {"text": "hi"}}' }, '/playbooks/new')).text();
    expect(/<li class="dry-node" data-node="after">[\s\S]*?<\/li>/.exec(withResult)?.[0]).toContain('&quot;hi again&quot;');
    expect(await fixture.runtime.store.playbooks.list()).toEqual([]);
    expect(await fixture.runtime.store.executions.list({})).toEqual([]);
    const badSample = await admin.post('/playbooks/new', { text: TEXT, intent: 'dry-run', sample: '{nope', results: '{}' }, '/playbooks/new');
    expect(badSample.status).toBe(422);
    expect(await badSample.text()).toContain('The sample event or results are not valid JSON.');
  });

  it('keeps the editor from viewers and operators (403)', async () => {
    for (const role of ['viewer', 'operator'] as const) {
      const client = await fixture.client(role);
      expect((await client.request('/playbooks/new')).status).toBe(403);
      expect((await client.post('/playbooks/new', { text: TEXT, intent: 'save' }, '/playbooks')).status).toBe(403);
    }
  });
});
