import { describe, expect, it, vi } from 'vitest';
import { sql } from '../src/store/sql/sql-query.js';
import type { NodeRecord } from '../src/store/execution-record.js';
import { enabled, gauge, setupEngine } from './playbook-fixture.js';

const nodesOf = (records: NodeRecord[] | undefined) => (records ?? []).map((r) => `${r.nodeId}${r.iteration !== undefined ? `[${r.iteration}]` : ''}:${r.status}`);

describe('PlaybookEngine: node kinds', () => {
  it('runs action → condition → action, passing trigger and node results through templates, and records each node', async () => {
    const { engine, store } = await setupEngine();
    const id = await enabled(engine, {
      name: 'Triage',
      trigger: { type: 'webhook', next: ['score'] },
      nodes: {
        score: { type: 'action', module: 'tools', action: 'score', arguments: { alert: '{{ trigger.title }}' }, next: ['urgent'] },
        urgent: {
          type: 'condition',
          branches: [{ name: 'high', condition: 'node.score.score > 70', next: ['page'] }],
          else: ['ignore'],
        },
        page: { type: 'action', module: 'tools', action: 'echo', arguments: { text: 'paging for {{ node.score.alert }}', number: '{{ node.score.score }}' } },
        ignore: { type: 'action', module: 'tools', action: 'echo', arguments: { text: 'ignored' } },
      },
    });
    const urgent = await engine.run(id, { title: 'URGENT: ransomware' });
    expect(urgent.status).toBe('succeeded');
    const record = await store.executions.get(urgent.executionId);
    expect(record.status).toBe('succeeded');
    expect(record.triggerEvent).toEqual({ title: 'URGENT: ransomware' });
    expect(nodesOf(record.nodes)).toEqual(['score:succeeded', 'urgent:succeeded', 'page:succeeded']);
    expect(record.nodes![1]!.results).toEqual({ branch: 'high' });
    expect(record.nodes![2]!.results).toEqual({ text: 'paging for URGENT: ransomware', number: 90, region: 'eu' });
    // The record keeps the arguments the action ran with (rendered), not the templates.
    expect(record.nodes![2]!.arguments).toMatchObject({ text: 'paging for URGENT: ransomware', number: 90 });

    const calm = await engine.run(id, { title: 'low: port scan' });
    expect(nodesOf((await store.executions.get(calm.executionId)).nodes)).toEqual(['score:succeeded', 'urgent:succeeded', 'ignore:succeeded']);
  });

  it('accepts conditions written as templates and takes no branch when none matches and there is no else', async () => {
    const { engine, store } = await setupEngine();
    const id = await enabled(engine, {
      name: 'No else',
      trigger: { type: 'manual', next: ['check'] },
      nodes: {
        check: { type: 'condition', branches: [{ name: 'big', condition: '{{ trigger.n > 10 }}', next: ['after'] }] },
        after: { type: 'store', set: { reached: true } },
      },
    });
    const small = await engine.run(id, { n: 3 });
    expect(small.status).toBe('succeeded');
    expect(small.store).toEqual({});
    expect(nodesOf((await store.executions.get(small.executionId)).nodes)).toEqual(['check:succeeded']);
    expect((await engine.run(id, { n: 30 })).store).toEqual({ reached: true });
  });

  it('runs a foreach body per item within its concurrency bound, with foreach.item/index and per-iteration node results', async () => {
    const { engine, store } = await setupEngine();
    const id = await enabled(engine, {
      name: 'Loop',
      trigger: { type: 'manual', next: ['each'] },
      nodes: {
        each: { type: 'foreach', items: '{{ trigger.hosts }}', concurrency: 2, do: 'wait', next: ['summary'] },
        wait: { type: 'action', module: 'tools', action: 'sleep', arguments: { ms: '{{ 30 - foreach.index * 10 }}' }, next: ['tag'] },
        tag: { type: 'action', module: 'tools', action: 'echo', arguments: { text: '{{ foreach.index }}:{{ foreach.item }} slept {{ node.wait.slept }}' }, next: ['remember'] },
        remember: { type: 'store', append: { seen: '{{ node.tag.text }}' } },
        summary: { type: 'action', module: 'tools', action: 'echo', arguments: { text: 'done', list: '{{ node.each.results }}' } },
      },
    });
    const summary = await engine.run(id, { hosts: ['a', 'b', 'c'] });
    expect(summary.status).toBe('succeeded');
    // Iterations overlap (concurrency 2, shorter sleeps later), so appends arrive out of order.
    expect([...(summary.store['seen'] as string[])].sort()).toEqual(['0:a slept 30', '1:b slept 20', '2:c slept 10']);
    const record = await store.executions.get(summary.executionId);
    const last = record.nodes!.at(-1)!;
    expect(last.nodeId).toBe('summary');
    const results = (last.results as { list: Array<Record<string, { text?: string }>> }).list;
    expect(results.map((r) => r['tag']!.text)).toEqual(['0:a slept 30', '1:b slept 20', '2:c slept 10']);
    expect(nodesOf(record.nodes).filter((n) => n.startsWith('wait'))).toHaveLength(3);
    // The bound: the third iteration starts only once one of the first two has ended.
    const waits = record.nodes!.filter((n) => n.nodeId === 'wait').sort((a, b) => Number(a.iteration) - Number(b.iteration));
    expect(Date.parse(waits[2]!.startedAt)).toBeGreaterThanOrEqual(Math.min(Date.parse(waits[0]!.finishedAt), Date.parse(waits[1]!.finishedAt)));
    expect(record.nodes!.filter((n) => n.nodeId === 'tag').map((n) => n.iteration).sort()).toEqual(['0', '1', '2']);
  });

  it('fails a foreach whose items are not a list, with PLY_FOREACH_ITEMS_INVALID', async () => {
    const { engine } = await setupEngine();
    const id = await enabled(engine, {
      name: 'Bad items',
      trigger: { type: 'manual', next: ['each'] },
      nodes: { each: { type: 'foreach', items: '{{ trigger.hosts }}', do: 'x' }, x: { type: 'store', set: { a: 1 } } },
    });
    const summary = await engine.run(id, { hosts: 'not-a-list' });
    expect(summary.status).toBe('failed');
    expect(summary.error?.code).toBe('PLY_FOREACH_ITEMS_INVALID');
    expect(summary.error?.message).toContain('node "each": items must be a list, got string');
  });

  it('sets, appends to and unsets keys of the run store, readable as {{ store.key }}', async () => {
    const { engine } = await setupEngine();
    const id = await enabled(engine, {
      name: 'Store',
      trigger: { type: 'manual', next: ['first'] },
      nodes: {
        first: { type: 'store', set: { count: '{{ trigger.count }}', temp: 'x', tags: 'one' }, next: ['second'] },
        second: { type: 'store', append: { tags: 'two', fresh: '{{ store.count + 1 }}' }, unset: ['temp'], next: ['use'] },
        use: { type: 'action', module: 'tools', action: 'echo', arguments: { text: '{{ store.tags | join(",") }}', number: '{{ store.fresh[0] }}' } },
      },
    });
    const summary = await engine.run(id, { count: 41 });
    expect(summary.status).toBe('succeeded');
    expect(summary.store).toEqual({ count: 41, tags: ['one', 'two'], fresh: [42] });
  });

  it('join all waits for every branch that runs; join any goes on with the first', async () => {
    const { engine, store } = await setupEngine();
    const id = await enabled(engine, {
      name: 'Joins',
      trigger: { type: 'manual', next: ['slow', 'fast'] },
      nodes: {
        slow: { type: 'action', module: 'tools', action: 'sleep', arguments: { ms: 40 }, next: ['both', 'either'] },
        fast: { type: 'action', module: 'tools', action: 'sleep', arguments: { ms: 1 }, next: ['both', 'either'] },
        both: { type: 'join', mode: 'all', next: ['after_all'] },
        either: { type: 'join', mode: 'any', next: ['after_any'] },
        after_all: { type: 'store', append: { order: 'all' } },
        after_any: { type: 'store', append: { order: 'any' } },
      },
    });
    const summary = await engine.run(id);
    expect(summary.status).toBe('succeeded');
    expect(summary.store['order']).toEqual(['any', 'all']);
    const record = await store.executions.get(summary.executionId);
    expect(record.nodes!.find((n) => n.nodeId === 'both')!.results).toEqual({ from: ['fast', 'slow'] });
    expect(record.nodes!.find((n) => n.nodeId === 'either')!.results).toEqual({ from: ['fast'] });
    expect(record.nodes!.filter((n) => n.nodeId === 'after_any')).toHaveLength(1);
  });

  it('join all still runs when a condition left one of its branches untaken', async () => {
    const { engine } = await setupEngine();
    const id = await enabled(engine, {
      name: 'Join after condition',
      trigger: { type: 'manual', next: ['pick'] },
      nodes: {
        pick: { type: 'condition', branches: [{ name: 'left', condition: 'trigger.left', next: ['left'] }], else: ['right'] },
        left: { type: 'store', set: { side: 'left' }, next: ['merge'] },
        right: { type: 'store', set: { side: 'right' }, next: ['merge'] },
        merge: { type: 'join', next: ['done'] },
        done: { type: 'store', set: { merged: '{{ node.merge.from }}' } },
      },
    });
    expect((await engine.run(id, { left: true })).store).toEqual({ side: 'left', merged: ['left'] });
    expect((await engine.run(id, { left: false })).store).toEqual({ side: 'right', merged: ['right'] });
  });

  it('runs nested foreach bodies, recording iteration paths, and an error branch inside a body', async () => {
    const { engine, store } = await setupEngine();
    const id = await enabled(engine, {
      name: 'Nested',
      trigger: { type: 'manual', next: ['outer'] },
      nodes: {
        outer: { type: 'foreach', items: [['a', 'b'], ['c']], do: 'inner' },
        inner: { type: 'foreach', items: '{{ foreach.item }}', do: 'check' },
        check: {
          type: 'action',
          module: 'tools',
          action: 'flaky',
          arguments: { key: '{{ foreach.item }}-' + Math.random(), fail_times: "{{ 1 if foreach.item == 'b' else 0 }}" },
          on_error: ['note'],
        },
        note: { type: 'store', append: { failed: '{{ foreach.item }}' } },
      },
    });
    const summary = await engine.run(id);
    expect(summary.status).toBe('succeeded');
    expect(summary.store).toEqual({ failed: ['b'] });
    const checks = (await store.executions.get(summary.executionId)).nodes!.filter((n) => n.nodeId === 'check');
    expect(checks.map((n) => `${n.iteration}:${n.status}`)).toEqual(['0.0:succeeded', '0.1:failed', '1.0:succeeded']);
  });

  it('never runs more foreach iterations at once than its concurrency bound', async () => {
    const { engine } = await setupEngine();
    const id = await enabled(engine, {
      name: 'Bounded',
      trigger: { type: 'manual', next: ['each'] },
      nodes: { each: { type: 'foreach', items: [1, 2, 3, 4, 5, 6], concurrency: 2, do: 'g' }, g: { type: 'action', module: 'tools', action: 'gauge', arguments: { ms: 15 } } },
    });
    gauge.max = 0;
    expect((await engine.run(id)).status).toBe('succeeded');
    expect(gauge.max).toBe(2);
  });

  it('writes the node records of a run still in progress, so its progress can be read', async () => {
    const { engine, store } = await setupEngine();
    const id = await enabled(engine, {
      name: 'Progress',
      trigger: { type: 'manual', next: ['quick'] },
      nodes: { quick: { type: 'store', set: { a: 1 }, next: ['slow'] }, slow: { type: 'action', module: 'tools', action: 'sleep', arguments: { ms: 2000 } } },
    });
    const { executionId, done } = await engine.start(id);
    await vi.waitFor(async () => expect(await store.db.all(sql<[string], { node_id: string }>('SELECT node_id FROM execution_nodes WHERE execution_id = ?'), executionId)).toEqual([{ node_id: 'quick' }]), { timeout: 1500, interval: 20 });
    expect((await store.executions.get(executionId)).status).toBe('running');
    await engine.shutdown();
    expect((await done).status).toBe('interrupted');
  });
});

