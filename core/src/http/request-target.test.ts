import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { urlToHttpOptions } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NodeHttpClient } from './node-http-client.js';
import { targetOf } from './node-transport.js';
import { Writable } from 'node:stream';
import { createRootLogger } from '../logging/pino-logger.js';

const URLS = [
  'http://127.0.0.1:8080/a/b?x=1&y=%20',
  'https://api.example.com/v1/',
  'https://api.example.com:443/default-port',
  'http://[::1]:9000/six',
  'https://[2001:db8::1]/six?q',
  'http://user:p%40ss@host.example/x',
  'http://only-user@host.example/',
  'http://:only-pass@host.example/',
  'http://h\u00e9.example/caf\u00e9?\u00e9=1#frag',
];

describe('targetOf', () => {
  it('gives node:http what its urlToHttpOptions gives it, for every URL shape', () => {
    for (const text of URLS) {
      const url = new URL(text);
      const node = urlToHttpOptions(url);
      const ours = targetOf(url);
      const parts = (options: { protocol?: string | null; hostname?: string | null; port?: number | string | null; path?: string | null; auth?: string | null }) => ({
        protocol: options.protocol,
        hostname: options.hostname,
        port: options.port,
        path: options.path,
        auth: options.auth,
      });
      expect(parts(ours), text).toEqual(parts(node));
    }
  });

  it("sends a URL's user-info as HTTP Basic authentication", async () => {
    let seen: IncomingMessage['headers'] | undefined;
    const server = createServer((req, res) => {
      seen = req.headers;
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = new NodeHttpClient({ logger: createRootLogger({ destination: new Writable({ write: (_chunk, _encoding, done) => done() }) }) });
      const response = await client.request(`http://alice:s%40cret@127.0.0.1:${port}/x`);
      expect(response.status).toBe(204);
      expect(seen?.authorization).toBe(`Basic ${Buffer.from('alice:s@cret').toString('base64')}`);
      expect(seen?.host).toBe(`127.0.0.1:${port}`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
