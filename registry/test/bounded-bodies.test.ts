import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TARBALL_LIMITS } from '@ply/installer/package-format';
import { publishBodyLimit, startRegistry, type RunningRegistry } from '../src/index.js';
import { fixtureTarball, publishBody } from './package-fixture.js';
import { openSeededRegistry } from './test-registry.js';

const LIMITS = { maxCompressedBytes: 2 * 1024 * 1024 };
const BODY_LIMIT = publishBodyLimit({ ...DEFAULT_TARBALL_LIMITS, ...LIMITS });

let test: Awaited<ReturnType<typeof openSeededRegistry>>;
let running: RunningRegistry;
beforeEach(async () => {
  test = await openSeededRegistry();
  running = await startRegistry({ storage: test.storage, port: 0, limits: LIMITS, logger: test.logs.logger });
});
afterEach(async () => {
  await running.close();
  test.close();
});

interface Sent {
  status: number;
  body: { error?: string; code?: string };
  /** Bytes of the body written before the answer came. */
  sent: number;
}

/**
 * Sends a body of `total` bytes with Transfer-Encoding: chunked (no Content-Length), one chunk
 * at a time, each written once the previous one is flushed, and stops as soon as an answer
 * arrives: `sent < total` shows the registry answered without the whole body.
 */
function sendChunked(path: string, headers: Record<string, string>, total: number, start = '{"_attachments":{"x.tgz":{"data":"'): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(path, running.url), { method: 'PUT', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers } });
    let sent = 0;
    let answered = false;
    // Once it has answered, the registry closes the connection under the rest of the body.
    request.on('error', (error) => answered || reject(error));
    request.on('response', (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        request.destroy();
        resolve({ status: response.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Sent['body'], sent });
      });
    });
    const chunk = Buffer.alloc(64 * 1024, 'A');
    const writeNext = () => {
      if (answered) return;
      if (sent >= total) return void request.end('"}}}');
      const piece = sent === 0 ? Buffer.concat([Buffer.from(start), chunk]).subarray(0, chunk.length) : chunk;
      sent += piece.length;
      request.write(piece, writeNext);
    };
    writeNext();
  });
}

describe('request bodies are bounded and read only once the request is authorised', () => {
  const total = 64 * 1024 * 1024;

  it('answers 413 to a chunked publish body over the limit before it has been sent whole', async () => {
    const result = await sendChunked('/plugin-echo', { authorization: `Bearer ${test.alice}` }, total);
    expect(result.status).toBe(413);
    expect(result.body).toEqual({ code: 'PLY_REGISTRY_BODY_TOO_LARGE', error: `the publish body is over the limit of ${BODY_LIMIT} bytes` });
    expect(result.sent).toBeLessThan(total);
    expect((await fetch(new URL('/plugin-echo', running.url))).status).toBe(404);
  });

  it('refuses an unauthenticated publish before reading its body', async () => {
    const result = await sendChunked('/plugin-echo', {}, total);
    expect(result.status).toBe(401);
    expect(result.body.code).toBe('PLY_REGISTRY_UNAUTHENTICATED');
    expect(result.sent).toBeLessThan(total);
  });

  it('refuses a publish by a non-owner before reading its body', async () => {
    const tarball = await fixtureTarball({ name: 'plugin-echo' });
    const published = await fetch(new URL('/plugin-echo', running.url), { method: 'PUT', headers: { authorization: `Bearer ${test.alice}`, 'content-type': 'application/json' }, body: JSON.stringify(publishBody(tarball, 'plugin-echo', '1.0.0')) });
    expect(published.status).toBe(201);
    const result = await sendChunked('/plugin-echo', { authorization: `Bearer ${test.bob}` }, total);
    expect(result.status).toBe(403);
    expect(result.body.code).toBe('PLY_REGISTRY_NOT_OWNER');
    expect(result.sent).toBeLessThan(total);
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const answer = await new Promise<number>((resolve, reject) => {
      const request = http.request(new URL('/plugin-echo', running.url), { method: 'PUT', headers: { authorization: `Bearer ${test.alice}`, 'content-type': 'application/json', 'content-length': String(BODY_LIMIT + 1) } });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode!);
        request.destroy();
      });
      request.on('error', reject);
      request.flushHeaders();
    });
    expect(answer).toBe(413);
  });

  it('accepts a chunked publish of a tarball at the size limit: the body limit leaves room for base64 and JSON', async () => {
    const tarball = await fixtureTarball({ name: 'plugin-echo', padding: 3 * 1024 * 1024 });
    expect(tarball.byteLength).toBeGreaterThan(LIMITS.maxCompressedBytes * 0.9);
    expect(tarball.byteLength).toBeLessThanOrEqual(LIMITS.maxCompressedBytes);
    const body = Buffer.from(JSON.stringify(publishBody(tarball, 'plugin-echo', '1.0.0')));
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(new URL('/plugin-echo', running.url), { method: 'PUT', headers: { authorization: `Bearer ${test.alice}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
      request.on('response', (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode!));
      });
      request.on('error', reject);
      for (let offset = 0; offset < body.length; offset += 16 * 1024) request.write(body.subarray(offset, offset + 16 * 1024));
      request.end();
    });
    expect(status).toBe(201);
  });
});
