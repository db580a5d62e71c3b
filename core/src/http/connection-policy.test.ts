import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LookupFunction } from '../contracts/http.js';
import type { Logger } from '../contracts/logger.js';
import { hostPolicy } from './host-policy.js';
import { NodeHttpClient } from './node-http-client.js';
import { plyErrorOf } from '@ply/kit/testing';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())))));
});

/** A server on 127.0.0.1 that counts requests; `/redirect?to=` answers 302 to `to`. */
async function startServer(): Promise<{ port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/redirect') {
      res.writeHead(302, { location: url.searchParams.get('to')! }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('reached');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, hits };
}

/** A resolver of the test's own: these names resolve to the given addresses, anything else fails. */
function resolver(names: Record<string, string[]>): LookupFunction & { asked: string[] } {
  const asked: string[] = [];
  const lookup = ((hostname, options, callback) => {
    asked.push(hostname);
    const addresses = names[hostname];
    if (!addresses) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
    const entries = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (options.all) callback(null, entries);
    else callback(null, entries[0]!.address, entries[0]!.family);
  }) as LookupFunction & { asked: string[] };
  lookup.asked = asked;
  return lookup;
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent, isLevelEnabled: () => false } as unknown as Logger;

function client(allow: string[], deny: string[], lookup?: LookupFunction): NodeHttpClient {
  return new NodeHttpClient({ logger: silent, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 }, connectionPolicy: hostPolicy({ allow, deny, ...(lookup ? { lookup } : {}) }) });
}

describe('NodeHttpClient with a connection policy', () => {
  it('refuses a loopback address before connecting, without retrying', async () => {
    const server = await startServer();
    const error = await plyErrorOf(client([], []).request(`http://127.0.0.1:${server.port}/`));
    expect(error.code).toBe('PLY_HTTP_HOST_DENIED');
    expect(error.message).toContain('127.0.0.1 is a private, loopback, link-local or reserved address');
    expect(server.hits).toEqual([]);
  });

  it('judges the address a name resolves to: a public-looking name that resolves to 127.0.0.1 is refused', async () => {
    const server = await startServer();
    const lookup = resolver({ 'innocent.example': ['127.0.0.1'] });
    const error = await plyErrorOf(client([], [], lookup).request(`http://innocent.example:${server.port}/`));
    expect(error.code).toBe('PLY_HTTP_HOST_DENIED');
    expect(error.message).toContain('innocent.example:');
    expect(lookup.asked).toEqual(['innocent.example']);
    expect(server.hits).toEqual([]);
  });

  it('refuses a name when any of its addresses is refused (a resolver mixing public and private answers)', async () => {
    const lookup = resolver({ 'mixed.example': ['93.184.216.34', '10.0.0.5'] });
    const error = await plyErrorOf(client([], [], lookup).request('http://mixed.example:9/'));
    expect(error.code).toBe('PLY_HTTP_HOST_DENIED');
    expect(error.message).toContain('10.0.0.5');
  });

  it('connects where the admin allowed 127.0.0.1 explicitly, by address and through a name resolving to it', async () => {
    const server = await startServer();
    const lookup = resolver({ 'vendor.example': ['127.0.0.1'] });
    const allowed = client(['127.0.0.1'], [], lookup);
    expect((await allowed.request(`http://127.0.0.1:${server.port}/a`, { responseType: 'text' })).body).toBe('reached');
    expect((await allowed.request(`http://vendor.example:${server.port}/b`, { responseType: 'text' })).body).toBe('reached');
    expect(server.hits).toEqual(['/a', '/b']);
  });

  it('judges every redirect hop: to another loopback address, to a name resolving to the metadata address, to a denied name', async () => {
    const server = await startServer();
    const lookup = resolver({ 'metadata.example': ['169.254.169.254'], 'evil.example': ['127.0.0.1'] });
    const http = client(['127.0.0.1'], ['evil.example'], lookup);
    for (const target of [`http://127.0.0.2:${server.port}/x`, 'http://metadata.example/latest/meta-data/', `http://evil.example:${server.port}/y`]) {
      const error = await plyErrorOf(http.request(`http://127.0.0.1:${server.port}/redirect?to=${encodeURIComponent(target)}`));
      expect(error.code, target).toBe('PLY_HTTP_HOST_DENIED');
    }
    expect(server.hits.every((hit) => hit.startsWith('/redirect'))).toBe(true);
    expect(server.hits).toHaveLength(3);
  });

  it('leaves a client without a policy free to reach 127.0.0.1', async () => {
    const server = await startServer();
    const free = new NodeHttpClient({ logger: silent });
    expect((await free.request(`http://127.0.0.1:${server.port}/`, { responseType: 'text' })).body).toBe('reached');
  });
});
