import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineAction, definePlugin, PlyError } from '@ply/core';
import { type ApiRole } from '@ply/runtime';
import { generatedModuleDir } from '@ply/kit/testing';
import { z } from 'zod';
import { createConsoleApp, type ConsoleOptions } from '../src/console-app.js';
import { openRuntime, type Runtime } from '@ply/runtime';

/** The secret of the test account: no page may ever contain it. */
export const SECRET = 'sk-console-secret-0123456789';

/** A module whose configuration uses every kind of field the console generates. */
export const formsPlugin = definePlugin({
  module: {
    uuid: '5c0e7a10-0000-4000-8000-00000000c000',
    slug: 'forms',
    name: 'Forms',
    description: 'A module for console tests',
    categories: ['Generic'],
    configuration: z.object({
      base_url: z.url().describe('Where the API lives'),
      api_key: z.string().min(8).meta({ secret: true }).describe('API key'),
      retries: z.number().int().min(0).max(10).default(3),
      verify_tls: z.boolean().default(true),
      region: z.enum(['eu', 'us']),
      tags: z.array(z.string()).optional(),
      proxy: z.object({ host: z.string(), port: z.number().int() }).optional(),
    }),
    engines: { ply: '>=0.1.0' },
  },
  actions: {
    echo: defineAction({
      uuid: '5c0e7a10-0000-4000-8000-00000000c001',
      slug: 'echo',
      name: 'Echo',
      description: 'Returns its text and how its account looks',
      arguments: z.object({ text: z.string().min(1).describe('What to echo'), times: z.number().int().min(1).max(5).optional() }),
      results: z.object({ text: z.string(), region: z.string(), keyLength: z.number(), items: z.array(z.object({ n: z.number() })) }),
      run: (ctx, args) => ({
        text: args.text.repeat(args.times ?? 1),
        region: String(ctx.config['region']),
        keyLength: String(ctx.config['api_key']).length,
        items: [{ n: 1 }, { n: 2 }],
      }),
    }),
    fail: defineAction({
      uuid: '5c0e7a10-0000-4000-8000-00000000c002',
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

/** A browser-like client of the console app: keeps the session cookie, reads CSRF tokens from pages. */
export class ConsoleClient {
  cookie = '';

  constructor(private readonly app: { request(input: string, init?: RequestInit): Response | Promise<Response> }) {}

  async request(path: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(this.cookie ? { cookie: this.cookie } : {}), ...init.headers };
    const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await this.app.request(path, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, ...(body !== undefined ? { body } : {}) });
    const set = response.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    return response;
  }

  async text(path: string): Promise<string> {
    return (await this.request(path)).text();
  }

  /** The CSRF token of the page at `path` (the first hidden `_csrf` field). */
  async csrf(path: string): Promise<string> {
    const token = /name="_csrf" value="([^"]+)"/.exec(await this.text(path))?.[1];
    if (!token) throw new Error(`no CSRF field on ${path}`);
    return token;
  }

  /** Posts a form the way the page at `from` would (with its CSRF token). */
  async post(path: string, form: Record<string, string>, from = '/accounts'): Promise<Response> {
    return this.request(path, { form: { _csrf: await this.csrf(from), ...form } });
  }

  async signIn(token: string): Promise<Response> {
    const csrf = await this.csrf('/sign-in');
    return this.request('/sign-in', { form: { _csrf: csrf, token, next: '/accounts' } });
  }
}

/** A runtime with the forms module, the console app and one token per role. */
export async function setupConsole(options: ConsoleOptions = {}) {
  const home = mkdtempSync(join(tmpdir(), 'ply-console-'));
  const runtime: Runtime = await openRuntime({ settings: { home } });
  runtime.ply.addPlugin(generatedModuleDir(formsPlugin), formsPlugin);
  const app = createConsoleApp(runtime, options);
  const tokens = Object.fromEntries(await Promise.all((['admin', 'operator', 'viewer'] as ApiRole[]).map(async (role) => [role, (await runtime.store.tokens.create(`${role}-console`, role)).token]))) as Record<ApiRole, string>;
  const client = async (role: ApiRole) => {
    const client = new ConsoleClient(app);
    const response = await client.signIn(tokens[role]);
    if (response.status !== 303) throw new Error(`sign-in as ${role} answered ${response.status}`);
    return client;
  };
  return {
    home,
    runtime,
    app,
    tokens,
    client,
    async close() {
      await runtime.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
