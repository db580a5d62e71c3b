import { mkdtempSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiClient, httpJson, startServe, type ServeProcess } from './serve-process.js';

/**
 * Issue #21 item 3: a webhook whose templates loop over its data held the server's event loop
 * (renders are bounded, 1,000,000 steps, but ran on the loop), so `/api/v1/health` waited for
 * them. Ordering, not timing: the execution is seen `running` before and after several health
 * answers, so they were served while its templates worked.
 */
const agent = new Agent({ keepAlive: true });
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(): Promise<ServeProcess> {
  const served = await startServe(mkdtempSync(join(tmpdir(), 'ply-renders-')));
  cleanups.push(async () => {
    if (served.child.exitCode === null && served.child.signalCode === null) served.child.kill('SIGKILL');
    await served.exited;
  });
  return served;
}

/** A nested loop over the webhook's items: about n² steps (600 items: some 400,000, under the 1,000,000 bound). */
const LOOP = '{% for a in trigger.xs %}{% for b in trigger.xs %}{% endfor %}{% endfor %}';
const KEYS = 8;
const playbook = `
name: Heavy
trigger: { type: webhook, next: [work] }
nodes:
  work:
    type: store
    set:
${Array.from({ length: KEYS }, (_, i) => `      k${i}: "${LOOP}{{ trigger.xs | length }}"`).join('\n')}
      derived: "${LOOP}{{ trigger.api_token | upper }}"
`;
/** The same templates in an action's arguments (rendered by the kernel's executor for the action). */
const actionPlaybook = `
name: Heavy arguments
trigger: { type: webhook, next: [work] }
nodes:
  work:
    type: action
    module: utils
    action: groupby
    arguments:
      group_key: k
      input:
${Array.from({ length: KEYS }, () => `        - { k: "${LOOP}{{ trigger.xs | length }}" }`).join('\n')}
        - { k: "${LOOP}{{ trigger.api_token | upper }}" }
`;

/**
 * Enables the playbook, runs it once lightly, then sends its webhook 600 items and a secret and
 * checks the execution is `running` before and after five health answers; returns it finished.
 */
async function runWhileAnsweringHealth(document: string, token: string): Promise<{ status: string; error?: unknown; nodes: Array<{ arguments: Record<string, unknown>; results: Record<string, unknown> }> }> {
  const served = await serve();
  const api = apiClient(agent, served.url, served.adminToken!);
  const created = await api.call('POST', '/api/v1/playbooks?enable=true', document, { 'content-type': 'application/yaml' });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const hook = await api.call('GET', `/api/v1/playbooks/${created.json.id}/webhook`);
  // A first, light run: the action's plugin is loaded (on first use) before the heavy one starts.
  const warm = await httpJson(agent, `${served.url}${hook.json.path}`, 'POST', { xs: [], api_token: token }, { 'x-ply-token': hook.json.token });
  expect((await api.finished(warm.json.executionId as string, 60_000)).status).toBe('succeeded');
  const items = Array.from({ length: 600 }, (_, i) => i);
  const accepted = await httpJson(agent, `${served.url}${hook.json.path}`, 'POST', { xs: items, api_token: token }, { 'x-ply-token': hook.json.token });
  expect(accepted.status).toBe(202);
  const id = accepted.json.executionId as string;
  const status = async () => (await api.call('GET', `/api/v1/executions/${id}`)).json.status as string;

  expect(await status()).toBe('running');
  for (let i = 0; i < 5; i++) {
    const health = await httpJson(agent, `${served.url}/api/v1/health`, 'GET');
    expect(health.status).toBe(200);
  }
  expect(await status()).toBe('running');
  return api.finished(id, 120_000);
}

describe('the server stays responsive while a webhook\u2019s templates work (issue #21 item 3)', () => {
  it('answers /api/v1/health several times while a store node\u2019s templates render, and they finish with their taint marks', async () => {
    const token = 'tok-secret-abcdef-0123456789';
    const run = await runWhileAnsweringHealth(playbook, token);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const set = run.nodes[0]!.results['set'] as Record<string, unknown>;
    for (let i = 0; i < KEYS; i++) expect(set[`k${i}`]).toBe('600');
    // Rendered in the worker, the value derived from the secret still comes back marked: masked in the record.
    expect(JSON.stringify(run)).not.toContain(token.toUpperCase());
    expect(JSON.stringify(run)).not.toContain(token);
    expect(set['derived']).toContain('[REDACTED]');
  }, 150_000);

  it('answers /api/v1/health several times while an action\u2019s argument templates render, and the action runs with them', async () => {
    const token = 'tok-secret-fedcba-9876543210';
    const run = await runWhileAnsweringHealth(actionPlaybook, token);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const input = run.nodes[0]!.arguments['input'] as Array<{ k: string }>;
    expect(input.slice(0, KEYS).map((item) => item.k)).toEqual(Array.from({ length: KEYS }, () => '600'));
    expect(input[KEYS]!.k).toContain('[REDACTED]');
    expect(JSON.stringify(run)).not.toContain(token.toUpperCase());
    expect(JSON.stringify(run)).not.toContain(token);
  }, 150_000);
});
