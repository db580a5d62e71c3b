import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestPly, plyErrorOf } from '@ply/kit/testing';
import { defineModule } from '../src/index.js';

// An action with long work declares its own deadline, which fits the wait its arguments ask for.
function waitingPlugin(timeoutMs: number | ((args: { wait_ms: number }, config: { analysis_ms: number }) => number)) {
  const acme = defineModule({ uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000f0', slug: 'acme', name: 'Acme', description: 'x', categories: [], configuration: z.object({ analysis_ms: z.number().int().default(0) }), engines: { ply: '>=0.1.0' } });
  const wait = acme.action({
    uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000f1',
    slug: 'wait',
    name: 'Wait',
    description: 'Waits until its run is stopped, and says how it was stopped',
    docker_parameters: 'acme_wait',
    arguments: z.object({ wait_ms: z.number().int() }),
    results: z.object({}),
    timeoutMs,
    // Never finishes by itself: only the run's deadline ends it.
    run: (ctx) => new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error), { once: true })),
  });
  return acme.plugin({ actions: [wait] });
}

describe("an action's own deadline", () => {
  it('ends the run at the deadline the action declares when the run sets none', async () => {
    const { ply } = createTestPly({ plugins: [{ plugin: waitingPlugin(80) }] });
    const error = await plyErrorOf(ply.run({ action: 'acme.wait', arguments: { wait_ms: 0 } }));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
    expect(error.message).toContain('within 80 ms');
  });

  it('reads the deadline from the arguments', async () => {
    const { ply } = createTestPly({ plugins: [{ plugin: waitingPlugin((args) => args.wait_ms + 40) }] });
    const error = await plyErrorOf(ply.run({ action: 'acme.wait', arguments: { wait_ms: 30 } }));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
    expect(error.message).toContain('within 70 ms');
  });

  it("reads the deadline from the account's configuration", async () => {
    const { ply } = createTestPly({ plugins: [{ plugin: waitingPlugin((_args, config) => config.analysis_ms + 50) }] });
    const error = await plyErrorOf(ply.run({ action: 'acme.wait', arguments: { wait_ms: 0 }, configuration: { analysis_ms: 40 } }));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
    expect(error.message).toContain('within 90 ms');
  });

  it("gives way to the run's own deadline", async () => {
    const { ply } = createTestPly({ plugins: [{ plugin: waitingPlugin(600_000) }] });
    const error = await plyErrorOf(ply.run({ action: 'acme.wait', arguments: { wait_ms: 0 }, timeoutMs: 60 }));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
    expect(error.message).toContain('within 60 ms');
  });
});
