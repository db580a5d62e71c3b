import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageDrift } from '@ply/kit/testing';
import plugin from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the committed package', () => {
  it('has the module JSON and the README items table of its code (run `ply manifest build` then `ply readme`)', () => {
    expect(packageDrift(root, plugin)).toEqual({ changed: [], stale: [], readme: 'up to date' });
  });

  it('lists the fourteen helpers with the uuids the README publishes', () => {
    const readme = readFileSync(`${root}/README.md`, 'utf8');
    const actions = Object.values(plugin.actions);
    expect(actions).toHaveLength(14);
    for (const action of actions) expect(readme, action.slug).toContain(`| \`${action.slug}\` | \`${action.uuid}\` |`);
    expect(readme).toContain(plugin.module.uuid);
  });
});
