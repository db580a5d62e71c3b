import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PluginDefinition } from '@ply/core';
import { buildModuleFiles } from '@ply/core';
import { schemaNarrowings } from './schema-narrowings.js';
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

/** What {@link compareWithReference} compares against. */
export interface ReferenceOptions {
  /** The corpus root (default: {@link sekoiaCorpusDir}). */
  corpusDir?: string;
  /**
   * Reference item files the plugin leaves out on purpose (named in its README with the reason):
   * their absence is no difference, their presence is one (the list must stay true).
   */
  omitted?: readonly string[];
  /**
   * Narrowings the plugin makes on purpose, by location (`action_scan_hash.json: arguments/hash`,
   * covering the values below it) with the reason (e.g. a hash checked before the call, for a clear error): their lines are no
   * differences; a location that no longer differs is one (the list must stay true).
   */
  deliberate?: Readonly<Record<string, string>>;
}

/**
 * What `ours` lacks of `reference`: properties, required names, secrets, and every place its
 * schema refuses a value the reference's accepts (each as a readable line).
 */
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
  for (const narrowing of schemaNarrowings(ours ?? {}, reference ?? {}, { side: part === 'results' ? 'results' : 'input' })) gaps.push(`${where}: ${part}${narrowing.path === '/' ? '' : narrowing.path}: ${narrowing.message}`);
  return gaps;
}

/**
 * Compares a plugin with the Sekoia.io module it reimplements (`folder` of the corpus, e.g.
 * `Shodan`): the module's uuid, slug and name, and for every reference item the item of the same
 * uuid with the same slug (where the reference has one), name, `docker_parameters` and outputs;
 * arguments and configuration with every property, required name and secret of the reference's,
 * results naming every reference property, and none of these schemas narrower than the
 * reference's ({@link schemaNarrowings}: a value the reference accepts that Ply would refuse).
 * Items Ply adds are not differences. Returns the differences, one line each: a test expects `[]`.
 */
export function compareWithReference(plugin: PluginDefinition, folder: string, options: ReferenceOptions = {}): string[] {
  const dir = join(options.corpusDir ?? sekoiaCorpusDir(), folder);
  const omitted = new Set(options.omitted ?? []);
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
    if (omitted.has(file)) {
      if (ours) differences.push(`${file}: listed as omitted, but the plugin has it`);
      continue;
    }
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
  for (const file of omitted) if (!existsSync(join(dir, file))) differences.push(`${file}: listed as omitted, but the reference has no such file`);
  const deliberate = Object.keys(options.deliberate ?? {});
  // A location covers the values below it too (`results/facets/*` covers `results/facets/*/[]`).
  const at = (line: string, location: string) => line.startsWith(`${location}: `) || line.startsWith(`${location}/`);
  const kept = differences.filter((line) => !deliberate.some((location) => at(line, location)));
  for (const location of deliberate) if (!differences.some((line) => at(line, location))) kept.push(`${location}: listed as deliberate, but it no longer differs from the reference`);
  return kept;
}
