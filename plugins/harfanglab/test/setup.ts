import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { createTestPly, startFakeServer, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeHarfangLab } from './fake-harfanglab.js';

export const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
export const TOKEN = 'hl-canary-Token+9a/31fe';

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

/** A fresh fake instance, runtime, data folder and log for one test; quick job polls. */
export async function setup(options: Parameters<typeof fakeHarfangLab>[1] = {}) {
  const hl = fakeHarfangLab(TOKEN, options);
  const server = await startFakeServer(hl.app.fetch);
  servers.push(server);
  const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] });
  const dataDir = mkdtempSync(join(tmpdir(), 'ply-hl-run-'));
  const configuration = { url: server.url, api_token: TOKEN, job_poll_interval: 0.01, job_results_delay: 0, job_timeout: 5 };
  const run = (action: string, args: Record<string, unknown>, extra: { timeoutMs?: number; configuration?: Record<string, unknown> } = {}) =>
    ply.run({ action: `harfanglab.${action}`, arguments: args, configuration: extra.configuration ?? configuration, dataDir, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) });
  return { hl, ply, logs, configuration, run, dataDir, url: server.url };
}
