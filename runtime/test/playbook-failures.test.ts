import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { PlyError } from '@ply/core';
import { enabled, setupEngine } from './playbook-fixture.js';

function flaky(key: string, failTimes: number, extra: Record<string, unknown> = {}) {
  return { type: 'action', module: 'tools', action: 'flaky', arguments: { key, fail_times: failTimes }, ...extra };
}

describe('PlaybookEngine: failures', () => {
  it('retries an operational failure with backoff and records every attempt', async () => {
    const { engine, store } = await setupEngine();
    const key = randomUUID();
    const id = await enabled(engine, {
      name: 'Retry',
      trigger: { type: 'manual', next: ['call'] },
      nodes: { call: flaky(key, 2, { retry: { max_attempts: 3, delay_ms: 20, max_delay_ms: 40 } }) },
    });
    // The backoff is full jitter (a random wait up to its ceiling): at the top of each draw, the
    // waits are the ceilings, 20 ms then 40 ms, which the recorded attempts must be apart.
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
    const summary = await engine.run(id).finally(() => random.mockRestore());
    expect(summary.status).toBe('succeeded');
    const nodes = (await store.executions.get(summary.executionId)).nodes!;
    expect(nodes.map((n) => [n.attempt, n.status, n.error?.code])).toEqual([
      [1, 'failed', 'PLY_VENDOR_HTTP_ERROR'],
      [2, 'failed', 'PLY_VENDOR_HTTP_ERROR'],
      [3, 'succeeded', undefined],
    ]);
    expect(nodes[2]!.results).toEqual({ calls: 3 });
    // Timestamps are whole milliseconds: allow one on each side.
    const gap = (before: number, after: number) => Date.parse(nodes[after]!.startedAt) - Date.parse(nodes[before]!.finishedAt);
    expect(gap(0, 1)).toBeGreaterThanOrEqual(20 - 2);
    expect(gap(1, 2)).toBeGreaterThanOrEqual(40 - 2);
  });

  it('does not retry a user error (arguments that do not match the schema at run time)', async () => {
    const { engine, store } = await setupEngine();
    const id = await enabled(engine, {
      name: 'No retry',
      trigger: { type: 'manual', next: ['call'] },
      nodes: { call: { type: 'action', module: 'tools', action: 'echo', arguments: { text: '{{ trigger.missing }}', number: '{{ trigger.n }}' }, retry: { max_attempts: 5, delay_ms: 1 } } },
    });
    const summary = await engine.run(id, { n: 'not a number' });
    expect(summary.status).toBe('failed');
    expect(summary.error?.code).toBe('PLY_ARGUMENTS_INVALID');
    expect((await store.executions.get(summary.executionId)).nodes).toHaveLength(1);
  });

  it('fails a node that exceeds its timeout with PLY_ACTION_TIMEOUT', async () => {
    const { engine } = await setupEngine();
    const id = await enabled(engine, {
      name: 'Timeout',
      trigger: { type: 'manual', next: ['slow'] },
      nodes: { slow: { type: 'action', module: 'tools', action: 'sleep', arguments: { ms: 5000 }, timeout_ms: 30 } },
    });
    const summary = await engine.run(id);
    expect(summary.status).toBe('failed');
    expect(summary.error).toEqual({ code: 'PLY_ACTION_TIMEOUT', message: 'action tools.sleep did not finish within 30 ms' });
  });

  it('follows the error branch of a failed node, which sees the error as node.<id>.error, and the execution succeeds', async () => {
    const { engine, store } = await setupEngine();
    const id = await enabled(engine, {
      name: 'Error branch',
      trigger: { type: 'manual', next: ['call'] },
      nodes: {
        call: flaky(randomUUID(), 99, { next: ['happy'], on_error: ['report'] }),
        happy: { type: 'store', set: { path: 'happy' } },
        report: { type: 'store', set: { path: 'error', code: '{{ node.call.error.code }}' } },
      },
    });
    const summary = await engine.run(id);
    expect(summary.status).toBe('succeeded');
    expect(summary.store).toEqual({ path: 'error', code: 'PLY_VENDOR_HTTP_ERROR' });
    expect((await store.executions.get(summary.executionId)).nodes!.map((n) => `${n.nodeId}:${n.status}`)).toEqual(['call:failed', 'report:succeeded']);
  });

  it('disables a playbook after 5 consecutive technical failures; a success in between resets the count', async () => {
    const { engine, store, logs } = await setupEngine();
    const id = await enabled(engine, {
      name: 'Flapping',
      trigger: { type: 'manual', next: ['call'] },
      nodes: { call: { type: 'action', module: 'tools', action: 'flaky', arguments: { key: '{{ trigger.key }}', fail_times: '{{ trigger.fail }}' } } },
    });
    const run = (fail: number) => engine.run(id, { key: randomUUID(), fail });
    for (let i = 0; i < 4; i += 1) expect((await run(1)).status).toBe('failed');
    expect((await store.playbooks.get(id)).consecutiveFailures).toBe(4);
    expect((await run(0)).status).toBe('succeeded');
    expect((await store.playbooks.get(id)).consecutiveFailures).toBe(0);
    for (let i = 0; i < 4; i += 1) await run(1);
    expect((await store.playbooks.get(id)).enabled).toBe(true);
    const fifth = await run(1);
    expect(fifth.disabledPlaybook).toBe(true);
    const record = await store.playbooks.get(id);
    expect(record).toMatchObject({ enabled: false, consecutiveFailures: 5, disabledReason: 'disabled after 5 consecutive technical failures' });
    expect(logs.text()).toContain('playbook disabled after consecutive technical failures');
    const refused = await (async () => {
      try {
        await engine.start(id, {});
      } catch (error) {
        return error as PlyError;
      }
      return undefined;
    })();
    expect(refused?.code).toBe('PLY_PLAYBOOK_DISABLED');
    // Enabling again clears the counter and the reason.
    expect(await engine.enable(id)).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
  });

  it('does not count user errors towards auto-disable', async () => {
    const { engine, store } = await setupEngine();
    const id = await enabled(engine, {
      name: 'User errors',
      trigger: { type: 'manual', next: ['call'] },
      // An attribute of a missing value fails in Jinja2 (a number for a string argument no longer
      // does: it renders as its text).
      nodes: { call: { type: 'action', module: 'tools', action: 'echo', arguments: { text: '{{ trigger.missing.deeper }}' } } },
    });
    for (let i = 0; i < 6; i += 1) expect((await engine.run(id, { text: 42 })).error?.code).toBe('PLY_TEMPLATE_ERROR');
    expect(await store.playbooks.get(id)).toMatchObject({ enabled: true, consecutiveFailures: 0 });
  });

  it('refuses runs past the playbook rate limit without recording them', async () => {
    const { engine, store } = await setupEngine();
    const id = await enabled(engine, {
      name: 'Limited',
      rate_limit: { max_runs: 3, per_seconds: 3600 },
      trigger: { type: 'webhook', next: ['s'] },
      nodes: { s: { type: 'store', set: { ok: true } } },
    });
    for (let i = 0; i < 3; i += 1) await engine.run(id);
    let error: PlyError | undefined;
    try {
      await engine.start(id);
    } catch (thrown) {
      error = thrown as PlyError;
    }
    expect(error?.code).toBe('PLY_PLAYBOOK_RATE_LIMITED');
    expect(error?.message).toBe(`playbook ${id} may start at most 3 runs per 3600 s`);
    expect(await store.executions.list({ playbookId: id })).toHaveLength(3);
  });

  it('runs with an account: secrets decrypted for the action, masked in records, absent from logs', async () => {
    const { engine, store, logs, home } = await setupEngine();
    const secret = 'sk-live-4b1d9e0f7a';
    await store.accounts.create({ module: 'tools', name: 'prod', configuration: { api_key: secret, region: 'us' }, secretKeys: ['api_key'] });
    const id = await enabled(engine, {
      name: 'Account',
      trigger: { type: 'manual', next: ['who', 'where'] },
      nodes: {
        who: { type: 'action', module: 'tools', action: 'whoami', account: 'prod', arguments: { password: 'hunter2-pass' } },
        where: { type: 'action', module: 'tools', action: 'echo', account: 'prod', arguments: { text: 'x' } },
      },
    });
    const summary = await engine.run(id, { token: 'webhook-token-123' });
    expect(summary.status).toBe('succeeded');
    const record = await store.executions.get(summary.executionId);
    const who = record.nodes!.find((n) => n.nodeId === 'who')!;
    expect(who.results).toEqual({ echo: 'key=[REDACTED]' });
    expect(who.arguments).toEqual({ password: '[REDACTED]' });
    expect(record.nodes!.find((n) => n.nodeId === 'where')!.results).toMatchObject({ region: 'us' });
    expect(record.triggerEvent).toEqual({ token: '[REDACTED]' });
    // The account secret is encrypted at rest: it is nowhere in the database files.
    const raw = readFileSync(join(home, 'ply.db')).toString('latin1') + readFileSync(join(home, 'ply.db-wal')).toString('latin1');
    expect(raw.includes(secret)).toBe(false);
    expect(JSON.stringify(record).includes('hunter2-pass')).toBe(false);
    expect(logs.text().includes(secret)).toBe(false);
  });

  it('fails with PLY_ACCOUNT_NOT_FOUND when the account was deleted after enabling', async () => {
    const { engine, store } = await setupEngine();
    const account = await store.accounts.create({ module: 'tools', name: 'gone', configuration: {}, secretKeys: ['api_key'] });
    const id = await enabled(engine, {
      name: 'Deleted account',
      trigger: { type: 'manual', next: ['a'] },
      nodes: { a: { type: 'action', module: 'tools', action: 'echo', account: 'gone', arguments: { text: 'x' } } },
    });
    await store.accounts.delete(account.id);
    const summary = await engine.run(id);
    expect(summary.error).toEqual({ code: 'PLY_ACCOUNT_NOT_FOUND', message: 'module "tools" has no account named "gone"' });
  });

  it('marks runs still going at shutdown as interrupted once the grace period is over', async () => {
    const { engine, store } = await setupEngine();
    const id = await enabled(engine, {
      name: 'Long',
      trigger: { type: 'manual', next: ['slow'] },
      nodes: { slow: { type: 'action', module: 'tools', action: 'sleep', arguments: { ms: 10_000 } } },
    });
    const started = await engine.start(id);
    expect(engine.inFlight).toBe(1);
    expect((await store.executions.get(started.executionId)).status).toBe('running');
    await engine.shutdown(20);
    expect((await started.done).status).toBe('interrupted');
    expect((await store.executions.get(started.executionId)).status).toBe('interrupted');
    expect((await store.playbooks.get(id)).consecutiveFailures).toBe(0);
  });
});
