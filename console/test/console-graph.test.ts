import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRET, setupConsole } from './console-fixture.js';

/** A trigger, a condition with two named branches and an else, an action with an error edge, a join. */
const DOCUMENT = {
  name: 'Triage',
  trigger: { type: 'manual', next: ['check'] },
  nodes: {
    check: {
      type: 'condition',
      branches: [
        { name: 'loud', condition: 'trigger.level > 5', next: ['shout'] },
        { name: 'quiet', condition: 'trigger.level > 0', next: ['whisper'] },
      ],
      else: ['done'],
    },
    shout: { type: 'action', module: 'forms', action: 'fail', account: 'acme', on_error: ['recover'], next: ['done'] },
    recover: { type: 'action', module: 'forms', action: 'echo', account: 'acme', arguments: { text: 'recovered {{ trigger.level }}' }, next: ['done'] },
    whisper: { type: 'action', module: 'forms', action: 'echo', account: 'acme', arguments: { text: 'psst' }, next: ['done'] },
    done: { type: 'join', mode: 'any' },
  },
};

/** The `<g class="box ...">` of a node in a page's SVG, with its status attribute. */
function box(html: string, id: string): string {
  const match = new RegExp(`<g class="box kind-\\w+[^"]*" data-node="${id}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no box for node ${id}`);
  return match[0];
}

describe('console playbook and execution pictures', () => {
  let fixture: Awaited<ReturnType<typeof setupConsole>>;
  beforeEach(async () => {
    fixture = await setupConsole();
    await fixture.runtime.store.accounts.create({ module: 'forms', name: 'acme', configuration: { base_url: 'https://api.example.org/', api_key: SECRET, region: 'eu' }, secretKeys: ['api_key'] });
  });
  afterEach(async () => fixture.close());

  it('draws a playbook: the trigger and every node by kind, branch, else and error edges labelled, each node linked to its panel', async () => {
    await fixture.runtime.engine.create(DOCUMENT, { id: 'triage' });
    const viewer = await fixture.client('viewer');
    const html = await viewer.text('/playbooks/triage');
    expect(html).toContain('<svg');
    expect(box(html, '@trigger')).toContain('kind-trigger');
    expect(box(html, 'check')).toContain('kind-condition');
    expect(box(html, 'shout')).toContain('kind-action');
    expect(box(html, 'done')).toContain('kind-join');
    for (const label of ['loud', 'quiet', 'else', 'on error']) expect(html).toMatch(new RegExp(`class="edge-label"[^>]*>${label}</text>`));
    expect(html).toMatch(/<g class="line line-error" data-from="shout" data-to="recover">/);
    expect(html).toContain('href="#node-shout"');
    expect(html).toMatch(/<section class="node-panel" id="node-shout"/);
    expect(html).toContain('forms/fail');
  });

  it('colours an execution: the path taken succeeded or failed, the branches not taken skipped, with durations and the masked arguments per node', async () => {
    await fixture.runtime.engine.create(DOCUMENT, { id: 'triage' });
    const { executionId } = await fixture.runtime.engine.run('triage', { level: 9 }, { force: true });
    const viewer = await fixture.client('viewer');
    const html = await viewer.text(`/executions/${executionId}`);
    expect(box(html, 'check')).toContain('data-status="succeeded"');
    expect(box(html, 'shout')).toContain('data-status="failed"');
    expect(box(html, 'recover')).toContain('data-status="succeeded"');
    expect(box(html, 'whisper')).toContain('data-status="skipped"');
    expect(box(html, 'done')).toContain('data-status="succeeded"');
    expect(html).toMatch(/<text class="detail"[^>]*>succeeded · \d+ ms<\/text>/);
    const panel = /<section class="node-panel" id="node-recover"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(panel).toContain('recovered 9');
    expect(panel).toContain('keyLength');
    expect(/<section class="node-panel" id="node-shout"[\s\S]*?<\/section>/.exec(html)?.[0]).toContain('PLY_VENDOR_HTTP_ERROR');
    expect(html).not.toContain(SECRET);
  });

  it('marks nodes after a failure with no error edge as not reached', async () => {
    await fixture.runtime.engine.create({ name: 'Stops', trigger: { type: 'manual', next: ['boom'] }, nodes: { boom: { type: 'action', module: 'forms', action: 'fail', next: ['after'] }, after: { type: 'action', module: 'forms', action: 'echo', arguments: { text: 'x' } } } }, { id: 'stops' });
    const { executionId, status } = await fixture.runtime.engine.run('stops', {}, { force: true });
    expect(status).toBe('failed');
    const html = await (await fixture.client('viewer')).text(`/executions/${executionId}`);
    expect(box(html, 'boom')).toContain('data-status="failed"');
    expect(box(html, 'after')).toContain('data-status="not-reached"');
  });

  it('keeps every saved version; an admin restores an earlier one as a new version, and an old execution is drawn with the version it ran', async () => {
    await fixture.runtime.engine.create(DOCUMENT, { id: 'triage' });
    const first = await fixture.runtime.engine.run('triage', { level: 1 }, { force: true });
    await fixture.runtime.engine.update('triage', { ...DOCUMENT, name: 'Triage v2', nodes: { ...DOCUMENT.nodes, extra: { type: 'store', set: { a: 1 } } }, trigger: { type: 'manual', next: ['check', 'extra'] } });
    const admin = await fixture.client('admin');
    expect(await admin.text(`/executions/${first.executionId}`)).not.toContain('data-node="extra"');
    const page = await admin.text('/playbooks/triage');
    expect(page).toContain('2 (current)');
    expect(page).toContain('data-node="extra"');
    const restored = await admin.post('/playbooks/triage/versions/1/restore', {}, '/playbooks/triage');
    expect(restored.status).toBe(303);
    const record = await fixture.runtime.store.playbooks.get('triage');
    expect(record.version).toBe(3);
    expect(record.name).toBe('Triage');
    expect((await fixture.runtime.store.playbookVersions.list('triage')).map((v) => v.version)).toEqual([3, 2, 1]);
    expect(await admin.text('/playbooks/triage')).toContain('Version 1 restored as version 3.');
    const viewer = await fixture.client('viewer');
    expect(await viewer.text('/playbooks/triage')).not.toContain('Restore version');
    expect((await viewer.post('/playbooks/triage/versions/1/restore', {}, '/playbooks/triage')).status).toBe(403);
  });
});
