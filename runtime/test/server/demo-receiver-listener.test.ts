import { mkdtempSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureLogs } from '@ply/kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
// Through the package entry, as `ply serve` loads it (it registers the runtime's error catalogue).
import { createServerApp, startRuntimeServer, type RunningRuntimeServer } from '@ply/runtime';
import { DEMO_PLAYBOOK_ID } from '../../src/server/first-start.js';
import { webhookListener } from '../../src/server/webhook-listener.js';
import { WebhookReceiver } from '../../src/server/webhook-receiver.js';

// `ply serve` answers POST /demo/receiver on node:http before Hono, as it does webhooks
// (webhook-listener.ts), and loads Hono's node:http adapter on the first request Hono answers
// (runtime-server.ts): these tests hold both to what the Hono app answers, over real HTTP.

let server: RunningRuntimeServer | undefined;
let plain: Server | undefined;
afterEach(async () => {
  plain?.close();
  plain = undefined;
  await server?.stop(1000);
  server = undefined;
});

interface Answer {
  status: number;
  type: string | undefined;
  text: string;
}

function send(url: string, method: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function serve(logger?: ReturnType<typeof captureLogs>['logger']): Promise<RunningRuntimeServer> {
  server = await startRuntimeServer({ port: 0, settings: { home: mkdtempSync(join(tmpdir(), 'ply-demo-listener-')) }, ...(logger ? { logger } : {}) });
  return server;
}

const DEMO = { name: 'Demo', trigger: { type: 'webhook', next: ['keep'] }, nodes: { keep: { type: 'store', set: { x: 1 } } } };
const forged = 'hi\n{"level":50,"msg":"admin token leaked"}\n[demo receiver] forged';

describe('the demo receiver on node:http in front of the Hono app', () => {
  it('answers as the Hono route does: 404 while the demo is off, 200 and one log line while it is on, 413 past 64 KiB', async () => {
    const logs = captureLogs('info');
    const running = await serve(logs.logger);
    const app = createServerApp(running.runtime, { demoReceiver: true });
    const both = async (body: string) => {
      const plain = await send(`${running.base}/demo/receiver`, 'POST', body);
      const viaHono = await app.request('/demo/receiver', { method: 'POST', body });
      return { plain, hono: { status: viaHono.status, type: viaHono.headers.get('content-type') ?? undefined, text: await viaHono.text() } };
    };

    const off = await both(forged);
    expect(off.plain.status).toBe(404);
    expect(off.plain).toEqual(off.hono);

    await running.runtime.engine.create(DEMO, { id: DEMO_PLAYBOOK_ID, enable: true });
    const on = await both(forged);
    expect(on.plain).toEqual({ status: 200, type: 'text/plain; charset=UTF-8', text: 'ok' });
    expect(on.plain).toEqual(on.hono);
    const lines = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((line) => line['msg'] === 'demo receiver got a message').map((line) => line['body'])).toEqual([forged, forged]);
    expect(lines.some((line) => line['msg'] === 'admin token leaked')).toBe(false);
    // The plain one logs its request line as the Hono middleware does, route included.
    expect(lines.filter((line) => line['msg'] === 'request' && line['route'] === '/demo/receiver').length).toBeGreaterThanOrEqual(1);

    const large = await both('x'.repeat(64 * 1024 + 1));
    expect(large.plain.status).toBe(413);
    expect(large.plain).toEqual(large.hono);
  });

  it('serves the requests that reach Hono while its adapter loads, each answered once', async () => {
    const running = await serve();
    // The first requests Hono answers, all at once: they wait for the adapter, none is lost.
    const answers = await Promise.all(Array.from({ length: 8 }, () => send(`${running.base}/api/v1/health`, 'GET')));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    expect(JSON.parse(answers[0]!.text)).toMatchObject({ status: 'ok' });
    // A POST to another path goes to Hono too (its 404 for an unknown route).
    const unknown = await send(`${running.base}/demo/elsewhere`, 'POST', 'x');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toMatchObject({ error: { code: 'PLY_ROUTE_NOT_FOUND' } });
  });

  it('answers POST /demo/receiver itself and leaves every other request to the fallback', async () => {
    const running = await serve();
    await running.runtime.engine.create(DEMO, { id: DEMO_PLAYBOOK_ID, enable: true });
    const fallbackSaw: string[] = [];
    const fallback = (req: IncomingMessage, res: ServerResponse) => {
      fallbackSaw.push(`${req.method} ${req.url}`);
      res.writeHead(418).end();
    };
    const receiver = new WebhookReceiver(running.runtime, running.runtime.webhooks);
    plain = createServer(webhookListener(receiver, running.runtime.ply.logger, fallback, { demoReceiver: running.runtime.store }));
    await new Promise<void>((resolve) => plain!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    expect(await send(`${base}/demo/receiver?from=demo`, 'POST', 'hello')).toEqual({ status: 200, type: 'text/plain; charset=UTF-8', text: 'ok' });
    expect((await send(`${base}/demo/receiver`, 'GET')).status).toBe(418);
    expect((await send(`${base}/demo/receiver/`, 'POST', 'x')).status).toBe(418);
    expect(fallbackSaw).toEqual(['GET /demo/receiver', 'POST /demo/receiver/']);
    // Without the option, the demo receiver is the fallback's too.
    plain.close();
    plain = createServer(webhookListener(receiver, running.runtime.ply.logger, fallback));
    await new Promise<void>((resolve) => plain!.listen(0, '127.0.0.1', resolve));
    expect((await send(`http://127.0.0.1:${(plain.address() as AddressInfo).port}/demo/receiver`, 'POST', 'x')).status).toBe(418);
  });
});
