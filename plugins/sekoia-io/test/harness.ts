import { fileURLToPath } from 'node:url';
import type { PlyError } from '@ply/core';
import { createTestPly, plyErrorOf, startFakeServer, type FakeServer } from '@ply/kit/testing';
import { createSekoiaIoPlugin, type SekoiaIoPluginOptions } from '../src/index.js';
import { fakeSekoia } from './fake-sekoia/fake-sekoia.js';

export const API_KEY = 'sk-sekoia-test-4b1d9e';
export const moduleDir = fileURLToPath(new URL('../module', import.meta.url));

/** Millisecond waits instead of the reference's seconds and minutes; same code paths. */
export const FAST: SekoiaIoPluginOptions = {
  searchJob: { pollIntervalMs: 5, startTimeoutMs: 2_000, completeTimeoutMs: 2_000 },
  intakeSend: { concurrency: 3, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 } },
};

/**
 * A fresh fake Sekoia.io on 127.0.0.1 and a test Ply running the plugin (its committed module
 * JSON) through the executor. Each test starts its own: nothing is shared between tests.
 */
export async function startSekoia(options: SekoiaIoPluginOptions = FAST) {
  const fake = fakeSekoia(API_KEY);
  const server: FakeServer = await startFakeServer(fake.app.fetch);
  const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin: createSekoiaIoPlugin(options) }] });
  const configuration = { base_url: server.url, api_key: API_KEY };
  const run = (action: string, args: Record<string, unknown>, config: Record<string, unknown> = configuration, extra: { timeoutMs?: number; dataDir?: string } = {}) =>
    ply.run({ action: `sekoia.io.${action}`, arguments: args, configuration: config, ...extra });
  const fail = (action: string, args: Record<string, unknown>, config?: Record<string, unknown>, extra?: { timeoutMs?: number }): Promise<PlyError> => plyErrorOf(run(action, args, config, extra));
  /** The last request the fake received, its query parsed. */
  const last = () => {
    const request = fake.state.requests.at(-1)!;
    const url = new URL(request.url, 'http://fake');
    return { ...request, path: url.pathname, query: Object.fromEntries(url.searchParams) };
  };
  return { ...fake, server, ply, logs, configuration, run, fail, last, close: () => server.close() };
}

export type SekoiaHarness = Awaited<ReturnType<typeof startSekoia>>;
