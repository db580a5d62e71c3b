import { describe, expect, it } from 'vitest';
import { stopAfterEach } from './stop-after-each.js';

describe('stopAfterEach', () => {
  it('after each test, stops the runs first, then closes the servers, and forgets them', async () => {
    let hook: (() => Promise<void>) | undefined;
    const track = stopAfterEach((registered) => (hook = registered));
    const ended: string[] = [];
    const server = track({ close: () => Promise.resolve(void ended.push('server')) });
    track({ stop: () => Promise.resolve(ended.push('trigger')) });
    expect(server).toHaveProperty('close');
    await hook!();
    expect(ended).toEqual(['trigger', 'server']);
    await hook!();
    expect(ended).toHaveLength(2);
  });
});
