import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorInstances, PlaybookTriggers, type ApiRole } from '@ply/runtime';
import { defineAction, definePlugin, PlyError, type PinoLogger } from '@ply/core';
import { generatedModuleDir } from '@ply/kit/testing';
import { z } from 'zod';
import { openRuntime, type Runtime } from '../../src/server/runtime.js';
import { createServerApp } from '../../src/server/server-app.js';
import type { ServerEnv } from '../../src/server/server-env.js';
import type { Hono } from 'hono';
// Response bodies are read loosely: each test asserts the fields it is about.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = any;

/** A small module for API tests: an action that echoes (and sees its account), one that fails like a vendor. */
export const toolsPlugin = definePlugin({
  module: {
    uuid: '9b1e2c30-0000-4000-8000-00000000b000',
    slug: 'tools',
    name: 'Tools',
    description: 'Actions for runtime API tests',
    categories: ['Generic'],
    configuration: z.object({ api_key: z.string().meta({ secret: true }), region: z.string().default('eu') }),
    engines: { ply: '>=0.1.0' },
  },
  actions: {
    echo: defineAction({
      uuid: '9b1e2c30-0000-4000-8000-00000000b001',
      slug: 'echo',
      name: 'Echo',
      description: 'Returns its text and the account region',
      arguments: z.object({ text: z.string() }),
      results: z.object({ text: z.string(), region: z.string(), keyLength: z.number() }),
      run: (ctx, args) => ({ text: args.text, region: String(ctx.config['region']), keyLength: String(ctx.config['api_key']).length }),
    }),
    fail: defineAction({
      uuid: '9b1e2c30-0000-4000-8000-00000000b002',
      slug: 'fail',
      name: 'Fail',
      description: 'Fails as a vendor answering 503 would',
      arguments: z.object({}),
      results: z.object({}),
      run: () => {
        throw new PlyError('PLY_VENDOR_HTTP_ERROR', 'vendor answered 503', { details: { status: 503 } });
      },
    }),
  },
});

export const SECRET = 'tools-api-key-0123456789';

/** What API tests work with. */
export interface ApiHarness {
  home: string;
  runtime: Runtime;
  app: Hono<ServerEnv>;
  tokens: Record<ApiRole, string>;
  call(role: ApiRole | undefined, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: LooseJson; text: string }>;
  /** With `supervise`: the trigger and connector supervisors the app reports on (stopped by `runtime.close`). */
  triggers?: PlaybookTriggers;
  connectors?: ConnectorInstances;
}

/** Options of {@link setupApi}. */
export interface ApiSetupOptions {
  /** Run the trigger and connector supervisors (fast restarts and sync) behind the app. */
  supervise?: boolean;
  /** The runtime's logger (a test reads what the server logged). */
  logger?: PinoLogger;
}

/** A runtime with the tools module, the server app and one token per role. */
export async function setupApi(options: ApiSetupOptions = {}): Promise<ApiHarness> {
  const home = mkdtempSync(join(tmpdir(), 'ply-api-'));
  const runtime: Runtime = await openRuntime({ settings: { home }, ...(options.logger ? { logger: options.logger } : {}) });
  runtime.ply.addPlugin(generatedModuleDir(toolsPlugin), toolsPlugin);
  const restart = { initialDelayMs: 10, maxDelayMs: 40, stableAfterMs: 60_000 };
  const supervisors = options.supervise
    ? {
        triggers: new PlaybookTriggers({ ply: runtime.ply, store: runtime.store, engine: runtime.engine, restart, syncIntervalMs: 10 }),
        connectors: new ConnectorInstances({ ply: runtime.ply, store: runtime.store, restart, syncIntervalMs: 10, sink: { maxDelayMs: 1, maxAttempts: 2, retryDelayMs: 1 } }),
      }
    : {};
  if (supervisors.triggers && supervisors.connectors) {
    const { triggers, connectors } = supervisors;
    triggers.start();
    connectors.start();
    const close = runtime.close.bind(runtime);
    runtime.close = async (graceMs) => {
      await Promise.all([triggers.stop(), connectors.stop()]);
      await close(graceMs);
    };
  }
  const app = createServerApp(runtime, { demoReceiver: true, ...supervisors });
  const tokens = Object.fromEntries(await Promise.all((['admin', 'operator', 'viewer'] as ApiRole[]).map(async (role) => [role, (await runtime.store.tokens.create(`${role}-test`, role)).token]))) as Record<ApiRole, string>;

  /** A request to the app as `role` (or anonymous); bodies that are not strings are sent as JSON. */
  async function call(role: ApiRole | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = { method, headers: { ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}), ...headers } };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await app.request(path, init);
    const text = await response.text();
    let json: LooseJson;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text };
  }

  return { home, runtime, app, tokens, call, ...supervisors };
}
