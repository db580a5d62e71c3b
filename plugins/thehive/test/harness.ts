import { fileURLToPath } from 'node:url';
import { createTestPly, plyErrorOf, startFakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeTheHive } from './fake-thehive.js';

export const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
export const API_KEY = 'th-secret-key-3e8d21f0';
export const READ_ONLY_KEY = 'th-readonly-key-6b7c';

/** A fresh fake TheHive 5 (over HTTPS with the kit's self-signed certificate when asked) and a test Ply. */
export async function startTheHive(options: { https?: boolean } = {}) {
  const fake = fakeTheHive(API_KEY, READ_ONLY_KEY, ['SOC', 'CERT']);
  const server = await startFakeServer(fake.app.fetch, options.https ? { tls: 'self-signed' } : {});
  const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] });
  const configuration: Record<string, unknown> = { base_url: server.url, apikey: API_KEY, organisation: 'SOC' };
  const run = (action: string, args: Record<string, unknown>, extra: { configuration?: Record<string, unknown>; timeoutMs?: number; dataDir?: string } = {}) =>
    ply.run({ action: `thehivev5.${action}`, arguments: args, configuration: extra.configuration ?? configuration, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}), ...(extra.dataDir ? { dataDir: extra.dataDir } : {}) });
  const fail = (action: string, args: Record<string, unknown>, extra: Parameters<typeof run>[2] = {}) => plyErrorOf(run(action, args, extra));
  /** An alert to work on, created directly in the fake. */
  const seedAlert = async () => ((await run('create_an_alert_in_the_hive_v5', { alert: {}, title: 'Seed', description: 'd', type: 'external', source: 'SIEM', sourceRef: `ref-${Math.random()}` })).results as { _id: string })._id;
  return { ...fake, server, ply, logs, configuration, run, fail, seedAlert, close: () => server.close() };
}

export type TheHiveHarness = Awaited<ReturnType<typeof startTheHive>>;
