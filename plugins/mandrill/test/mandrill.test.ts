import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ply } from '@ply/core';
import { createTestPly, startFakeServer, TEST_HTTP_RETRY, type FakeServer, plyErrorOf } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeMandrill } from './fake-mandrill.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
const API_KEY = 'md-secret-key-5c1e9a7b';
const ACTION = 'mandrill.send_message';

const message = {
  subject: 'Alert ALxyz123',
  html: '<p>Alert <b>ALxyz123</b> needs a look</p>',
  text: 'Alert ALxyz123 needs a look',
  from_email: 'soc@example.org',
  from_name: 'SOC',
  to: [
    { email: 'analyst@example.org', name: 'Analyst', type: 'to' as const },
    { email: 'lead@example.org', type: 'cc' as const },
  ],
};


describe('Mandrill Send Message through the executor', () => {
  // A fresh fake, runtime and log per test: no test sees the requests, faults or log lines of another.
  let mandrill: ReturnType<typeof fakeMandrill>;
  let server: FakeServer;
  let ply: Ply;
  let logs: ReturnType<typeof createTestPly>['logs'];
  let configuration: Record<string, unknown>;

  beforeEach(async () => {
    mandrill = fakeMandrill(API_KEY);
    server = await startFakeServer(mandrill.app.fetch);
    configuration = { apikey: API_KEY, base_url: `${server.url}api/1.0/` };
    ({ ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] }));
  });
  afterEach(() => server.close());

  it('sends the message with the key in the body and returns one status per recipient', async () => {
    const result = await ply.run({
      action: ACTION,
      arguments: {
        message: { ...message, global_merge_vars: [{ name: 'ALERT', content: 'ALxyz123' }], merge_vars: [{ rcpt: 'lead@example.org', vars: [{ name: 'ROLE', content: 'lead' }] }] },
        ip_pool: 'Main Pool',
      },
      configuration,
    });
    const sent = mandrill.received.at(-1)!;
    expect(sent).toEqual({
      key: API_KEY,
      message: { ...message, global_merge_vars: [{ name: 'ALERT', content: 'ALxyz123' }], merge_vars: [{ rcpt: 'lead@example.org', vars: [{ name: 'ROLE', content: 'lead' }] }] },
      ip_pool: 'Main Pool',
    });
    expect(result.results).toEqual({
      report: [
        { email: 'analyst@example.org', status: 'sent', reject_reason: null, _id: expect.stringMatching(/^[0-9a-f]{32}$/) },
        { email: 'lead@example.org', status: 'sent', reject_reason: null, _id: expect.stringMatching(/^[0-9a-f]{32}$/) },
      ],
    });
  });

  it('reports rejected (with the reason) and invalid recipients without failing the run', async () => {
    const result = await ply.run({
      action: ACTION,
      arguments: { message: { ...message, to: [{ email: 'ok@example.org' }, { email: 'gone@bounce.example' }, { email: 'not-an-address' }] } },
      configuration,
    });
    const report = (result.results as { report: Array<Record<string, unknown>> }).report;
    expect(report.map((entry) => [entry['email'], entry['status'], entry['reject_reason']])).toEqual([
      ['ok@example.org', 'sent', null],
      ['gone@bounce.example', 'rejected', 'hard-bounce'],
      ['not-an-address', 'invalid', null],
    ]);
    expect(logs.text()).toContain('some recipients will not receive the message');
  });

  it('passes async and send_at on, and reports queued and scheduled recipients', async () => {
    const queued = await ply.run({ action: ACTION, arguments: { message, async: true }, configuration });
    expect(mandrill.received.at(-1)!['async']).toBe(true);
    expect((queued.results as { report: Array<{ status: string; queued_reason?: string }> }).report[0]).toMatchObject({ status: 'queued', queued_reason: 'multiple-recipients' });

    const scheduled = await ply.run({ action: ACTION, arguments: { message, send_at: '2030-01-01 08:00:00' }, configuration });
    expect(mandrill.received.at(-1)!['send_at']).toBe('2030-01-01 08:00:00');
    expect((scheduled.results as { report: Array<{ status: string }> }).report.map((entry) => entry.status)).toEqual(['scheduled', 'scheduled']);
  });

  it('renders templated message fields from the playbook context', async () => {
    await ply.run({
      action: ACTION,
      arguments: { message: { ...message, subject: 'Alert {{ trigger.short_id }}', to: '{{ node[1].recipients }}' } },
      configuration,
      templateContext: { trigger: { short_id: 'ALabc' }, node: { '1': { recipients: [{ email: 'oncall@example.org' }] } } },
    });
    const sent = mandrill.received.at(-1)!['message'] as Record<string, unknown>;
    expect(sent['subject']).toBe('Alert ALabc');
    expect(sent['to']).toEqual([{ email: 'oncall@example.org' }]);
  });

  it('fails with 401 and Mandrill\'s message for a bad key, without retrying and without showing the key', async () => {
    const before = mandrill.received.length;
    const error = await plyErrorOf(ply.run({ action: ACTION, arguments: { message }, configuration: { ...configuration, apikey: 'md-wrong-key-000111' } }));
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.details['status']).toBe(401);
    expect(error.message).toContain('Invalid API key');
    expect(mandrill.received.length).toBe(before + 1);
    expect(JSON.stringify(error)).not.toContain('md-wrong-key-000111');
    expect(logs.text()).toContain('action failed');
    expect(logs.text()).not.toContain('md-wrong-key-000111');
  });

  it('passes Mandrill\'s validation message through on 400, without retrying', async () => {
    const before = mandrill.received.length;
    const { from_email: _omitted, ...withoutSender } = message;
    const error = await plyErrorOf(ply.run({ action: ACTION, arguments: { message: withoutSender }, configuration }));
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.details['status']).toBe(400);
    expect(error.message).toContain('The domain for your sending address is not verified');
    expect(mandrill.received.length).toBe(before + 1);
  });

  it('retries after a 429 (honouring Retry-After) and then succeeds', async () => {
    mandrill.failNext.push({ status: 429, retryAfter: '1' });
    const result = await ply.run({ action: ACTION, arguments: { message }, configuration });
    expect(mandrill.failNext).toHaveLength(0);
    expect((result.results as { report: unknown[] }).report).toHaveLength(2);
    expect(logs.text()).toContain('HTTP request failed, retrying');
    // Retry-After: 1 s, capped at the test runtime's ceiling; the backoff alone would have waited 0 or 1 ms.
    const retry = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'HTTP request failed, retrying');
    expect(retry).toMatchObject({ status: 429, delayMs: TEST_HTTP_RETRY.maxDelayMs });
  });

  it('sends the message once when Mandrill answers 503: a resend could deliver it twice', async () => {
    mandrill.failNext.push({ status: 503 as const, retryAfter: '0' });
    const error = await plyErrorOf(ply.run({ action: ACTION, arguments: { message }, configuration }));
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.details).toMatchObject({ status: 503, attempts: 1 });
    expect(mandrill.failNext).toHaveLength(0);
  });

  it('times out when Mandrill does not answer within the run deadline', async () => {
    mandrill.state.delayNextMs = 5_000;
    const error = await plyErrorOf(ply.run({ action: ACTION, arguments: { message }, configuration, timeoutMs: 150 }));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
  });

  it('refuses a message without recipients before calling Mandrill', async () => {
    const before = mandrill.received.length;
    const error = await plyErrorOf(ply.run({ action: ACTION, arguments: { message: { ...message, to: [] } }, configuration }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.message).toContain('/message/to');
    const { to: _to, ...withoutTo } = message;
    const missing = await plyErrorOf(ply.run({ action: ACTION, arguments: { message: withoutTo }, configuration }));
    expect([missing.code, missing.message]).toEqual(['PLY_ARGUMENTS_INVALID', 'arguments of send_message: /message/to needs at least one recipient']);
    expect(mandrill.received.length).toBe(before);
  });

  it("takes the reference's forms (inline_css as text, one merge_vars object) and sends the API's", async () => {
    const merge = { name: 'ROLE', content: 'lead' };
    await ply.run({ action: ACTION, arguments: { message: { ...message, inline_css: 'True', merge_vars: [{ rcpt: 'lead@example.org', vars: merge }] } }, configuration });
    expect(mandrill.received.at(-1)!['message']).toMatchObject({ inline_css: true, merge_vars: [{ rcpt: 'lead@example.org', vars: [merge] }] });
    const error = await plyErrorOf(ply.run({ action: ACTION, arguments: { message: { ...message, inline_css: 'sometimes' } }, configuration }));
    expect([error.code, error.message]).toEqual(['PLY_ARGUMENTS_INVALID', 'arguments of send_message: /message/inline_css must be true or false, not "sometimes"']);
  });

  it("passes a recipient type on for Mandrill to judge, and reports Mandrill's refusal", async () => {
    const error = await plyErrorOf(ply.run({ action: ACTION, arguments: { message: { ...message, to: [{ email: 'a@example.org', type: 'reply-to' }] } }, configuration }));
    expect([error.code, error.details['status']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 400]);
    expect(error.message).toContain('Please select one of to, cc, bcc (got reply-to)');
  });

  it('refuses a configuration without the API key, naming it', async () => {
    const error = await plyErrorOf(ply.run({ action: ACTION, arguments: { message }, configuration: { base_url: configuration['base_url'] } }));
    expect(error.code).toBe('PLY_CONFIGURATION_INVALID');
    expect(error.message).toContain('apikey');
  });

  it('keeps the API key out of every log line', async () => {
    // The lines checked are made here: a retried 429, a partly rejected send, and a run that fails on a 503.
    mandrill.failNext.push({ status: 429, retryAfter: '0' });
    await ply.run({ action: ACTION, arguments: { message: { ...message, to: [...message.to, { email: 'gone@bounce.example' }] } }, configuration });
    mandrill.failNext.push({ status: 503, retryAfter: '0' });
    expect((await plyErrorOf(ply.run({ action: ACTION, arguments: { message }, configuration }))).code).toBe('PLY_VENDOR_HTTP_ERROR');
    const messages = logs.lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(['HTTP request failed, retrying', 'some recipients will not receive the message', 'action failed']));
    expect(logs.text()).not.toContain(API_KEY);
  });
});
