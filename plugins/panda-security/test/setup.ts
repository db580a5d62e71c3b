import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { createTestPly, startFakeServer, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { ACCOUNT_ID, fakeWatchGuard } from './fake-watchguard.js';

export const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
export const SECRETS = { accessId: 'wg-access-id-1', accessSecret: 'wg-canary-Secret+3f/9a', apiKey: 'wg-canary-ApiKey+77/c1' };

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

/** A fresh fake WatchGuard Cloud, runtime and log for one test. */
export async function setup() {
  const wg = fakeWatchGuard(SECRETS);
  const server = await startFakeServer(wg.app.fetch);
  servers.push(server);
  const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] });
  const configuration = { base_url: server.url, account_id: ACCOUNT_ID, api_key: SECRETS.apiKey, access_id: SECRETS.accessId, access_secret: SECRETS.accessSecret };
  const run = (action: string, args: Record<string, unknown>, extra: { timeoutMs?: number; configuration?: Record<string, unknown> } = {}) =>
    ply.run({ action: `panda-security.${action}`, arguments: args, configuration: extra.configuration ?? configuration, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) });
  return { wg, ply, logs, configuration, run, url: server.url };
}
