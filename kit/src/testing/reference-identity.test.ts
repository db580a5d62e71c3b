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
const lookup = { uuid: '5f0c0000-0000-4000-8000-000000000002', slug: 'lookup', name: 'Lookup', docker_parameters: 'acme_lookup', arguments: { properties: { ip: {}, limit: {} }, required: ['ip'] }, results: { properties: { score: {} } }, outputs: { known: 'k', unknown: 'u' } };

function plugin(options: { secret: boolean; slug: string; withLimit: boolean }) {
  const acme = defineModule({ uuid: manifest.uuid, slug: 'acme', name: 'Acme', description: 'x', categories: ['Threat Intelligence'], configuration: z.object({ api_key: options.secret ? z.string().meta({ secret: true }) : z.string() }), engines: { ply: '>=0.1.0' } });
  return acme.plugin({
    actions: [
      acme.action({
        uuid: lookup.uuid,
        slug: options.slug,
        name: 'Lookup',
        description: 'x',
        docker_parameters: 'acme_lookup',
        arguments: z.object({ ip: z.string(), ...(options.withLimit ? { limit: z.int().optional() } : {}) }),
        results: z.object({ score: z.number(), verdict: z.string() }),
        outputs: { known: 'Known', unknown: 'Unknown' },
        run: () => ({ score: 1, verdict: 'known' }),
      }),
    ],
  });
}

describe('compareWithReference', () => {
  it('finds nothing to say about a faithful reimplementation (wider results allowed)', () => {
    const root = corpus({ 'manifest.json': manifest, 'action_lookup.json': lookup });
    expect(compareWithReference(plugin({ secret: true, slug: 'lookup', withLimit: true }), 'Acme', root)).toEqual([]);
  });

  it('names a changed slug, a missing argument and an unmarked secret', () => {
    const root = corpus({ 'manifest.json': manifest, 'action_lookup.json': lookup });
    expect(compareWithReference(plugin({ secret: false, slug: 'lookup_ip', withLimit: false }), 'Acme', root)).toEqual([
      'module: configuration do not mark "api_key" secret',
      'action_lookup.json: slug "lookup_ip" instead of "lookup"',
      'action_lookup.json: arguments lack "limit"',
    ]);
  });
});
