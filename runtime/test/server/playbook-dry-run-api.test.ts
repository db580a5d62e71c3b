import { afterEach, describe, expect, it } from 'vitest';
import { setupApi, type ApiHarness } from './api-fixture.js';

let api: ApiHarness | undefined;
afterEach(async () => {
  await api?.runtime.close();
  api = undefined;
});

const DOCUMENT = {
  name: 'Dry',
  trigger: { type: 'webhook', next: ['greet'] },
  nodes: {
    greet: { type: 'action', module: 'tools', action: 'echo', account: 'nobody', arguments: { text: 'alert {{ trigger.alert | upper }}' }, next: ['route'] },
    route: {
      type: 'condition',
      branches: [{ name: 'loud', condition: 'trigger.level > 5', next: ['keep'] }],
      else: ['later'],
    },
    keep: { type: 'store', set: { seen: '{{ trigger.alert }}' }, next: ['later'] },
    later: { type: 'action', module: 'tools', action: 'echo', arguments: { text: 'echoed {{ node.greet.text }} / {{ store.seen }}' } },
  },
};

describe('runtime API: POST /playbooks/dry-run', () => {
  it('renders every node with the sample event, decides branches it can, and marks values that need earlier results', async () => {
    api = await setupApi();
    const before = await api.runtime.store.executions.list({});
    const answer = await api.call('viewer', 'POST', '/api/v1/playbooks/dry-run', { document: DOCUMENT, trigger: { alert: 'al1', level: 9 } });
    expect(answer.status).toBe(200);
    const nodes = Object.fromEntries(answer.json.nodes.map((node: { nodeId: string }) => [node.nodeId, node]));
    expect(answer.json.nodes.map((node: { nodeId: string }) => node.nodeId)).toEqual(['greet', 'route', 'keep', 'later']);
    expect(nodes.greet).toMatchObject({ kind: 'action', rendered: { text: 'alert AL1' }, unknown: [] });
    expect(nodes.route).toMatchObject({ kind: 'condition', branch: 'loud' });
    expect(nodes.keep.rendered).toEqual({ set: { seen: 'al1' } });
    expect(nodes.later).toMatchObject({ rendered: { text: '⟨not known in a dry run: node.greet⟩' }, unknown: ['node.greet'] });
    // The account "nobody" does not exist: validation says so, the dry run still renders.
    expect(answer.json.issues.map((issue: { message: string }) => issue.message).join('\n')).toContain('nobody');
    expect(await api.runtime.store.executions.list({})).toEqual(before);
  });

  it('uses sample results given for earlier nodes, takes YAML text, and reports a template that fails at its place', async () => {
    api = await setupApi();
    const yaml = 'name: Y\ntrigger: { type: manual, next: [a] }\nnodes:\n  a: { type: action, module: tools, action: echo, arguments: { text: "{{ node.first.text }} {{ trigger.x | nosuchfilter }}" } }\n';
    const failed = await api.call('viewer', 'POST', '/api/v1/playbooks/dry-run', { document: yaml, trigger: { x: 1 }, results: { first: { text: 'hi' } } });
    expect(failed.json.nodes[0]).toMatchObject({ nodeId: 'a', unknown: [], error: { code: 'PLY_TEMPLATE_FORBIDDEN', pointer: '/text' } });
    const rendered = await api.call('viewer', 'POST', '/api/v1/playbooks/dry-run', { document: yaml.replace(' | nosuchfilter', ''), trigger: { x: 1 }, results: { first: { text: 'hi' } } });
    expect(rendered.json.nodes[0].rendered).toEqual({ text: 'hi 1' });
  });

  it('refuses a document that is not a playbook (422) and a body without one (400)', async () => {
    api = await setupApi();
    const shape = await api.call('viewer', 'POST', '/api/v1/playbooks/dry-run', { document: { name: 'x' } });
    expect([shape.status, shape.json.error.code]).toEqual([422, 'PLY_PLAYBOOK_INVALID']);
    const empty = await api.call('viewer', 'POST', '/api/v1/playbooks/dry-run', { trigger: {} });
    expect([empty.status, empty.json.error.code]).toEqual([400, 'PLY_INVALID_INPUT']);
  });
});
