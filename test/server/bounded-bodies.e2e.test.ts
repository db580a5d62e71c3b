import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleApp } from '@ply/console';
import { DEMO_PLAYBOOK_ID, startRuntimeServer, type RunningRuntimeServer } from '@ply/runtime';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * Issue #21 item 1: a chunked body (no Content-Length) used to be read whole before its size and
 * the caller's token were checked. Each attack streams a body far over every limit and records how
 * much it had sent when the answer came: the server must answer before the body ends.
 */
const ATTACK_BYTES = 24 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(): Promise<RunningRuntimeServer> {
  const home = mkdtempSync(join(tmpdir(), 'ply-bodies-'));
  const server = await startRuntimeServer({ port: 0, settings: { home }, extend: (app, runtime) => app.route('/', createConsoleApp(runtime)) });
  cleanups.push(() => server.stop(0));
  return server;
}

/** Streams `ATTACK_BYTES` chunked (writing only as the socket drains) until the server answers. */
function streamUntilAnswered(url: string, headers: Record<string, string> = {}): Promise<{ status: number; sentWhenAnswered: number; text: string }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } });
    const pump = (): void => {
      while (!answered && sent < ATTACK_BYTES) {
        sent += CHUNK.length;
        if (!req.write(CHUNK)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    req.on('response', (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (data: string) => (text += data));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, sentWhenAnswered, text });
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    pump();
  });
}

describe('request bodies are bounded before and while they are read', () => {
  it('refuses a webhook call without a token before reading its body', async () => {
    const server = await serve();
    const answer = await streamUntilAnswered(`${server.base}/hooks/unknown-playbook`);
    expect(answer.status).toBe(401);
    expect(answer.sentWhenAnswered).toBeLessThan(ATTACK_BYTES);
  });

  it('refuses a webhook call with a wrong token before reading its body', async () => {
    const server = await serve();
    const answer = await streamUntilAnswered(`${server.base}/hooks/${DEMO_PLAYBOOK_ID}`, { 'x-ply-token': 'not-the-token' });
    expect(answer.status).toBe(401);
    expect(answer.sentWhenAnswered).toBeLessThan(ATTACK_BYTES);
  });

  it('stops reading a correctly authenticated webhook body at the limit with 413', async () => {
    const server = await serve();
    const answer = await streamUntilAnswered(`${server.base}/hooks/${DEMO_PLAYBOOK_ID}`, { 'x-ply-token': server.runtime.webhooks.tokenOf(DEMO_PLAYBOOK_ID) });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'PLY_PAYLOAD_TOO_LARGE', details: { limit: 256 * 1024 } } });
    expect(answer.sentWhenAnswered).toBeLessThan(ATTACK_BYTES);
  });

  it('stops reading an API body at the limit with 413', async () => {
    const server = await serve();
    const answer = await streamUntilAnswered(`${server.base}/api/v1/playbooks`, { authorization: `Bearer ${server.adminToken!}`, 'content-type': 'application/json' });
    expect(answer.status).toBe(413);
    expect(answer.sentWhenAnswered).toBeLessThan(ATTACK_BYTES);
  });

  it('stops reading a console sign-in form at its limit with 413', async () => {
    const server = await serve();
    const page = await fetch(`${server.base}/sign-in`);
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const answer = await streamUntilAnswered(`${server.base}/sign-in`, { cookie, 'content-type': 'application/x-www-form-urlencoded' });
    expect(answer.status).toBe(413);
    expect(answer.text).toContain('PLY_PAYLOAD_TOO_LARGE');
    expect(answer.sentWhenAnswered).toBeLessThan(ATTACK_BYTES);
  });
});
