import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModule } from '@ply/core';
import { compareWithReference } from './reference-identity.js';

const MODULE_UUID = '5b2c0f3e-1111-4c57-9d7e-000000000001';
const ACTION_UUID = '5b2c0f3e-1111-4c57-9d7e-000000000002';
const TRIGGER_UUID = '5b2c0f3e-1111-4c57-9d7e-000000000004';

/** A reference module of one action and one trigger, in a corpus of its own. */
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
    arguments: { type: 'object', properties: { ip: { type: 'string' }, limit: { type: 'integer' } }, required: ['ip'] },
    results: { type: 'object', properties: { known: { type: 'boolean' }, score: { type: 'number' } } },
    outputs: { known: 'known', unknown: 'unknown' },
  };
  writeFileSync(join(dir, 'Acme', 'action_lookup.json'), JSON.stringify(action));
  const trigger = { uuid: TRIGGER_UUID, name: 'Alerts', description: 'x', docker_parameters: 'acme_alerts', arguments: { type: 'object', properties: {} }, results: {} };
  writeFileSync(join(dir, 'Acme', 'trigger_alerts.json'), JSON.stringify(trigger));
  return dir;
}

interface Variant {
  secret: boolean;
  slug: string;
  known: z.ZodType;
  withLimit?: boolean;
  withScore?: boolean;
  outputs?: Record<string, string>;
  trigger?: boolean;
  extra?: boolean;
}

const FAITHFUL: Variant = { secret: true, slug: 'lookup', known: z.boolean().optional(), withLimit: true, withScore: true, outputs: { known: 'known', unknown: 'unknown' }, trigger: true };

function plugin(options: Variant) {
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
    arguments: z.object({ ip: z.string(), ...(options.withLimit ? { limit: z.int().optional() } : {}) }),
    results: z.looseObject({ known: options.known, ...(options.withScore ? { score: z.number().optional() } : {}), verdict: z.string().optional() }),
    ...(options.outputs ? { outputs: options.outputs } : {}),
    run: () => ({ known: true }),
  });
  const more = acme.action({ uuid: '5b2c0f3e-1111-4c57-9d7e-000000000003', slug: 'more', name: 'More', description: 'x', docker_parameters: 'acme_more', arguments: z.object({}), results: z.object({}), run: () => ({}) });
  const alerts = acme.trigger({ uuid: TRIGGER_UUID, slug: 'alerts', name: 'Alerts', description: 'x', docker_parameters: 'acme_alerts', arguments: z.object({}), results: z.object({}), start: async () => {} });
  return acme.plugin({ actions: options.extra ? [lookup, more] : [lookup], triggers: options.trigger ? [alerts] : [] });
}

describe('compareWithReference', () => {
  it('finds no difference for a faithful plugin (wider results allowed), and lists the items the reference does not have', () => {
    expect(compareWithReference(plugin({ ...FAITHFUL, extra: true }), 'Acme', corpus())).toEqual({ differences: [], added: ['more (5b2c0f3e-1111-4c57-9d7e-000000000003)'] });
  });

  it('reports a lost secret, a changed slug, a missing argument and result, a narrower result, other outputs and a missing trigger', () => {
    const { differences } = compareWithReference(plugin({ secret: false, slug: 'look_up', known: z.string(), outputs: { known: 'Known' } }), 'Acme', corpus());
    expect(differences).toEqual([
      'module configuration: "api_key" is no longer secret',
      'action_lookup.json (Lookup): slug "look_up" instead of "lookup"',
      'action_lookup.json (Lookup): outputs {"known":"Known"} instead of {"known":"known","unknown":"unknown"}',
      'action_lookup.json (Lookup) arguments/properties/limit: "limit" is not declared',
      'action_lookup.json (Lookup) results/properties/known: refuses boolean values, which the reference accepts',
      'action_lookup.json (Lookup) results/properties/score: "score" is not declared',
      'action_lookup.json (Lookup) results/required: requires "known", which the reference does not',
      'trigger_alerts.json (Alerts): no trigger with uuid 5b2c0f3e-1111-4c57-9d7e-000000000004',
    ]);
  });

  it('says where the reference module is missing', () => {
    expect(() => compareWithReference(plugin(FAITHFUL), 'Nowhere', corpus())).toThrow(/no reference module at .*Nowhere/);
  });
});
