import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPlaybookGraph, structuralIssues } from '../src/playbooks/playbook-graph.js';
import { parsePlaybookText } from '../src/playbooks/playbook-parser.js';
import { PlyError, type PlyIssue } from '@ply/core';
import { setupEngine } from './playbook-fixture.js';

const base = (nodes: Record<string, unknown>, trigger: Record<string, unknown> = { type: 'manual', next: ['a'] }) => ({ name: 'P', trigger, nodes });
const echo = (extra: Record<string, unknown> = {}) => ({ type: 'action', module: 'tools', action: 'echo', arguments: { text: 'hi' }, ...extra });

async function enableError(document: unknown): Promise<PlyError> {
  const { engine } = await setupEngine();
  const { id } = await engine.create(document);
  try {
    await engine.enable(id);
  } catch (error) {
    expect(error).toBeInstanceOf(PlyError);
    return error as PlyError;
  }
  throw new Error('enable() accepted an invalid playbook');
}

const issues = (error: PlyError): PlyIssue[] => error.issues.map(({ pointer, message }) => ({ pointer, message }));

describe('playbook validation before enabling', () => {
  it('accepts a valid playbook, templated arguments included, and enables it', async () => {
    const { engine } = await setupEngine();
    const document = base({ a: echo({ arguments: { text: '{{ trigger.text }}', number: '{{ trigger.n }}' } }) });
    expect(await engine.validate(document)).toEqual([]);
    const { id } = await engine.create(document);
    expect((await engine.enable(id)).enabled).toBe(true);
  });

  it('names an unknown module', async () => {
    const error = await enableError(base({ a: { type: 'action', module: 'nope', action: 'echo' } }));
    expect(error.code).toBe('PLY_PLAYBOOK_INVALID');
    expect(issues(error)).toEqual([{ pointer: '/nodes/a/module', message: 'unknown module "nope"' }]);
  });

  it('names an unknown action and lists the module’s actions', async () => {
    const error = await enableError(base({ a: { type: 'action', module: 'tools', action: 'ech' } }));
    expect(issues(error)).toEqual([{ pointer: '/nodes/a/action', message: 'module "tools" has no action "ech" (it has: echo, flaky, gauge, refuse, score, sleep, whoami)' }]);
  });

  it('names a version range no installed version satisfies, and one that is not a range', async () => {
    expect(issues(await enableError(base({ a: echo({ version: '^2.0.0' }) })))).toEqual([{ pointer: '/nodes/a/version', message: 'no version of "tools" satisfies ^2.0.0 (known: 1.0.0)' }]);
    expect(issues(await enableError(base({ a: echo({ version: 'latest!' }) })))).toEqual([{ pointer: '/nodes/a/version', message: '"latest!" is not a semver range' }]);
  });

  it('reports literal arguments that cannot match the schema, and skips templated ones', async () => {
    const error = await enableError(base({ a: echo({ arguments: { number: 'three', list: '{{ trigger.items }}' } }) }));
    expect(issues(error).sort((x, y) => x.pointer.localeCompare(y.pointer))).toEqual([
      { pointer: '/nodes/a/arguments/number', message: 'must be integer' },
      { pointer: '/nodes/a/arguments/text', message: 'required property "text" is missing' },
    ]);
  });

  it('names an unknown node reference, suggesting a close id', async () => {
    const error = await enableError(base({ a: echo({ next: ['notify_soc'] }), notify: echo() }));
    expect(issues(error)).toContainEqual({ pointer: '/nodes/a/next/0', message: 'unknown node "notify_soc" (did you mean "notify"?)' });
  });

  it('refuses a cycle, pointing at the edge that closes it', async () => {
    const error = await enableError(base({ a: echo({ next: ['b'] }), b: echo({ next: ['c'] }), c: echo({ next: ['a'] }) }));
    expect(issues(error)).toEqual([{ pointer: '/nodes/c/next/0', message: 'this edge closes a cycle (a → b → c → a); playbooks must be acyclic' }]);
  });

  it('refuses unreachable nodes', async () => {
    const error = await enableError(base({ a: echo(), orphan: echo() }));
    expect(issues(error)).toEqual([{ pointer: '/nodes/orphan', message: 'node "orphan" is not reachable from the trigger' }]);
  });

  it('refuses an edge into a foreach body from outside it', async () => {
    const error = await enableError(
      base({
        a: { type: 'foreach', items: [1, 2], do: 'body', next: ['after'] },
        body: echo(),
        after: echo({ next: ['body'] }),
      }),
    );
    expect(issues(error)).toEqual([{ pointer: '/nodes/after/next/0', message: 'node "body" is in the body of foreach "a" and cannot be reached from outside that body' }]);
  });

  it('names a missing account', async () => {
    const error = await enableError(base({ a: echo({ account: 'prod' }) }));
    expect(issues(error)).toEqual([{ pointer: '/nodes/a/account', message: 'module "tools" has no account named "prod"' }]);
  });

  it('names an invalid cron expression of a schedule trigger', async () => {
    const error = await enableError(base({ a: echo() }, { type: 'schedule', cron: '61 * * * *', next: ['a'] }));
    expect(issues(error)).toHaveLength(1);
    expect(issues(error)[0]!.pointer).toBe('/trigger/cron');
    expect(issues(error)[0]!.message).toMatch(/^invalid cron expression: /);
  });

  it('reports shape errors with pointers at create time: unknown node type, typo in a key, bad node id', async () => {
    const { engine } = await setupEngine();
    const shape = async (document: unknown) => {
      try {
        await engine.create(document);
      } catch (error) {
        return issues(error as PlyError);
      }
      return [];
    };
    expect(await shape(base({ a: { type: 'email', to: 'x' } }))).toEqual([
      { pointer: '/nodes/a/type', message: "Invalid discriminator value. Expected 'action' | 'condition' | 'foreach' | 'store' | 'join'" },
    ]);
    expect(await shape(base({ a: echo({ retries: 3 }) }))).toEqual([{ pointer: '/nodes/a', message: 'Unrecognized key: "retries"' }]);
    expect((await shape(base({ 'a-b': echo() }, { type: 'manual', next: ['a-b'] }))).map((i) => i.pointer)).toEqual(expect.arrayContaining(['/trigger/next/0', '/nodes/a-b']));
  });

  it('reads YAML and reports unreadable text at pointer "/"', async () => {
    const { engine } = await setupEngine();
    const document = engine.parse('name: From YAML\ntrigger:\n  type: manual\n  next: [a]\nnodes:\n  a:\n    type: store\n    set: { x: 1 }\n');
    expect(document.nodes['a']).toEqual({ type: 'store', set: { x: 1 } });
    let error: PlyError | undefined;
    try {
      engine.parse('name: [unclosed');
    } catch (thrown) {
      error = thrown as PlyError;
    }
    expect(error?.code).toBe('PLY_PLAYBOOK_INVALID');
    expect(error?.issues[0]?.pointer).toBe('/');
  });

  it('refuses to update an enabled playbook into an invalid one', async () => {
    const { engine, store } = await setupEngine();
    const { id } = await engine.create(base({ a: echo() }));
    await engine.enable(id);
    await expect(engine.update(id, base({ a: echo({ next: ['ghost'] }) }))).rejects.toThrow(/\/nodes\/a\/next\/0 unknown node "ghost"/);
    expect((await store.playbooks.get(id)).version).toBe(1);
    expect((await engine.update(id, base({ a: echo({ arguments: { text: 'v2' } }) }))).version).toBe(2);
  });
});

describe('docs/playbooks.md', () => {
  it('shows an example whose shape and graph are valid', async () => {
    const markdown = readFileSync(new URL('../../docs/playbooks.md', import.meta.url), 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(markdown)![1]!;
    const document = parsePlaybookText(yaml);
    expect(Object.keys(document.nodes)).toHaveLength(7);
    expect(structuralIssues(buildPlaybookGraph(document))).toEqual([]);
  });
});

