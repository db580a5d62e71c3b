/** What a test starts and must end: a trigger or connector run (`stop`), a fake server (`close`). */
export type Stoppable = { stop(): Promise<unknown> } | { close(): Promise<void> };

/**
 * Ends, after each test, what the test started: call it once at the top of a test file with
 * vitest's `afterEach`; it returns `track(item)`, which hands the item back. Runs are stopped
 * first, then servers closed, so that no trigger sees its fake vanish while it still polls.
 *
 * @example
 * const track = stopAfterEach(afterEach);
 * const server = track(await startFakeServer(app.fetch));
 * const trigger = track(runTestTrigger({ ... }));
 */
export function stopAfterEach(afterEach: (hook: () => Promise<void>) => void): <T extends Stoppable>(item: T) => T {
  let started: Stoppable[] = [];
  afterEach(async () => {
    const ending = started;
    started = [];
    await Promise.all(ending.map((item) => ('stop' in item ? item.stop() : undefined)));
    await Promise.all(ending.map((item) => ('close' in item ? item.close() : undefined)));
  });
  return (item) => {
    started.push(item);
    return item;
  };
}
