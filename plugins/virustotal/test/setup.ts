import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { createTestPly, startFakeServer, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeVirustotal } from './fake-virustotal.js';

export const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
export const API_KEY = 'vt-canary-Key+0e9d/41ab';

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

/** A fresh fake, runtime, data folder and log for one test; no rate limit and quick polls unless `configuration` says otherwise. */
export async function setup(options: { pendingLooks?: number; configuration?: Record<string, unknown> } = {}) {
  const vt = fakeVirustotal(API_KEY, options.pendingLooks === undefined ? {} : { pendingLooks: options.pendingLooks });
  const server = await startFakeServer(vt.app.fetch);
  servers.push(server);
  const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] });
  const dataDir = mkdtempSync(join(tmpdir(), 'ply-vt-run-'));
  const configuration = { apikey: API_KEY, base_url: server.url, ratelimit_per_minute: 0, analysis_poll_interval: 0.01, analysis_timeout: 5, ...options.configuration };
  const run = (action: string, args: Record<string, unknown>, extra: { timeoutMs?: number; configuration?: Record<string, unknown> } = {}) =>
    ply.run({ action: `virustotal.${action}`, arguments: args, configuration: extra.configuration ?? configuration, dataDir, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) });
  return { vt, ply, logs, configuration, run, dataDir, url: server.url };
}
