import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRET, setupConsole } from './console-fixture.js';

describe('console Run and Executions pages', () => {
  let fixture: Awaited<ReturnType<typeof setupConsole>>;
  beforeEach(async () => {
    fixture = await setupConsole();
    await fixture.runtime.store.accounts.create({
      module: 'forms',
      name: 'acme',
      configuration: { base_url: 'https://api.example.org/', api_key: SECRET, region: 'eu' },
      secretKeys: ['api_key'],
    });
  });
  afterEach(() => fixture.close());

  it('generates the run form from the arguments schema', async () => {
    const operator = await fixture.client('operator');
    const html = await operator.text('/run/forms/echo');
    expect(html).toMatch(/<label for="f-args--text">text \(required\)<\/label><input type="text" id="f-args--text" name="args.text"/);
    expect(html).toMatch(/<input type="number" id="f-args--times" name="args.times" step="1" min="1" max="5"/);
    expect(html).toMatch(/<select id="run-account" name="account"[^>]*><option value="">\(no account: empty configuration\)<\/option><option value="acme">acme<\/option>/);
  });

  it('runs an action as an operator, shows the results as a collapsible tree and records an execution with its node', async () => {
    const operator = await fixture.client('operator');
    const response = await operator.post('/run/forms/echo', { account: 'acme', 'args.text': 'hi', 'args.times': '2' }, '/run/forms/echo');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<span class="status succeeded">succeeded</span>');
    expect(html).toMatch(/<details class="json" open=""><summary><span class="key">results: <\/span><span class="muted">\{4 keys\}<\/span><\/summary>/);
    expect(html).toContain('<span class="str">&quot;hihi&quot;</span>');
    expect(html).not.toContain(SECRET);
    const executionId = /href="\/executions\/([^"]+)"/.exec(html)![1]!;
    const execution = await fixture.runtime.store.executions.get(executionId);
    expect(execution).toMatchObject({ playbookId: 'console-run.forms.echo', status: 'succeeded' });
    expect(execution.nodes).toMatchObject([{ nodeId: 'action', status: 'succeeded', arguments: { text: 'hi', times: 2 }, results: { text: 'hihi', region: 'eu', keyLength: SECRET.length } }]);
    expect(execution.triggerEvent).toMatchObject({ source: 'console', caller: 'operator-console', account: 'acme' });

    const list = await operator.text('/executions');
    expect(list).toContain(executionId);
    expect(list).toContain('Console run: forms.echo');
    const detail = await operator.text(`/executions/${executionId}`);
    expect(detail).toContain('<ol class="timeline">');
    expect(detail).toContain('1. action');
    expect(detail).toContain('&quot;hihi&quot;');
    expect(detail).not.toContain(SECRET);
  });

  it('shows a failed run with its error code, recorded as failed', async () => {
    const operator = await fixture.client('operator');
    const html = await (await operator.post('/run/forms/fail', { account: 'acme' }, '/run/forms/fail')).text();
    expect(html).toContain('<span class="status failed">failed</span>');
    expect(html).toContain('<code>PLY_VENDOR_HTTP_ERROR</code>: vendor answered 503');
    const failed = await operator.text('/executions?status=failed');
    expect(failed).toContain('<code>PLY_VENDOR_HTTP_ERROR</code>');
    expect(await operator.text('/executions?status=succeeded')).toContain('No executions match.');
  });

  it('rejects invalid arguments with the schema\'s message before running anything', async () => {
    const operator = await fixture.client('operator');
    const response = await operator.post('/run/forms/echo', { 'args.text': 'x', 'args.times': '9' }, '/run/forms/echo');
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('<p class="error-text" id="f-args--times-error">must be &lt;= 10</p>'.replace('10', '5'));
    const missing = await (await operator.post('/run/forms/echo', { 'args.text': '' }, '/run/forms/echo')).text();
    expect(missing).toContain('required property &quot;text&quot; is missing');
    expect(await fixture.runtime.store.executions.list()).toEqual([]);
  });

  it('lets a viewer read an action\'s arguments but not run it: no form, and a forged POST gets 403', async () => {
    const viewer = await fixture.client('viewer');
    const html = await viewer.text('/run/forms/echo');
    expect(html).not.toContain('name="args.text"');
    expect(html).toContain('<code>text</code>');
    // Forged POSTs carry no CSRF token, or another session's: refused, from a viewer and from an operator alike.
    const operator = await fixture.client('operator');
    const otherSession = await (await fixture.client('operator')).csrf('/run/forms/echo');
    for (const client of [viewer, operator]) {
      const forms: Array<Record<string, string>> = [{ account: 'acme', 'args.text': 'hi' }, { account: 'acme', 'args.text': 'hi', _csrf: otherSession }];
      for (const form of forms) {
        const forged = await client.request('/run/forms/echo', { form });
        expect(forged.status).toBe(403);
        expect(await forged.text()).toContain('did not come from this console');
      }
    }
    // With its own session's token, the viewer is refused for its role.
    const response = await viewer.post('/run/forms/echo', { 'args.text': 'hi' }, '/run');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('This needs the operator role; you are signed in as viewer.');
    expect(await fixture.runtime.store.executions.list()).toEqual([]);
  });

  it('escapes values it shows: a result holding HTML is text, never markup', async () => {
    const operator = await fixture.client('operator');
    const html = await (await operator.post('/run/forms/echo', { account: 'acme', 'args.text': '<script>alert(1)</script>' }, '/run/forms/echo')).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('answers 404 for an unknown action or execution', async () => {
    const viewer = await fixture.client('viewer');
    expect((await viewer.request('/run/forms/nope')).status).toBe(404);
    expect((await viewer.request('/executions/0000')).status).toBe(404);
  });

  it('shows an execution whose trigger event nests 2,000 levels deep (recorded before bodies were bounded)', async () => {
    const { id } = await fixture.runtime.engine.create({ name: 'Deep', trigger: { type: 'manual', next: ['a'] }, nodes: { a: { type: 'store', set: { ok: true } } } });
    let deep: unknown = 1;
    for (let level = 0; level < 2000; level += 1) deep = { a: deep };
    const { executionId } = await fixture.runtime.engine.run(id, deep, { force: true });
    const viewer = await fixture.client('viewer');
    const page = await viewer.request(`/executions/${executionId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('nested deeper than 64 levels, not shown');
  });
});
