import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestPly, startFakeServer, type FakeServer } from '@ply/kit/testing';
import { defineModule } from '../src/index.js';

// A generic API on 127.0.0.1: these tests prove the mechanics of `module.request` (the hand-written
// runs' call under the module's HTTP declaration); each plugin's own tests fake its real vendor.
let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

const KEY = 'Module-Key+77/secret';
const FILE = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x80, 0x7f]);

async function vendor() {
  const seen: Array<{ path: string; authorization: string | undefined; apiKey: string | undefined; body: string }> = [];
  const app = new Hono();
  app.use('*', async (c, next) => {
    seen.push({ path: new URL(c.req.url).pathname, authorization: c.req.header('authorization'), apiKey: c.req.header('x-api-key'), body: await c.req.raw.clone().text() });
    if (c.req.header('authorization') !== `Token ${KEY}`) return c.json({ detail: 'Invalid token.' }, 401);
    return next();
  });
  app.post('/api/jobs/', async (c) => c.json({ id: 'job-1', received: await c.req.json() }, 201));
  app.get('/api/files/abc/', () => new Response(FILE, { headers: { 'content-type': 'application/octet-stream' } }));
  const server = await startFakeServer(app.fetch);
  servers.push(server);
  return { url: server.url, seen };
}

function moduleOf() {
  const acme = defineModule({
    uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000e0',
    slug: 'acme',
    name: 'Acme EDR',
    description: 'An API',
    categories: ['Endpoint'],
    configuration: z.object({ url: z.string(), api_token: z.string().meta({ secret: true }), tenant: z.string().default('t1') }),
    engines: { ply: '>=0.1.0' },
    http: { baseUrl: (config) => `${config.url}api/`, auth: { type: 'header', name: 'Authorization', prefix: 'Token ', value: (config) => config.api_token }, headers: (config) => ({ 'X-Api-Key': `tenant-${config.tenant}` }) },
  });
  return acme;
}

async function runWith(run: (acme: ReturnType<typeof moduleOf>, ctx: Parameters<Parameters<ReturnType<typeof moduleOf>['action']>[0]['run']>[0]) => Promise<unknown>, config: Record<string, unknown>) {
  const acme = moduleOf();
  const action = acme.action({ uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000e1', slug: 'go', name: 'Go', description: 'Calls', docker_parameters: 'acme_go', arguments: z.object({}), results: z.unknown(), run: (ctx) => run(acme, ctx) });
  const { ply, logs } = createTestPly({ plugins: [{ plugin: acme.plugin({ actions: [action] }) }] });
  return { result: ply.run({ action: 'acme.go', configuration: config }), logs };
}

describe('module.request: module headers built from the configuration, and file downloads', () => {
  it('sends JSON with the module auth and its configuration-built header, and reads the JSON answer', async () => {
    const api = await vendor();
    const { result } = await runWith(async (acme, ctx) => (await acme.request(ctx, { method: 'POST', path: '/jobs/', json: { targets: ['a'] } })).body, { url: api.url, api_token: KEY, tenant: 'blue' });
    expect((await result).results).toEqual({ id: 'job-1', received: { targets: ['a'] } });
    expect(api.seen[0]).toMatchObject({ path: '/api/jobs/', authorization: `Token ${KEY}`, apiKey: 'tenant-blue' });
  });

  it('downloads bytes as they were sent', async () => {
    const api = await vendor();
    const { result } = await runWith(async (acme, ctx) => {
      const answer = await acme.request(ctx, { path: 'files/abc/', responseType: 'bytes' });
      return { hex: Buffer.from(answer.body as Uint8Array).toString('hex') };
    }, { url: api.url, api_token: KEY });
    expect((await result).results).toEqual({ hex: FILE.toString('hex') });
  });
});

describe('OAuth 2.0 client credentials in HTTP Basic', () => {
  it("'basic' form-encodes the id and secret (RFC 6749 §2.3.1), 'basic-raw' sends them as they are", async () => {
    const seen: string[] = [];
    const app = new Hono();
    app.post('/oauth/token', (c) => {
      seen.push(Buffer.from((c.req.header('authorization') ?? '').replace(/^Basic /, ''), 'base64').toString());
      return c.json({ access_token: 'token-1', token_type: 'Bearer', expires_in: 3600 });
    });
    app.get('/api/me', (c) => c.json({ ok: c.req.header('authorization') === 'Bearer token-1' }));
    const server = await startFakeServer(app.fetch);
    servers.push(server);
    for (const clientAuthentication of ['basic', 'basic-raw'] as const) {
      const acme = defineModule({
        uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000e2',
        slug: 'acme',
        name: 'Acme',
        description: 'An API',
        categories: ['Endpoint'],
        configuration: z.object({ secret: z.string().meta({ secret: true }) }),
        engines: { ply: '>=0.1.0' },
        http: { baseUrl: () => `${server.url}api/`, auth: { type: 'oauth2-client-credentials', tokenUrl: () => `${server.url}oauth/token`, clientId: () => 'id+1', clientSecret: (config) => config.secret, clientAuthentication } },
      });
      const action = acme.restAction({ uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000e3', slug: 'me', name: 'Me', description: 'Me', docker_parameters: 'acme_me', method: 'GET', path: 'me', arguments: z.object({}), results: z.looseObject({}) });
      const { ply } = createTestPly({ plugins: [{ plugin: acme.plugin({ actions: [action] }) }] });
      expect((await ply.run({ action: 'acme.me', configuration: { secret: 's3/cr+t' } })).results).toEqual({ ok: true });
    }
    expect(seen).toEqual(['id%2B1:s3%2Fcr%2Bt', 'id+1:s3/cr+t']);
  });
});
