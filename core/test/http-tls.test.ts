import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeHttpClient } from '@ply/core';
import { captureLogs, plyErrorOf } from '@ply/kit/testing';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const CERT = fixture('tls-test-only.crt');
const KEY = fixture('tls-test-only.key');

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })));
});

/** An HTTPS server on 127.0.0.1 with a self-signed certificate, answering `{"ok":true}` (connections kept alive). */
async function selfSignedServer(): Promise<string> {
  const server = createServer({ cert: CERT, key: KEY }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const client = () => new NodeHttpClient({ logger: captureLogs().logger, retry: { retries: 0 } });

describe('NodeHttpClient: TLS options of https requests', () => {
  it('refuses a certificate no trusted authority signed, by default', async () => {
    const url = await selfSignedServer();
    const error = await plyErrorOf(client().request(url));
    expect(error.code).toBe('PLY_NETWORK_ERROR');
    expect(String(error.details['code'])).toMatch(/SELF_SIGNED|CERT/);
  });

  it('trusts the certificate authority given as tls.ca', async () => {
    const url = await selfSignedServer();
    const response = await client().request(url, { tls: { ca: CERT } });
    expect(response.body).toEqual({ ok: true });
  });

  it('accepts any certificate with tls.rejectUnauthorized false', async () => {
    const url = await selfSignedServer();
    const response = await client().request(url, { tls: { rejectUnauthorized: false } });
    expect(response.body).toEqual({ ok: true });
  });

  it('does not reuse a connection opened without verification for a verified request', async () => {
    const url = await selfSignedServer();
    const http = client();
    await http.request(url, { tls: { rejectUnauthorized: false } });
    const error = await plyErrorOf(http.request(url));
    expect(error.code).toBe('PLY_NETWORK_ERROR');
  });
});
