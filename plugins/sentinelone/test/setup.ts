import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { createTestPly, startFakeServer, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeSentinelOne } from './fake-sentinelone.js';

export const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
export const TOKEN = 's1-canary-Token+5e/77ab';

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

/** A fresh fake console, runtime, data folder and log for one test; quick polls. */
export async function setup(options: Parameters<typeof fakeSentinelOne>[1] = {}) {
  const s1 = fakeSentinelOne(TOKEN, options);
  const server = await startFakeServer(s1.app.fetch);
  servers.push(server);
  const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] });
  const dataDir = mkdtempSync(join(tmpdir(), 'ply-s1-run-'));
  const configuration = { hostname: 'usea1.sentinelone.net', api_token: TOKEN, base_url: server.url, poll_interval: 0.01 };
  const run = (action: string, args: Record<string, unknown>, extra: { timeoutMs?: number; configuration?: Record<string, unknown> } = {}) =>
    ply.run({ action: `sentinelone.${action}`, arguments: args, configuration: extra.configuration ?? configuration, dataDir, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) });
  return { s1, ply, logs, configuration, run, dataDir, url: server.url };
}
