import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '@ply/core';
import { actionsLibraryPages } from './actions-library.js';
import { renderMarkdown } from './markdown-renderer.js';
import { propertyRows } from './schema-rows.js';
import { renderHtml } from './html-renderer.js';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input') => z.toJSONSchema(schema, { target: 'draft-7', io }) as JsonSchema;

describe('documentation rows of a schema', () => {
  it('shows each default as JSON', () => {
    const rows = propertyRows(jsonSchema(z.object({ query: z.string(), max_pages: z.number().int().default(1), minify: z.boolean().default(true), fields: z.array(z.string()).default(['ip_str']) })));
    expect(rows.map((row) => [row.name, row.default])).toEqual([
      ['query', undefined],
      ['max_pages', '1'],
      ['minify', 'true'],
      ['fields', '["ip_str"]'],
    ]);
  });

  it("shows a map's entries as <key> with the values' type, at the top and under a property", () => {
    const results = z.object({
      total: z.number(),
      facets: z.record(z.string(), z.array(z.object({ value: z.string(), count: z.number() }))).describe('Counts per facet'),
      tags: z.record(z.string(), z.object({ seen: z.number().describe('Times seen') })),
    });
    const rows = propertyRows(jsonSchema(results, 'output'));
    expect(rows.map((row) => `${row.name}: ${row.type}`)).toEqual(['total: number', 'facets: map of object[]', 'facets.<key>: object[]', 'tags: map of object', 'tags.<key>: object']);
    // A loose object (other keys allowed, of any type) is not a map: no <key> row.
    expect(propertyRows(jsonSchema(z.looseObject({ ip_str: z.string() }), 'output')).map((row) => row.name)).toEqual(['ip_str']);
    const top = propertyRows(jsonSchema(z.record(z.string(), z.number().describe('Hits')), 'output'));
    expect(top).toEqual([{ name: '<key>', type: 'number', required: false, secret: false, description: 'Hits' }]);
  });

  it('puts a Default column on an action page only where some argument has a default, and escapes <key>', () => {
    const module = {
      dir: '/m',
      source: 'folder',
      warnings: [],
      manifest: { uuid: 'u', slug: 'shodan-doc', name: 'Shodan doc', description: 'd', version: '1.0.0', categories: [], configuration: jsonSchema(z.object({ api_key: z.string() })) },
      items: [
        {
          kind: 'action',
          uuid: 'a',
          slug: 'search',
          name: 'Search',
          description: 'Search hosts',
          docker: 'search',
          file: '/m/action_search.json',
          raw: {},
          arguments: jsonSchema(z.object({ query: z.string(), max_pages: z.number().default(1) })),
          results: jsonSchema(z.object({ facets: z.record(z.string(), z.number()) }), 'output'),
        },
      ],
    } as unknown as Parameters<typeof actionsLibraryPages>[0][number]['module'];
    const page = actionsLibraryPages([{ module, runnable: true }]).find((p) => p.path === 'modules/shodan-doc')!;
    const markdown = renderMarkdown(page);
    expect(markdown).toContain('| Name | Type | Required | Default | Description |');
    expect(markdown).toContain('| max_pages | number | no | 1 |  |');
    expect(markdown).toContain('| api_key | string | yes |  |');
    expect(markdown).toContain('| facets.&lt;key> | number | no | any key |');
    expect(renderHtml(page)).toContain('facets.&lt;key&gt;');
  });
});
