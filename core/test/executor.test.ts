import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineAction, definePlugin, PlyError } from '@ply/core';
import { createTestPly, WAIT_FOR } from '@ply/kit/testing';
import { fixturePlugin, writeFixtureModule } from '@ply/kit/testing';
import { plyErrorOf } from '@ply/kit/testing';

const TOKEN = 'tok-9f8e7d6c5b4a';

function setup(settings = {}) {
  const moduleDir = writeFixtureModule();
  return { ...createTestPly({ plugins: [{ moduleDir, plugin: fixturePlugin }], settings }), moduleDir };
}

/** A module whose one action hangs, ignoring its signal, and hands the signal it received to the test. */
function hangingPlugin() {
  const received: AbortSignal[] = [];
  const plugin = definePlugin({
    module: { uuid: '3f7b7a5e-0c5e-4c57-9d7e-0000000000a0', slug: 'hanging', name: 'Hanging', description: 'Executor signal tests', categories: ['Generic'], configuration: z.object({}), engines: { ply: '>=0.1.0' } },
    actions: {
      wait: defineAction({
        uuid: '3f7b7a5e-0c5e-4c57-9d7e-0000000000a1',
        slug: 'wait',
        name: 'Wait',
        description: 'Never finishes and ignores its signal',
        arguments: z.object({}),
        results: z.object({}),
        run: (ctx) => {
          received.push(ctx.signal);
          return new Promise<Record<string, never>>(() => {});
        },
      }),
    },
  });
  const { ply } = createTestPly({ plugins: [{ moduleDir: writeFixtureModule(plugin), plugin }] });
  return { ply, received };
}


