import { runTestTrigger, startFakeServer, type FakeServer, type TestTriggerRun } from '@ply/kit/testing';
import { createSekoiaIoPlugin, type SekoiaIoPluginOptions } from '../src/index.js';
import { fakeSekoia } from './fake-sekoia/fake-sekoia.js';
import { startFakeLiveApi } from './fake-sekoia/liveapi.js';
import { API_KEY, moduleDir } from './harness.js';

/** LiveAPI keep-alive and backoff in milliseconds (the reference's are 20 s, 5 s, 0.5-60 s). */
export const FAST_LIVEAPI = { pingIntervalMs: 100, pongTimeoutMs: 100, reconnectBaseMs: 5, reconnectMaxMs: 20 };

/**
 * A fake Sekoia.io REST API seeded with the reference's samples, a fake LiveAPI, and a way to
 * start one of the plugin's triggers against them. Each test starts its own.
 */
export async function startTriggerWorld(options: SekoiaIoPluginOptions = {}, liveApiKey = API_KEY) {
  const fake = fakeSekoia(API_KEY);
  fake.state.withSamples();
  const api: FakeServer = await startFakeServer(fake.app.fetch);
  const live = await startFakeLiveApi(liveApiKey);
  const plugin = createSekoiaIoPlugin({ liveApi: FAST_LIVEAPI, ...options });
  const runs: TestTriggerRun[] = [];
  const start = (slug: string, args: Record<string, unknown> = {}, extra: { apiKey?: string; checkpoint?: unknown } = {}) => {
    const run = runTestTrigger({
      plugin,
      moduleDir,
      trigger: slug,
      configuration: { base_url: api.url, api_key: extra.apiKey ?? API_KEY, liveapi_url: live.url },
      arguments: args,
      ...(extra.checkpoint === undefined ? {} : { checkpoint: extra.checkpoint }),
      settings: { httpRetry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 } },
    });
    runs.push(run);
    return run;
  };
  const close = async () => {
    await Promise.all(runs.map((run) => run.stop()));
    await live.close();
    await api.close();
  };
  return { ...fake, api, live, start, close };
}

export type TriggerWorld = Awaited<ReturnType<typeof startTriggerWorld>>;
