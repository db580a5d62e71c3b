import { describe, expect, it } from 'vitest';
import { enabled, setupEngine } from './playbook-fixture.js';

/** Issue #21 item 5: a secret leaks in part, transformed, or through nodes that do not hold its account. */
const SECRET = 'sk-live-4b1d9e0f7a';
const reversed = (text: string) => [...text].reverse().join('');

async function withAccount(apiKey: string) {
  const setup = await setupEngine();
  await setup.store.accounts.create({ module: 'tools', name: 'prod', configuration: { api_key: apiKey, region: 'us' }, secretKeys: ['api_key'] });
  return setup;
}

describe('secret taint through a playbook run', () => {
  it('masks an account secret transformed by filters, slices and concatenation in the records of nodes without the account', async () => {
    const { engine, store, logs } = await withAccount(SECRET);
    const id = await enabled(engine, {
      name: 'Transformed',
      trigger: { type: 'manual', next: ['who'] },
      nodes: {
        who: { type: 'action', module: 'tools', action: 'whoami', account: 'prod', next: ['shout', 'back', 'b64', 'cut'] },
        shout: { type: 'action', module: 'tools', action: 'echo', arguments: { text: '{{ node.who.echo | upper }}' } },
        back: { type: 'action', module: 'tools', action: 'echo', arguments: { text: '{{ node.who.echo[4:] | reverse }}' } },
        b64: { type: 'action', module: 'tools', action: 'echo', arguments: { text: '{{ node.who.echo[4:] | b64encode }}' } },
        cut: { type: 'action', module: 'tools', action: 'echo', arguments: { text: "{{ 'id:' ~ node.who.echo[4:14] ~ ':end' }}" } },
      },
    });
    const summary = await engine.run(id);
    expect(summary.status).toBe('succeeded');
    const record = await store.executions.get(summary.executionId);
    for (const nodeId of ['shout', 'back', 'b64', 'cut']) {
      const node = record.nodes!.find((n) => n.nodeId === nodeId)!;
      expect(node.arguments).toEqual({ text: '[REDACTED]' });
      expect(node.results).toMatchObject({ text: '[REDACTED]' });
    }
    const text = JSON.stringify(record) + logs.text();
    for (const leak of [SECRET, SECRET.toUpperCase(), reversed(SECRET), Buffer.from(SECRET).toString('base64'), SECRET.slice(0, 10)]) expect(text).not.toContain(leak);
  });

  it('masks trigger values under secret-looking keys wherever the playbook copies them (store nodes, other actions)', async () => {
    const { engine, store } = await setupEngine();
    const id = await enabled(engine, {
      name: 'Copied',
      trigger: { type: 'manual', next: ['keep'] },
      nodes: {
        keep: { type: 'store', set: { kept: '{{ trigger.token }}', shout: '{{ trigger.password | upper }}', plain: '{{ trigger.user }}' }, next: ['send'] },
        send: { type: 'action', module: 'tools', action: 'echo', arguments: { text: 'token {{ store.kept }}' } },
      },
    });
    const summary = await engine.run(id, { token: 'webhook-token-123', password: 'hunter2-trigger', user: 'alice' });
    expect(summary.status).toBe('succeeded');
    const record = await store.executions.get(summary.executionId);
    expect(record.nodes!.find((n) => n.nodeId === 'keep')!.results).toEqual({ set: { kept: '[REDACTED]', shout: '[REDACTED]', plain: 'alice' } });
    expect(record.nodes!.find((n) => n.nodeId === 'send')!.results).toMatchObject({ text: 'token [REDACTED]' });
    const text = JSON.stringify(record);
    for (const leak of ['webhook-token-123', 'HUNTER2-TRIGGER', 'hunter2-trigger']) expect(text).not.toContain(leak);
  });

  it('masks an account secret pasted in a store node of a run that uses the account', async () => {
    const { engine, store } = await withAccount(SECRET);
    const id = await enabled(engine, {
      name: 'Pasted',
      trigger: { type: 'manual', next: ['keep'] },
      nodes: {
        keep: { type: 'store', set: { note: `key is ${SECRET}` }, next: ['who'] },
        who: { type: 'action', module: 'tools', action: 'whoami', account: 'prod' },
      },
    });
    const summary = await engine.run(id);
    const record = await store.executions.get(summary.executionId);
    expect(record.nodes!.find((n) => n.nodeId === 'keep')!.results).toEqual({ set: { note: 'key is [REDACTED]' } });
    expect(JSON.stringify(record)).not.toContain(SECRET);
  });

  it('masks the path of a secret hook URL quoted by a vendor error, in the node record, the execution error and the logs', async () => {
    const hook = 'https://chat.example.test/hooks/xq7b1d9e0f7a4c2m';
    const { engine, store, logs } = await withAccount(hook);
    const id = await enabled(engine, {
      name: 'Hook',
      trigger: { type: 'manual', next: ['post'] },
      nodes: { post: { type: 'action', module: 'tools', action: 'refuse', account: 'prod' } },
    });
    const summary = await engine.run(id);
    expect(summary.error).toEqual({ code: 'PLY_VENDOR_HTTP_ERROR', message: 'vendor answered 404: Cannot POST [REDACTED]' });
    const record = await store.executions.get(summary.executionId);
    expect(record.nodes![0]!.error).toEqual({ code: 'PLY_VENDOR_HTTP_ERROR', message: 'vendor answered 404: Cannot POST [REDACTED]' });
    expect(JSON.stringify(record) + logs.text()).not.toContain('xq7b1d9e0f7a4c2m');
  });

  it('masks a derived secret in the error, the execution error and the logs of a node without the account', async () => {
    const { engine, store, logs } = await withAccount(SECRET);
    const id = await enabled(engine, {
      name: 'Refused',
      trigger: { type: 'manual', next: ['who'] },
      nodes: {
        who: { type: 'action', module: 'tools', action: 'whoami', account: 'prod', next: ['tell'] },
        tell: { type: 'action', module: 'tools', action: 'refuse', arguments: { text: '{{ node.who.echo | upper }}' } },
      },
    });
    const summary = await engine.run(id);
    expect(summary.error).toEqual({ code: 'PLY_VENDOR_HTTP_ERROR', message: 'vendor answered 404: Cannot POST [REDACTED]' });
    const record = await store.executions.get(summary.executionId);
    expect(record.error).toEqual(summary.error);
    expect(logs.text()).toContain('vendor refused [REDACTED]');
    expect(JSON.stringify(record) + logs.text()).not.toContain(SECRET.toUpperCase());
  });
});
