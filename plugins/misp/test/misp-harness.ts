import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { PlySettings } from '@ply/core';
import { createTestPly, runTestTrigger, startFakeServer, stopAfterEach } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeMisp, type FakeEvent } from './fake-misp.js';

export const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
/** The canary key: `+` and `/` make its URL-encoded form differ from it. */
export const API_KEY = 'misp-canary-Key+7f3a/92cd';

/** A published event of the fake, with one to_ids IP attribute. */
export const published = (n: number, at: number): FakeEvent => ({ id: String(n), uuid: `00000000-0000-4000-8000-00000000000${n}`, info: `event ${n}`, published: true, publish_timestamp: String(at), Attribute: [{ type: 'ip-dst', category: 'Network activity', value: `198.51.100.${n}`, to_ids: true, timestamp: String(at) }] });

/**
 * The MISP tests' set-up, called once at the top of a test file: each `setup()` starts a fake MISP
 * and a kernel of its own (nothing shared between `it`s); servers and triggers are stopped after
 * each test.
 */
export function mispHarness() {
  const track = stopAfterEach(afterEach);

  async function setup(settings: Partial<PlySettings> = {}) {
    const fake = fakeMisp(API_KEY);
    const server = track(await startFakeServer(fake.app.fetch));
    const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }], settings });
    const dataDir = mkdtempSync(join(tmpdir(), 'ply-misp-'));
    const configuration = { misp_url: server.url, misp_api_key: API_KEY };
    const run = (action: string, args: Record<string, unknown>, config: Record<string, unknown> = configuration, timeoutMs?: number) =>
      ply.run({ action: `misp.${action}`, arguments: args, configuration: config, dataDir, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
    const start = (config: Record<string, unknown> = configuration, checkpoint?: unknown) => {
      return track(runTestTrigger({ plugin, moduleDir, trigger: 'new_event', configuration: config, arguments: { sleep_time: 0.02 }, settings, ...(checkpoint ? { checkpoint } : {}) }));
    };
    return { ply, fake, logs, configuration, run, start, dataDir };
  }

  return { setup };
}
