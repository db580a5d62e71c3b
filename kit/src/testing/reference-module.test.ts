import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModule } from '@ply/core';
import { compareWithReferenceModule } from './reference-module.js';

const MODULE_UUID = '5b2c0f3e-1111-4c57-9d7e-000000000001';
const ACTION_UUID = '5b2c0f3e-1111-4c57-9d7e-000000000002';

/** A one-action reference module in a corpus of its own. */
function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ply-corpus-'));
  mkdirSync(join(dir, 'Acme'));
  const configuration = { type: 'object', properties: { api_key: { type: 'string' } }, required: ['api_key'], secrets: ['api_key'] };
  writeFileSync(join(dir, 'Acme', 'manifest.json'), JSON.stringify({ uuid: MODULE_UUID, slug: 'acme', name: 'Acme', description: 'x', version: '1.0.0', configuration }));
  const action = {
    uuid: ACTION_UUID,
    name: 'Lookup',
    slug: 'lookup',
    description: 'x',
    docker_parameters: 'acme_lookup',
    arguments: { type: 'object', properties: { ip: { type: 'string' } }, required: ['ip'] },
    results: { type: 'object', properties: { known: { type: 'boolean' } } },
    outputs: { known: 'known', unknown: 'unknown' },
  };
  writeFileSync(join(dir, 'Acme', 'action_lookup.json'), JSON.stringify(action));
  return dir;
}

function plugin(options: { secret: boolean; slug: string; known: z.ZodType; extra?: boolean }) {
  const acme = defineModule({
    uuid: MODULE_UUID,
    slug: 'acme',
    name: 'Acme',
    description: 'x',
    categories: [],
    configuration: z.object({ api_key: options.secret ? z.string().meta({ secret: true }) : z.string() }),
    engines: { ply: '>=0.1.0' },
  });
  const lookup = acme.action({
    uuid: ACTION_UUID,
    slug: options.slug,
    name: 'Lookup',
    description: 'x',
    docker_parameters: 'acme_lookup',
    arguments: z.object({ ip: z.string() }),
    results: z.looseObject({ known: options.known }),
    outputs: { known: 'known', unknown: 'unknown' },
    run: () => ({ known: true }),
  });
  const more = acme.action({ uuid: '5b2c0f3e-1111-4c57-9d7e-000000000003', slug: 'more', name: 'More', description: 'x', docker_parameters: 'acme_more', arguments: z.object({}), results: z.object({}), run: () => ({}) });
  return acme.plugin({ actions: options.extra ? [lookup, more] : [lookup] });
}

describe('compareWithReferenceModule', () => {
  it('finds no difference for a faithful plugin, and lists the items the reference does not have', () => {
    const comparison = compareWithReferenceModule(plugin({ secret: true, slug: 'lookup', known: z.boolean().optional(), extra: true }), 'Acme', corpus());
    expect(comparison).toEqual({ differences: [], added: ['more (5b2c0f3e-1111-4c57-9d7e-000000000003)'] });
  });

  it('reports a lost secret, a changed slug and a narrower result', () => {
    const { differences } = compareWithReferenceModule(plugin({ secret: false, slug: 'look_up', known: z.string() }), 'Acme', corpus());
    expect(differences).toEqual([
      'module configuration: "api_key" is no longer secret',
      'action_lookup.json (Lookup): slug "look_up" instead of "lookup"',
      'action_lookup.json (Lookup) results/properties/known: refuses boolean values, which the reference accepts',
      'action_lookup.json (Lookup) results/required: requires "known", which the reference does not',
    ]);
  });
});
