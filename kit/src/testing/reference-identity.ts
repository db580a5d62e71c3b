import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PluginDefinition } from '@ply/core';
import { buildModuleFiles } from '@ply/core';
import { sekoiaCorpusDir } from './sekoia-corpus.js';

type Json = Record<string, unknown>;

const KIND_PREFIXES = ['action', 'trigger', 'connector'] as const;

function read(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

function propertiesOf(schema: unknown): Json {
  return ((schema as Json | undefined)?.['properties'] ?? {}) as Json;
}

function listOf(schema: unknown, key: string): string[] {
  const value = (schema as Json | undefined)?.[key];
  return Array.isArray(value) ? (value as string[]) : [];
}

/** What `ours` lacks of `reference`: properties, required names, secrets (each as a readable line). */
function schemaGaps(where: string, reference: unknown, ours: unknown, part: 'arguments' | 'results' | 'configuration'): string[] {
  const gaps: string[] = [];
  const have = propertiesOf(ours);
  for (const key of Object.keys(propertiesOf(reference))) if (!Object.hasOwn(have, key)) gaps.push(`${where}: ${part} lack "${key}"`);
  if (part !== 'results') {
    const required = new Set(listOf(ours, 'required'));
    for (const key of listOf(reference, 'required')) if (Object.hasOwn(propertiesOf(reference), key) && !required.has(key)) gaps.push(`${where}: ${part} do not require "${key}"`);
    const secrets = new Set(listOf(ours, 'secrets'));
    for (const key of listOf(reference, 'secrets')) if (!secrets.has(key)) gaps.push(`${where}: ${part} do not mark "${key}" secret`);
  }
  return gaps;
}

/**
 * Compares a plugin with the Sekoia.io module it reimplements (`folder` of the corpus, e.g.
 * `Shodan`): the module's uuid, slug and name, and for every reference item the item of the same
 * uuid with the same slug (where the reference has one), name and `docker_parameters`, arguments
 * and configuration at least as wide (every property, every required name, every secret) and
 * results naming every reference property. Returns the differences, one line each: a test
 * expects `[]`.
 */
export function compareWithReference(plugin: PluginDefinition, folder: string, corpusDir: string = sekoiaCorpusDir()): string[] {
  const dir = join(corpusDir, folder);
  if (!existsSync(dir)) throw new Error(`no reference module at ${dir} (set PLY_CORPUS_DIR)`);
  const built = buildModuleFiles(plugin, '0.0.0');
  const oursByKind = new Map<string, Json[]>();
  for (const [name, text] of built) {
    const kind = KIND_PREFIXES.find((prefix) => name.startsWith(`${prefix}_`));
    if (kind) oursByKind.set(kind, [...(oursByKind.get(kind) ?? []), JSON.parse(text) as Json]);
  }
  const differences: string[] = [];
  const reference = read(join(dir, 'manifest.json'));
  const manifest = JSON.parse(built.get('manifest.json')!) as Json;
  for (const key of ['uuid', 'slug', 'name'] as const) {
    if (manifest[key] !== reference[key]) differences.push(`module ${key}: ${JSON.stringify(manifest[key])} instead of ${JSON.stringify(reference[key])}`);
  }
  differences.push(...schemaGaps('module', reference['configuration'], manifest['configuration'], 'configuration'));
  for (const file of readdirSync(dir).sort()) {
    const kind = KIND_PREFIXES.find((prefix) => file.startsWith(`${prefix}_`) && file.endsWith('.json'));
    if (!kind) continue;
    const item = read(join(dir, file));
    const ours = oursByKind.get(kind)?.find((candidate) => candidate['uuid'] === item['uuid']);
    if (!ours) {
      differences.push(`${file}: no ${kind} with uuid ${String(item['uuid'])}`);
      continue;
    }
    for (const key of ['slug', 'name', 'docker_parameters'] as const) {
      if (item[key] !== undefined && ours[key] !== item[key]) differences.push(`${file}: ${key} ${JSON.stringify(ours[key])} instead of ${JSON.stringify(item[key])}`);
    }
    differences.push(...schemaGaps(file, item['arguments'], ours['arguments'], 'arguments'), ...schemaGaps(file, item['results'], ours['results'], 'results'));
    if (item['outputs'] !== undefined && JSON.stringify(Object.keys(item['outputs'] as Json).sort()) !== JSON.stringify(Object.keys((ours['outputs'] ?? {}) as Json).sort())) {
      differences.push(`${file}: outputs ${JSON.stringify(Object.keys((ours['outputs'] ?? {}) as Json))} instead of ${JSON.stringify(Object.keys(item['outputs'] as Json))}`);
    }
  }
  return differences;
}
