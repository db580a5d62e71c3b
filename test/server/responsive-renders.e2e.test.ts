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

describe('the server stays responsive while a webhook\u2019s templates work (issue #21 item 3)', () => {
  it('answers /api/v1/health several times while the execution is running, and the renders finish with their taint marks', async () => {
    const served = await serve();
    const api = apiClient(agent, served.url, served.adminToken!);
    const created = await api.call('POST', '/api/v1/playbooks?enable=true', playbook, { 'content-type': 'application/yaml' });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const hook = await api.call('GET', `/api/v1/playbooks/${created.json.id}/webhook`);
    const token = 'tok-secret-abcdef-0123456789';
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

    const run = await api.finished(id, 120_000);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const set = run.nodes[0].results.set as Record<string, unknown>;
    for (let i = 0; i < KEYS; i++) expect(set[`k${i}`]).toBe('600');
    // Rendered in the worker, the value derived from the secret still comes back marked: masked in the record.
    expect(JSON.stringify(run)).not.toContain(token.toUpperCase());
    expect(JSON.stringify(run)).not.toContain(token);
    expect(set['derived']).toContain('[REDACTED]');
  }, 150_000);
});
