import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlySettings } from '@ply/core';
import { createTestPly, startFakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeWebServer } from './fake-web-server.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
export const PASSWORD = 'pw-Canary-7f3a9c!';
export const TOKEN = 'tok-Canary-5e1d0b';

/** A runtime with the HTTP plugin, a fake web server of its own, and a run data folder. */
export async function httpPly(settings: Partial<PlySettings> = {}, tls?: 'self-signed') {
  const web = fakeWebServer({ password: PASSWORD, token: TOKEN });
  const server = await startFakeServer(web.app.fetch, tls ? { tls } : {});
  const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }], settings });
  const dataDir = mkdtempSync(join(tmpdir(), 'ply-http-run-'));
  const request = (action: string, args: Record<string, unknown>, extra: { timeoutMs?: number } = {}) => ({ action: `http.${action}`, arguments: args, configuration: {}, dataDir, ...extra });
  const run = async (action: string, args: Record<string, unknown>) => (await ply.run(request(action, args))).results as Record<string, unknown>;
  return { ply, logs, web, server, url: server.url, dataDir, request, run, close: () => server.close() };
}
