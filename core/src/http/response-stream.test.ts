import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../contracts/logger.js';
import { NodeHttpClient } from './node-http-client.js';
import { plyErrorOf } from '@ply/kit/testing';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())))));
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent, isLevelEnabled: () => false } as unknown as Logger;

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('NodeHttpClient responses', () => {
  it('gives the reason phrase the server sent', async () => {
    const url = await serve((_req, res) => res.writeHead(418, "I'm a teapot, really").end());
    const response = await new NodeHttpClient({ logger: silent }).request(url, { throwOnHttpError: false, responseType: 'none' });
    expect([response.status, response.statusText]).toEqual([418, "I'm a teapot, really"]);
  });

  it('streams a binary, gzip-encoded body decompressed with responseType stream', async () => {
    const payload = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 256));
    const url = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' }).end(gzipSync(payload)));
    const response = await new NodeHttpClient({ logger: silent }).request<Readable>(url, { responseType: 'stream' });
    expect((await collect(response.body)).equals(payload)).toBe(true);
  });

  it('keeps the deadline on a streamed body: a body that stalls ends with the timeout', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write('first bytes');
    });
    const response = await new NodeHttpClient({ logger: silent }).request<Readable>(url, { responseType: 'stream', timeoutMs: 100 });
    const error = await collect(response.body).then(
      () => undefined,
      (failure: unknown) => failure as Error & { code?: string },
    );
    expect(error?.code).toBe('PLY_TRANSPORT_TIMEOUT');
  });

  it('still refuses an HTTP error before streaming', async () => {
    const url = await serve((_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"no such file"}'));
    const error = await plyErrorOf(new NodeHttpClient({ logger: silent }).request(url, { responseType: 'stream' }));
    expect(error.details['status']).toBe(404);
  });
});
