import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRootLogger } from '@ply/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RegistryAccounts } from '@ply/registry';
import { describeProgress, embeddedMarketplace, type EmbeddedMarketplace } from './embedded-marketplace.js';

const PLUGIN = resolve(import.meta.dirname, '..', '..', 'plugins', 'mandrill');
/** The version the workspace holds (the plugin's package.json), which the marketplace must publish. */
const VERSION = (JSON.parse(readFileSync(join(PLUGIN, 'package.json'), 'utf8')) as { version: string }).version;
const logger = createRootLogger({ level: 'silent' });

/** A workspace whose plugins/ holds only the Mandrill plugin (a link: packing reads its real folder). */
function workspace(): { root: string; home: string } {
  const root = mkdtempSync(join(tmpdir(), 'ply-marketplace-ws-'));
  mkdirSync(join(root, 'plugins'));
  symlinkSync(PLUGIN, join(root, 'plugins', 'mandrill'), 'dir');
  return { root, home: join(root, 'home') };
}

const started: EmbeddedMarketplace[] = [];
const roots: string[] = [];
afterEach(async () => {
  for (const marketplace of started.splice(0)) await marketplace.close();
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function start(home: string, workspaceRoot: string): EmbeddedMarketplace {
  const marketplace = embeddedMarketplace({ home, workspaceRoot, logger });
  started.push(marketplace);
  marketplace.fill();
  return marketplace;
}

describe('the built-in marketplace of ply serve', () => {
  it('packs and publishes the workspace plugins on first start, by a ply member whose token is revoked after', async () => {
    const { root, home } = workspace();
    roots.push(root);
    const marketplace = start(home, root);
    await vi.waitFor(() => expect(marketplace.progress().state).toBe('ready'), { timeout: 60_000, interval: 50 });
    expect(marketplace.progress()).toMatchObject({ done: 1, total: 1 });
    expect(describeProgress(marketplace.progress())).toBeUndefined();
    const listed = (await (await fetch(new URL('-/ply/v1/modules', await marketplace.url()))).json()) as { modules: Array<{ name: string; slug: string; version: string }> };
    expect(listed.modules.map((m) => `${m.name}@${m.version}`)).toEqual([`@ply/plugin-mandrill@${VERSION}`]);
    const accounts = new RegistryAccounts(join(home, 'registry'));
    expect(accounts.orgs.get('ply')?.members).toEqual(['ply-local']);
    expect(accounts.tokens.list('ply-local')).toEqual([]);
  });

  it('publishes nothing again on the next start when the registry has every workspace version', async () => {
    const { root, home } = workspace();
    roots.push(root);
    const first = start(home, root);
    await vi.waitFor(() => expect(first.progress().state).toBe('ready'), { timeout: 60_000, interval: 50 });
    await first.close();
    const second = start(home, root);
    await vi.waitFor(() => expect(second.progress().state).toBe('ready'), { timeout: 10_000, interval: 20 });
    expect(second.progress()).toMatchObject({ done: 0, total: 0 });
  });

  it('says while it fills how far it is, and why when it failed', () => {
    expect(describeProgress({ state: 'packing', done: 3, total: 12, current: '@ply/plugin-shodan' })).toBe(
      'The built-in marketplace is being filled with the modules Ply ships: 3 of 12 published (packing @ply/plugin-shodan). Reload to see more.',
    );
    expect(describeProgress({ state: 'failed', done: 0, total: 1, error: 'disk full' })).toContain('could not be filled: disk full');
  });
});
