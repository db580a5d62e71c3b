import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { captureLogs } from '@ply/kit/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
// Through the package entry, as `ply serve` loads it (it registers the runtime's error catalogue).
import { createServerApp, startRuntimeServer, type RunningRuntimeServer } from '@ply/runtime';

// `ply serve` answers POST /hooks/:id on node:http before Hono (webhook-listener.ts): these tests
// hold it to what the Hono route answers, over real HTTP on 127.0.0.1.

let server: RunningRuntimeServer | undefined;
afterEach(async () => {
  await server?.stop(1000);
  server = undefined;
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function send(url: string, body: Buffer | undefined, headers: Record<string, string>, options: { agent?: Agent; method?: string; chunked?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const framing: Record<string, string> = options.chunked ? { 'transfer-encoding': 'chunked' } : body ? { 'content-length': String(body.length) } : {};
    const req = request(url, { method: options.method ?? 'POST', headers: { ...framing, ...headers }, ...(options.agent ? { agent: options.agent } : {}) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    if (body && options.chunked) {
      // Two chunks: no Content-Length, the body counted as it is read.
      req.write(body.subarray(0, body.length >> 1));
      req.end(body.subarray(body.length >> 1));
    } else req.end(body);
  });
}

const sign = (token: string, ...parts: Array<string | Buffer>) => {
  const hmac = createHmac('sha256', token);
  for (const part of parts) hmac.update(part);
  return `sha256=${hmac.digest('hex')}`;
};

async function serveWithPlaybook(document: Record<string, unknown>, logger?: ReturnType<typeof captureLogs>['logger']): Promise<{ id: string; token: string }> {
  const home = mkdtempSync(join(tmpdir(), 'ply-hook-listener-'));
  server = await startRuntimeServer({ port: 0, settings: { home }, ...(logger ? { logger } : {}) });
  const { id } = await server.runtime.engine.create(document, { enable: true });
  return { id, token: server.runtime.webhooks.tokenOf(id) };
}

const HOOK = { name: 'Hook', trigger: { type: 'webhook', next: ['keep'] }, nodes: { keep: { type: 'store', set: { got: '{{ trigger.alert }}' } } } };

/** What both transports must agree on: the status, the content type and the body (an execution id stands for any id). */
function comparable(answer: { status: number; type: string | null | undefined; text: string }) {
  const body = answer.text ? (JSON.parse(answer.text) as Record<string, unknown>) : undefined;
  return { status: answer.status, type: answer.type, body: body && 'executionId' in body ? { executionId: typeof body['executionId'] } : body };
}

describe('webhooks on node:http in front of the Hono app', () => {
  it('answers every kind of webhook call as the Hono route answers it: accepted, refused, malformed, too large, unknown', async () => {
    const { id, token } = await serveWithPlaybook(HOOK);
    const app = createServerApp(server!.runtime, {});
    const json = { 'content-type': 'application/json' };
    const good = Buffer.from('{"alert":"AL1"}');
    const stale = String(Math.floor(Date.now() / 1000) - 3600);
    const deep = Buffer.from(`${'['.repeat(2000)}${']'.repeat(2000)}`);
    const cases: Array<[string, string, Buffer | undefined, Record<string, string>]> = [
      ['token', `/hooks/${id}`, good, { ...json, 'x-ply-token': token }],
      ['token and a query string', `/hooks/${id}?source=siem`, good, { ...json, 'x-ply-token': token }],
      ['signature of the raw bytes', `/hooks/${id}`, good, { ...json, 'x-ply-signature': sign(token, good) }],
      ['empty body', `/hooks/${id}`, undefined, { 'x-ply-token': token }],
      ['no credentials', `/hooks/${id}`, good, json],
      ['wrong token', `/hooks/${id}`, good, { ...json, 'x-ply-token': `${token}x` }],
      ['wrong signature', `/hooks/${id}`, good, { ...json, 'x-ply-signature': 'sha256=00' }],
      ['stale timestamp', `/hooks/${id}`, good, { ...json, 'x-ply-timestamp': stale, 'x-ply-signature': sign(token, `${stale}.`, good) }],
      ['bad timestamp', `/hooks/${id}`, good, { ...json, 'x-ply-timestamp': 'yesterday', 'x-ply-signature': sign(token, 'yesterday.', good) }],
      ['not JSON', `/hooks/${id}`, Buffer.from('{oops'), { ...json, 'x-ply-token': token }],
      ['nested too deep', `/hooks/${id}`, deep, { ...json, 'x-ply-token': token }],
      ['over the size limit', `/hooks/${id}`, Buffer.alloc(256 * 1024 + 1, 0x20), { ...json, 'x-ply-token': token }],
      ['no such playbook', '/hooks/no-such-playbook', good, { ...json, 'x-ply-token': server!.runtime.webhooks.tokenOf('no-such-playbook') }],
      ['an id Hono decodes', `/hooks/no%20such`, good, { ...json, 'x-ply-token': 'x' }],
      ['a trailing slash', `/hooks/${id}/`, good, { ...json, 'x-ply-token': token }],
    ];
    for (const [what, path, body, headers] of cases) {
      const overHttp = await send(`${server!.base}${path}`, body, headers);
      const viaHono = await app.request(path, { method: 'POST', headers, ...(body ? { body: new Uint8Array(body) } : {}) });
      const expected = comparable({ status: viaHono.status, type: viaHono.headers.get('content-type'), text: await viaHono.text() });
      expect(comparable({ status: overHttp.status, type: overHttp.headers['content-type'] as string | undefined, text: overHttp.text }), what).toEqual(expected);
    }
    // Both transports accepted the same calls, each recorded once.
    expect((await server!.runtime.store.executions.list({ playbookId: id })).length).toBe(8);
  });

  it('applies the playbook rate limit as the Hono route does (429 past it)', async () => {
    const { id, token } = await serveWithPlaybook({ ...HOOK, rate_limit: { max_runs: 1, per_seconds: 3600 } });
    const first = await send(`${server!.base}/hooks/${id}`, Buffer.from('{}'), { 'x-ply-token': token });
    const second = await send(`${server!.base}/hooks/${id}`, Buffer.from('{}'), { 'x-ply-token': token });
    expect([first.status, second.status]).toEqual([202, 429]);
    expect(JSON.parse(second.text)).toMatchObject({ error: { code: 'PLY_PLAYBOOK_RATE_LIMITED', details: { maxRuns: 1, perSeconds: 3600 } } });
  });

  it('answers 202 only once the execution row is committed: another connection to the database sees it at once', async () => {
    const { id, token } = await serveWithPlaybook(HOOK);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => send(`${server!.base}/hooks/${id}`, Buffer.from(`{"alert":"AL${n}"}`), { 'x-ply-token': token })));
    const outside = new Database(join(server!.runtime.ply.settings.home, 'ply.db'), { readonly: true });
    try {
      for (const answer of answers) {
        expect(answer.status).toBe(202);
        const { executionId } = JSON.parse(answer.text) as { executionId: string };
        expect(outside.prepare('SELECT COUNT(*) AS n FROM executions WHERE id = ?').get(executionId)).toEqual({ n: 1 });
      }
    } finally {
      outside.close();
    }
  });

  it('reads a chunked body, and serves the next request of a kept-alive connection after refusing an oversized one', async () => {
    const { id, token } = await serveWithPlaybook(HOOK);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const chunked = await send(`${server!.base}/hooks/${id}`, Buffer.from('{"alert":"AL-chunked"}'), { 'x-ply-token': token }, { agent, chunked: true });
      expect(chunked.status).toBe(202);
      const oversized = await send(`${server!.base}/hooks/${id}`, Buffer.alloc(300 * 1024, 0x20), { 'x-ply-token': token }, { agent, chunked: true });
      expect([oversized.status, JSON.parse(oversized.text).error.code]).toEqual([413, 'PLY_PAYLOAD_TOO_LARGE']);
      const next = await send(`${server!.base}/hooks/${id}`, Buffer.from('{"alert":"AL-next"}'), { 'x-ply-token': token }, { agent });
      expect(next.status).toBe(202);
      const { executionId } = JSON.parse(chunked.text) as { executionId: string };
      expect((await server!.runtime.store.executions.get(executionId)).triggerEvent).toEqual({ alert: 'AL-chunked' });
    } finally {
      agent.destroy();
    }
  });

  it('gives up a body whose caller left before sending all of it, records nothing, and serves the next caller', async () => {
    const logs = captureLogs('info');
    const { id, token } = await serveWithPlaybook(HOOK, logs.logger);
    const socket = connect(Number(new URL(server!.base).port), '127.0.0.1');
    // `Expect: 100-continue`: node:http answers "100 Continue" once it hands the request over.
    socket.write(`POST /hooks/${id} HTTP/1.1\r\nhost: 127.0.0.1\r\nx-ply-token: ${token}\r\nexpect: 100-continue\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n`);
    await new Promise((resolve) => socket.once('data', resolve));
    socket.end('{"alert":');
    socket.destroy();
    // The request ends with its log line (the caller is gone: no one reads the answer).
    await vi.waitFor(() => expect(logs.records('request').filter((line) => line['route'] === '/hooks/:id')).toHaveLength(1));
    expect(await server!.runtime.store.executions.list({ playbookId: id })).toEqual([]);
    expect((await send(`${server!.base}/hooks/${id}`, Buffer.from('{"alert":"AL-next"}'), { 'x-ply-token': token })).status).toBe(202);
  });

  it('logs one line per call with its request id, route and status, sends the id back, and never logs the token', async () => {
    const logs = captureLogs('info');
    const { id, token } = await serveWithPlaybook(HOOK, logs.logger);
    const accepted = await send(`${server!.base}/hooks/${id}`, Buffer.from('{"alert":"AL1"}'), { 'x-ply-token': token, 'x-request-id': 'caller-req-1' });
    const refused = await send(`${server!.base}/hooks/${id}?token=${token}`, Buffer.from('{}'), { 'x-ply-token': `${token}x` });
    expect(accepted.headers['x-request-id']).toBe('caller-req-1');
    expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f]{16}$/);
    const lines = logs.records('request').filter((line) => line['route'] === '/hooks/:id');
    expect(lines).toEqual([
      expect.objectContaining({ component: 'http', requestId: 'caller-req-1', method: 'POST', path: `/hooks/${id}`, status: 202, durationMs: expect.any(Number) }),
      expect.objectContaining({ component: 'http', requestId: refused.headers['x-request-id'], method: 'POST', path: `/hooks/${id}`, status: 401 }),
    ]);
    expect(logs.text()).not.toContain(token);
  });

  it('leaves every other request to the Hono app', async () => {
    const { id, token } = await serveWithPlaybook(HOOK);
    const get = await send(`${server!.base}/hooks/${id}`, undefined, { 'x-ply-token': token }, { method: 'GET' });
    expect([get.status, JSON.parse(get.text).error.code]).toEqual([404, 'PLY_ROUTE_NOT_FOUND']);
    const health = await send(`${server!.base}/api/v1/health`, undefined, {}, { method: 'GET' });
    expect(health.status).toBe(200);
  });
});
