import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles, diffModuleFiles } from '@ply/core';
import plugin from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The reference Sekoia.io manifests (automation-library), when the shared corpus is present. */
const corpusDir = fileURLToPath(new URL('../../../../shared/corpus/automation-library/Sekoia.io/', import.meta.url));

type Item = { uuid: string; slug: string; name: string; docker_parameters: string; arguments: { properties?: Record<string, unknown>; required?: string[] } };

describe('committed module JSON', () => {
  it('matches the zod definitions (run `ply manifest build` after changing them)', () => {
    const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string };
    expect(diffModuleFiles(`${root}/module`, buildModuleFiles(plugin, version))).toEqual({ changed: [], stale: [] });
  });

  it('keeps every action reference-compatible: uuid, slug, name, docker_parameters, argument names and required ones', () => {
    // Outside the project's machine the corpus may be absent: then only the count is checked.
    const reference = new Map(
      (existsSync(corpusDir) ? readdirSync(corpusDir) : [])
        .filter((file) => file.startsWith('action_'))
        .map((file) => JSON.parse(readFileSync(`${corpusDir}${file}`, 'utf8')) as Item)
        .map((item) => [item.uuid, item]),
    );
    const files = buildModuleFiles(plugin, '1.0.0');
    const actions = [...files].filter(([name]) => name.startsWith('action_')).map(([, text]) => JSON.parse(text) as Item);
    expect(actions).toHaveLength(18);
    for (const ours of actions) {
      if (reference.size === 0) continue;
      const theirs = reference.get(ours.uuid);
      if (!theirs) throw new Error(`no reference action with uuid ${ours.uuid} (${ours.slug})`);
      expect([ours.slug, ours.name, ours.docker_parameters]).toEqual([theirs.slug, theirs.name, theirs.docker_parameters]);
      expect(Object.keys(ours.arguments.properties ?? {}).sort(), ours.slug).toEqual(Object.keys(theirs.arguments.properties ?? {}).sort());
      expect([...(ours.arguments.required ?? [])].sort(), ours.slug).toEqual([...(theirs.arguments.required ?? [])].sort());
    }
  });

  it('keeps the reference alert triggers: uuid, name, docker_parameters, configuration keys, event keys', () => {
    if (!existsSync(corpusDir)) return;
    const files = buildModuleFiles(plugin, '1.0.0');
    const triggers = [...files].filter(([name]) => name.startsWith('trigger_'));
    expect(triggers.map(([name]) => name).sort()).toEqual([
      'trigger_sekoiaio_alert_comment_created.json',
      'trigger_sekoiaio_alert_created.json',
      'trigger_sekoiaio_alert_status_changed.json',
      'trigger_sekoiaio_alert_updated.json',
    ]);
    for (const [name, text] of triggers) {
      const ours = JSON.parse(text) as Item & { results: { properties: Record<string, unknown> } };
      const theirs = JSON.parse(readFileSync(`${corpusDir}${name}`, 'utf8')) as typeof ours;
      expect([ours.uuid, ours.name, ours.docker_parameters]).toEqual([theirs.uuid, theirs.name, theirs.docker_parameters]);
      expect(Object.keys(ours.arguments.properties ?? {}).sort()).toEqual(Object.keys(theirs.arguments.properties ?? {}).sort());
      expect(Object.keys(ours.results.properties).sort(), name).toEqual(Object.keys(theirs.results.properties).sort());
    }
  });
});
