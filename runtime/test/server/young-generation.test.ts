import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

// The built module (run by a plain node child process, which does not read TypeScript).
const MODULE = pathToFileURL(join(fileURLToPath(new URL('../..', import.meta.url)), 'dist/server/young-generation.js')).href;

/** The young generation's committed size in a fresh Node process after start-up-like allocations. */
function newSpaceAfterStartup(hold: boolean, nodeOptions = ''): number {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { holdYoungGeneration } from ${JSON.stringify(MODULE)};
    const release = ${hold} ? holdYoungGeneration() : () => {};
    const kept = [];
    for (let i = 0; i < 300_000; i++) kept.push({ i, name: 'item-' + i, tags: [i, i + 1] });
    const size = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
    release();
    if (kept.length !== 300_000) throw new Error('the objects must live until measured');
    process.stdout.write(String(size));
  `;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, NODE_OPTIONS: nodeOptions } }).toString());
}

describe('holding the young generation while ply serve starts', () => {
  it('keeps it from growing under long-lived allocations, where V8 alone grows it', () => {
    const held = newSpaceAfterStartup(true);
    const free = newSpaceAfterStartup(false);
    expect(held).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(free).toBeGreaterThan(held * 2);
  });

  it('is released once the process allocates steadily, not for a one-off burst', () => {
    const script = `
      import { holdYoungGeneration, releaseUnderLoad } from ${JSON.stringify(MODULE)};
      const release = holdYoungGeneration();
      let released = false;
      releaseUnderLoad(() => { released = true; release(); });
      const turn = () => new Promise((resolve) => setImmediate(resolve));
      // About 1.5 MB of short-lived objects: a scavenge or two.
      const burst = () => { const made = []; for (let i = 0; i < 20_000; i++) made.push({ i, name: 'item-' + i }); return made.length; };
      burst();
      for (let i = 0; i < 5; i++) await turn();
      const afterBurst = released;
      for (let round = 0; round < 500 && !released; round++) { for (let j = 0; j < 10; j++) burst(); await turn(); }
      process.stdout.write(JSON.stringify({ afterBurst, released }));
    `;
    const answer = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, NODE_OPTIONS: '' } }).toString()) as { afterBurst: boolean; released: boolean };
    expect(answer).toEqual({ afterBurst: false, released: true });
  });

  it('leaves a semi-space size chosen in the node options alone', () => {
    expect(newSpaceAfterStartup(true, '--max-semi-space-size=8')).toBeGreaterThan(2 * 1024 * 1024);
  });
});
