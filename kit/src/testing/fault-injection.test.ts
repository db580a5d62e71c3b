import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { faultInjection } from './fault-injection.js';
import { startFakeServer, type FakeServer } from './fake-server.js';

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function fake() {
  const faults = faultInjection();
  const app = new Hono();
  app.use('*', faults.middleware((c, failure) => c.json({ error: 'injected' }, failure.status)));
  app.get('/items', (c) => c.json({ items: [1, 2, 3] }));
  const server = await startFakeServer(app.fetch);
  servers.push(server);
  return { faults, url: `${server.url}items` };
}

describe('faultInjection', () => {
  it('dropNext: the answer starts (200, JSON headers, a few bytes) and the connection closes before its end', async () => {
    const { faults, url } = await fake();
    faults.dropNext = 1;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(faults.dropNext).toBe(0);
    expect(await (await fetch(url)).json()).toEqual({ items: [1, 2, 3] });
  });

  it('failNext: the queued failures are answered in order, with Retry-After, before the routes run again', async () => {
    const { faults, url } = await fake();
    faults.failNext.push({ status: 429, retryAfter: '3' }, { status: 503 });
    const first = await fetch(url);
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '3']);
    expect((await fetch(url)).status).toBe(503);
    expect((await fetch(url)).status).toBe(200);
  });
});
