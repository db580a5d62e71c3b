import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles } from '@ply/core';
import { compareWithReferenceModule, sekoiaCorpusDir } from '@ply/kit/testing';
import plugin from '../src/index.js';

const referenceDir = join(sekoiaCorpusDir(), 'Sekoia.io');

type Item = { uuid: string; slug?: string; name: string; docker_parameters: string; arguments: { properties?: Record<string, unknown>; required?: string[] } };

/** The reference items of one kind, by uuid. */
function referenceItems(kind: 'action' | 'trigger'): Map<string, Item> {
  return new Map(
    readdirSync(referenceDir)
      .filter((file) => file.startsWith(`${kind}_`))
      .map((file) => JSON.parse(readFileSync(join(referenceDir, file), 'utf8')) as Item)
      .map((item) => [item.uuid, item]),
  );
}

describe.skipIf(!existsSync(referenceDir))('Sekoia.io module against the reference automation-library module', () => {
  it('keeps every item reference-compatible: uuid, slug, name, docker_parameters, argument names and required ones', () => {
    const files = buildModuleFiles(plugin, '0.0.0');
    for (const kind of ['action', 'trigger'] as const) {
      const reference = referenceItems(kind);
      const ours = [...files].filter(([name]) => name.startsWith(`${kind}_`)).map(([, text]) => JSON.parse(text) as Item);
      for (const item of ours) {
        const theirs = reference.get(item.uuid);
        expect(theirs, `${kind} ${item.slug} has no reference item with uuid ${item.uuid}`).toBeDefined();
        const expected = [theirs!.slug ?? item.slug, theirs!.name, theirs!.docker_parameters];
        expect([item.slug, item.name, item.docker_parameters], item.slug).toEqual(expected);
        expect(Object.keys(item.arguments.properties ?? {}).sort(), item.slug).toEqual(Object.keys(theirs!.arguments.properties ?? {}).sort());
        for (const name of item.arguments.required ?? []) expect(theirs!.arguments.required ?? [], `${item.slug} requires ${name}`).toContain(name);
      }
    }
  });

  it('has results and event schemas at least as wide as the reference everywhere', () => {
    const comparison = compareWithReferenceModule(plugin, referenceDir);
    expect(comparison.unmatched).toEqual([]);
    expect(comparison.narrowings).toEqual([]);
  });

  it('takes at least every argument value the reference takes', () => {
    expect(compareWithReferenceModule(plugin, referenceDir, ['arguments']).narrowings).toEqual([]);
  });
});
