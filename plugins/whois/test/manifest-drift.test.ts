import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles, diffModuleFiles } from '@ply/core';
import { withItemsTable } from '@ply/kit';
import { compareWithReference } from '@ply/kit/testing';
import plugin from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('committed module JSON', () => {
  it('matches the zod definitions (run `ply manifest build` after changing them)', () => {
    const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string };
    expect(diffModuleFiles(`${root}/module`, buildModuleFiles(plugin, version))).toEqual({ changed: [], stale: [] });
  });

  it("keeps the reference module's uuids, slugs, names and docker_parameters, its arguments, secrets and results", () => {
    expect(compareWithReference(plugin, 'Whois')).toEqual([]);
  });

  it('has the items table generated from module/*.json in its README (run `ply readme plugins/whois` after a manifest build)', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    expect(withItemsTable(readme, `${root}module`)).toBe(readme);
  });
});