describe('ActionExecutor', () => {
  it('validates, applies defaults from the schema and returns validated results', async () => {
    const { ply } = setup();
    const result = await ply.run({ action: 'fixture.echo', arguments: { text: 'hi' }, configuration: { token: TOKEN } });
    expect(result.results).toEqual({ text: 'hi', count: 1, region: 'eu' });
    expect(result.module).toEqual({ slug: 'fixture', version: '1.0.0' });
    expect(result.runId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("leaves the caller's arguments untouched (defaults go to a copy)", async () => {
    const { ply } = setup();
    const args = { text: 'hi' };
    await ply.run({ action: 'fixture.echo', arguments: args, configuration: { token: TOKEN } });
    expect(args).toEqual({ text: 'hi' });
  });

  it('finds an action by uuid as well as by slug', async () => {
    const { ply } = setup();
    const result = await ply.run({ action: '3f7b7a5e-0c5e-4c57-9d7e-000000000002', arguments: { text: 'by uuid' }, configuration: { token: TOKEN } });
    expect((result.results as { text: string }).text).toBe('by uuid');
  });

  it('renders templates keeping JSON types of single expressions', async () => {
    const { ply } = setup();
    const result = await ply.run({
      action: 'fixture.echo',
      arguments: { text: 'alert {{ trigger.id }}', count: '{{ node.1.total }}', items: '{{ store.tags }}' },
      configuration: { token: TOKEN },
      templateContext: { trigger: { id: 'AL1' }, node: { '1': { total: 3 } }, store: { tags: ['a', 'b'] } },
    });
    expect(result.results).toMatchObject({ text: 'alert AL1', count: 3, items: ['a', 'b'] });
  });

  it('renders a lone {{ expr }} as its Jinja text where the argument schema accepts only strings', async () => {
    const { ply } = setup();
    const result = await ply.run({
      action: 'fixture.echo',
      arguments: { text: '{{ node.1.total }}', count: '{{ node.1.total }}' },
      configuration: { token: TOKEN },
      templateContext: { node: { '1': { total: 3 } } },
    });
    expect(result.arguments).toMatchObject({ text: '3', count: 3 });
  });

  it('refuses a template-injection payload and runs nothing', async () => {
    const { ply } = setup();
    const error = await plyErrorOf(
      ply.run({
        action: 'fixture.echo',
        arguments: { text: '{{ range.constructor("globalThis.__plyExecutorPwned = 1")() }}' },
        configuration: { token: TOKEN },
        templateContext: {},
      }),
    );
    expect(error.code).toBe('PLY_TEMPLATE_FORBIDDEN');
    expect((globalThis as Record<string, unknown>)['__plyExecutorPwned']).toBeUndefined();
  });

  it('names each argument that does not match', async () => {
    const { ply } = setup();
    const error = await plyErrorOf(ply.run({ action: 'fixture.echo', arguments: { count: 'three' }, configuration: { token: TOKEN } }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.issues.map((i) => i.pointer).sort()).toEqual(['/count', '/text']);
  });

  it('names a missing required secret of the configuration', async () => {
    const { ply } = setup();
    const error = await plyErrorOf(ply.run({ action: 'fixture.echo', arguments: { text: 'x' }, configuration: {} }));
    expect(error.code).toBe('PLY_CONFIGURATION_INVALID');
    expect(error.message).toContain('required secret "token" is missing');
  });

  it('turns a throwing action into PLY_ACTION_CRASHED with the secret redacted everywhere', async () => {
    const { ply, logs } = setup();
    const error = await plyErrorOf(ply.run({ action: 'fixture.crash', configuration: { token: TOKEN } }));
    expect(error.code).toBe('PLY_ACTION_CRASHED');
    expect(error.message).toContain('backend refused token [REDACTED]');
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(logs.text()).toContain('about to fail with [REDACTED]');
    expect(logs.text()).not.toContain(TOKEN);
  });

  it('ends a hanging action at its timeout and aborts its signal', async () => {
    const { ply, received } = hangingPlugin();
    const error = await plyErrorOf(ply.run({ action: 'hanging.wait', timeoutMs: 50 }));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
    expect(error.message).toContain('50 ms');
    // The action's own signal was aborted, with the timeout as its reason, so well-behaved code stops too.
    expect(received).toHaveLength(1);
    expect(received[0]!.aborted).toBe(true);
    expect(received[0]!.reason).toBeInstanceOf(PlyError);
    expect(received[0]!.reason).toMatchObject({ code: 'PLY_ACTION_TIMEOUT', message: 'action hanging.wait did not finish within 50 ms' });
  });

  it('cancels a run when the caller aborts', async () => {
    const { ply } = setup();
    const controller = new AbortController();
    const pending = ply.run({ action: 'fixture.hang', configuration: { token: TOKEN }, signal: controller.signal, timeoutMs: 10_000 });
    controller.abort();
    expect((await plyErrorOf(pending)).code).toBe('PLY_ACTION_CANCELLED');
  });

  it('aborts a running action\'s signal with the caller\'s reason when the caller aborts', async () => {
    const { ply, received } = hangingPlugin();
    const controller = new AbortController();
    const pending = ply.run({ action: 'hanging.wait', signal: controller.signal, timeoutMs: 10_000 });
    // Abort once the action is running, so its signal is the one that must follow.
    await vi.waitFor(() => expect(received).toHaveLength(1), WAIT_FOR);
    expect(received[0]!.aborted).toBe(false);
    const reason = new Error('operator cancelled the run');
    controller.abort(reason);
    expect((await plyErrorOf(pending)).code).toBe('PLY_ACTION_CANCELLED');
    expect(received[0]!.aborted).toBe(true);
    expect(received[0]!.reason).toBe(reason);
  });

  it('rejects results that do not match the results schema', async () => {
    const { ply } = setup();
    const error = await plyErrorOf(ply.run({ action: 'fixture.wrong_results', configuration: { token: TOKEN } }));
    expect(error.code).toBe('PLY_RESULTS_INVALID');
    expect(error.issues[0]!.pointer).toBe('/id');
  });

  it('lists an action JSON with no code as metadata only and refuses to run it', async () => {
    const extra = JSON.stringify({ uuid: '3f7b7a5e-0c5e-4c57-9d7e-000000000099', name: 'Orphan', slug: 'orphan', description: 'No code', docker_parameters: 'orphan', arguments: {}, results: {} });
    const moduleDir = writeFixtureModule(fixturePlugin, { 'action_orphan.json': extra });
    const { ply } = createTestPly({ plugins: [{ moduleDir, plugin: fixturePlugin }] });
    expect(ply.catalog.module('fixture').items.map((i) => i.slug)).toContain('orphan');
    const error = await plyErrorOf(ply.run({ action: 'fixture.orphan', configuration: { token: TOKEN } }));
    expect(error.code).toBe('PLY_NO_IMPLEMENTATION');
    expect(error.message).toContain('orphan');
  });

  it('refuses a module folder with no code at all', async () => {
    const { ply } = createTestPly();
    ply.addModuleFolder(writeFixtureModule());
    expect((await plyErrorOf(ply.run({ action: 'fixture.echo', arguments: { text: 'x' }, configuration: { token: TOKEN } }))).code).toBe('PLY_NO_IMPLEMENTATION');
  });

  it('refuses to run a module whose engines.ply excludes this core', async () => {
    const { ply } = createTestPly({ settings: { coreVersion: '0.1.0' } });
    const dir = writeFixtureModule();
    const manifest = JSON.parse((await import('node:fs')).readFileSync(`${dir}/manifest.json`, 'utf8')) as Record<string, unknown>;
    (await import('node:fs')).writeFileSync(`${dir}/manifest.json`, JSON.stringify({ ...manifest, engines: { ply: '>=2.0.0' } }));
    ply.addPlugin(dir, fixturePlugin);
    const error = await plyErrorOf(ply.run({ action: 'fixture.echo', arguments: { text: 'x' }, configuration: { token: TOKEN } }));
    expect(error.code).toBe('PLY_ENGINE_MISMATCH');
    expect(error.message).toContain('requires Ply >=2.0.0');
  });

  it('reads an argument given as X_path from the run data folder', async () => {
    const { ply, home } = setup();
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(`${home}/data`, { recursive: true });
    writeFileSync(`${home}/data/items.json`, JSON.stringify(['x', 'y']));
    const result = await ply.run({ action: 'fixture.echo', arguments: { text: 't', items_path: 'items.json' }, configuration: { token: TOKEN }, dataDir: `${home}/data` });
    expect((result.results as { items: string[] }).items).toEqual(['x', 'y']);
  });

  it('refuses an X_path that escapes the run data folder', async () => {
    const { ply, home } = setup();
    const error = await plyErrorOf(ply.run({ action: 'fixture.echo', arguments: { text: 't', items_path: '../../etc/passwd' }, configuration: { token: TOKEN }, dataDir: `${home}/data` }));
    expect(error.code).toBe('PLY_FILE_REFERENCE_INVALID');
  });

  it('writes a large result value to a file and returns X_path', async () => {
    const { ply, home } = setup({ largeValueBytes: 100 });
    const data = { blob: 'x'.repeat(500) };
    const result = await ply.run({ action: 'fixture.echo', arguments: { text: 't', data }, configuration: { token: TOKEN }, dataDir: `${home}/data` });
    const path = (result.results as { data_path: string }).data_path;
    expect(path).toMatch(/^data-[0-9a-f-]{36}\.json$/);
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(`${home}/data/${path}`, 'utf8'))).toEqual(data);
  });

  it('reports an unknown action with the actions the module has', async () => {
    const { ply } = setup();
    const error = await plyErrorOf(ply.run({ action: 'fixture.nope', configuration: { token: TOKEN } }));
    expect(error.code).toBe('PLY_ACTION_NOT_FOUND');
    expect(error.message).toContain('echo');
  });

  describe('per-action default timeout', () => {
    /** Actions that wait for their signal: one with a default timeout, one that names what it waited for. */
    const slow = definePlugin({
      module: { uuid: '3f7b7a5e-0c5e-4c57-9d7e-0000000000a1', slug: 'slow', name: 'Slow', description: 'Long-running actions', categories: ['Generic'], configuration: z.object({}), engines: { ply: '>=0.1.0' } },
      actions: {
        waits: defineAction({
          uuid: '3f7b7a5e-0c5e-4c57-9d7e-0000000000a2',
          slug: 'waits',
          name: 'Waits',
          description: 'Waits for its signal; declares a 40 ms default timeout',
          timeoutMs: 40,
          arguments: z.object({}),
          results: z.object({}),
          run: (ctx) => new Promise<Record<string, never>>((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted')))),
        }),
        job: defineAction({
          uuid: '3f7b7a5e-0c5e-4c57-9d7e-0000000000a3',
          slug: 'job',
          name: 'Job',
          description: 'Waits for a vendor job and names it when the deadline passes',
          arguments: z.object({}),
          results: z.object({}),
          run: (ctx) =>
            new Promise<Record<string, never>>((_, reject) =>
              ctx.signal.addEventListener('abort', () => {
                const limit = (ctx.signal.reason as PlyError).details['timeoutMs'];
                reject(new PlyError('PLY_ACTION_TIMEOUT', `job 42 was still running when the run's timeout_ms (${String(limit)} ms) ran out`));
              }),
            ),
        }),
      },
    });
    const slowPly = () => createTestPly({ plugins: [{ plugin: slow }], settings: { defaultTimeoutMs: 10_000 } }).ply;

    it("uses the action's own default timeout when the request gives none", async () => {
      const error = await plyErrorOf(slowPly().run({ action: 'slow.waits' }));
      expect(error.code).toBe('PLY_ACTION_TIMEOUT');
      expect(error.message).toBe('action slow.waits did not finish within 40 ms');
    });

    it("lets the request's timeoutMs override the action's default", async () => {
      const error = await plyErrorOf(slowPly().run({ action: 'slow.waits', timeoutMs: 15 }));
      expect(error.message).toBe('action slow.waits did not finish within 15 ms');
    });

    it('reports the timeout error the action throws in reaction to the deadline (it names what it waited for)', async () => {
      const error = await plyErrorOf(slowPly().run({ action: 'slow.job', timeoutMs: 20 }));
      expect(error.code).toBe('PLY_ACTION_TIMEOUT');
      expect(error.message).toBe("job 42 was still running when the run's timeout_ms (20 ms) ran out");
    });

    it('keeps the generic timeout error when the action reacts to the deadline with another error', async () => {
      const error = await plyErrorOf(slowPly().run({ action: 'slow.waits', timeoutMs: 20 }));
      expect([error.code, error.message]).toEqual(['PLY_ACTION_TIMEOUT', 'action slow.waits did not finish within 20 ms']);
    });
  });
});
