import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModule } from '@ply/core';
import { compareWithReference } from './reference-identity.js';

function corpus(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'ply-corpus-'));
  mkdirSync(join(root, 'Acme'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(root, 'Acme', name), JSON.stringify(content));
  return root;
}

const manifest = { uuid: '5f0c0000-0000-4000-8000-000000000001', slug: 'acme', name: 'Acme', configuration: { properties: { api_key: { type: 'string' } }, required: ['api_key'], secrets: ['api_key'] } };
const lookup = { uuid: '5f0c0000-0000-4000-8000-000000000002', slug: 'lookup', name: 'Lookup', docker_parameters: 'acme_lookup', arguments: { type: 'object', properties: { ip: { type: 'string' }, limit: { type: 'integer' } }, required: ['ip'] }, results: { type: 'object', properties: { score: { type: 'number' } }, required: ['score'] }, outputs: { known: 'k', unknown: 'u' } };

function plugin(options: { secret: boolean; slug: string; withLimit: boolean; score?: z.ZodType; ip?: z.ZodType }) {
  const acme = defineModule({ uuid: manifest.uuid, slug: 'acme', name: 'Acme', description: 'x', categories: ['Threat Intelligence'], configuration: z.object({ api_key: options.secret ? z.string().meta({ secret: true }) : z.string() }), engines: { ply: '>=0.1.0' } });
  return acme.plugin({
    actions: [
      acme.action({
        uuid: lookup.uuid,
        slug: options.slug,
        name: 'Lookup',
        description: 'x',
        docker_parameters: 'acme_lookup',
        arguments: z.object({ ip: options.ip ?? z.string(), ...(options.withLimit ? { limit: z.int().optional() } : {}) }),
        results: z.looseObject({ score: options.score ?? z.number(), verdict: z.string() }),
        outputs: { known: 'Known', unknown: 'Unknown' },
        run: () => ({ score: 1, verdict: 'known' }),
      }),
    ],
  });
}

describe('compareWithReference', () => {
  it('finds nothing to say about a faithful reimplementation (wider results allowed)', () => {
    const root = corpus({ 'manifest.json': manifest, 'action_lookup.json': lookup });
    expect(compareWithReference(plugin({ secret: true, slug: 'lookup', withLimit: true }), 'Acme', { corpusDir: root })).toEqual([]);
  });

  it('names a changed slug, a missing argument and an unmarked secret', () => {
    const root = corpus({ 'manifest.json': manifest, 'action_lookup.json': lookup });
    expect(compareWithReference(plugin({ secret: false, slug: 'lookup_ip', withLimit: false }), 'Acme', { corpusDir: root })).toEqual([
      'module: configuration do not mark "api_key" secret',
      'action_lookup.json: slug "lookup_ip" instead of "lookup"',
      'action_lookup.json: arguments lack "limit"',
    ]);
  });

  it('names where a results or arguments schema refuses a value the reference accepts', () => {
    const typed = { ...lookup, results: { type: 'object', properties: { score: { type: ['number', 'null'] } }, required: ['score'] } };
    const root = corpus({ 'manifest.json': manifest, 'action_lookup.json': typed });
    expect(compareWithReference(plugin({ secret: true, slug: 'lookup', withLimit: true, ip: z.ipv4() }), 'Acme', { corpusDir: root })).toEqual([
      'action_lookup.json: arguments/ip: Ply requires format "ipv4", the reference none',
      'action_lookup.json: arguments/ip: Ply requires pattern ' + JSON.stringify(z.toJSONSchema(z.ipv4()).pattern) + ', the reference none',
      'action_lookup.json: results/score: the reference accepts null, Ply does not (Ply accepts number)',
    ]);
  });

  it('takes the narrowings a plugin makes on purpose, by location, and keeps that list true', () => {
    const root = corpus({ 'manifest.json': manifest, 'action_lookup.json': lookup });
    const checked = plugin({ secret: true, slug: 'lookup', withLimit: true, ip: z.ipv4() });
    expect(compareWithReference(checked, 'Acme', { corpusDir: root, deliberate: { 'action_lookup.json: arguments/ip': 'checked before the call' } })).toEqual([]);
    expect(compareWithReference(plugin({ secret: true, slug: 'lookup', withLimit: true }), 'Acme', { corpusDir: root, deliberate: { 'action_lookup.json: arguments/ip': 'checked before the call' } })).toEqual([
      'action_lookup.json: arguments/ip: listed as deliberate, but it no longer differs from the reference',
    ]);
  });

  it('takes the reference items a plugin leaves out on purpose, and keeps that list true', () => {
    const other = { ...lookup, uuid: '5f0c0000-0000-4000-8000-000000000003', slug: 'other', name: 'Other', docker_parameters: 'acme_other' };
    const root = corpus({ 'manifest.json': manifest, 'action_lookup.json': lookup, 'action_other.json': other });
    const faithful = plugin({ secret: true, slug: 'lookup', withLimit: true });
    expect(compareWithReference(faithful, 'Acme', { corpusDir: root })).toEqual(['action_other.json: no action with uuid 5f0c0000-0000-4000-8000-000000000003']);
    expect(compareWithReference(faithful, 'Acme', { corpusDir: root, omitted: ['action_other.json'] })).toEqual([]);
    expect(compareWithReference(faithful, 'Acme', { corpusDir: root, omitted: ['action_lookup.json', 'action_gone.json'] })).toEqual([
      'action_lookup.json: listed as omitted, but the plugin has it',
      'action_other.json: no action with uuid 5f0c0000-0000-4000-8000-000000000003',
      'action_gone.json: listed as omitted, but the reference has no such file',
    ]);
  });
});
