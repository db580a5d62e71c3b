import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModuleFiles, type JsonSchema, type PluginDefinition } from '@ply/core';
import { schemaNarrowings, type SchemaSide } from './schema-narrowings.js';
import { sekoiaCorpusDir } from './sekoia-corpus.js';

type Json = Record<string, unknown>;

/** What a reimplementation keeps of a reference module, and where it departs from it. */
export interface ReferenceComparison {
  /** Every departure, one readable line each: identity, outputs, secrets, narrower schemas, reference items left out. */
  differences: string[];
  /** Items the plugin has and the reference does not (`slug (uuid)`: new uuids, to be written down in the README). */
  added: string[];
}

const KINDS = ['action', 'trigger', 'connector'] as const;

function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

function schemaOf(value: unknown): JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : {};
}

function secretsOf(schema: unknown): string[] {
  const secrets = schemaOf(schema)['secrets'];
  return Array.isArray(secrets) ? (secrets as string[]) : [];
}

/** A schema side against the reference's: narrowings, and every reference secret still secret. */
function schemaGaps(where: string, ours: unknown, reference: unknown, side: SchemaSide): string[] {
  const gaps = schemaNarrowings(schemaOf(ours), schemaOf(reference), side).map((narrowing) => `${where} ${side}${narrowing.pointer}: ${narrowing.message}`);
  if (side === 'results') return gaps;
  const secrets = secretsOf(ours);
  for (const secret of secretsOf(reference)) if (!secrets.includes(secret)) gaps.push(`${where} ${side}: "${secret}" is no longer secret`);
  return gaps;
}

function kindOf(file: string): (typeof KINDS)[number] | undefined {
  return KINDS.find((kind) => file.startsWith(`${kind}_`) && file.endsWith('.json'));
}

/** An item of ours against the reference item of the same uuid: identity, outputs, schemas. */
function itemGaps(where: string, ours: Json, reference: Json): string[] {
  const gaps: string[] = [];
  const keys = reference['slug'] === undefined ? (['name', 'docker_parameters'] as const) : (['slug', 'name', 'docker_parameters'] as const);
  for (const key of keys) if (ours[key] !== reference[key]) gaps.push(`${where}: ${key} ${JSON.stringify(ours[key])} instead of ${JSON.stringify(reference[key])}`);
  // Names and descriptions both: a playbook's condition and the console show them.
  if (JSON.stringify(ours['outputs'] ?? null) !== JSON.stringify(reference['outputs'] ?? null)) {
    gaps.push(`${where}: outputs ${JSON.stringify(ours['outputs'])} instead of ${JSON.stringify(reference['outputs'])}`);
  }
  gaps.push(...schemaGaps(where, ours['arguments'], reference['arguments'], 'arguments'), ...schemaGaps(where, ours['results'], reference['results'], 'results'));
  return gaps;
}

/**
 * Compares a plugin with the Sekoia.io module it reimplements (`<corpus>/<folder>/`, e.g. `Shodan`):
 * the module's uuid, slug and name; a configuration at least as wide with every reference secret
 * still secret; every reference action, trigger and connector present under its uuid with the same
 * slug (when the reference has one), name, `docker_parameters` and outputs (names and
 * descriptions), arguments at least as wide with the same secrets, and results at least as wide
 * (see {@link schemaNarrowings}: types, declared properties, enums, requirements, defaults).
 * Secrets the reference forgot may be added. A test expects `{ differences: [], added: [] }`, or
 * the items it adds, which its README lists.
 */
export function compareWithReference(plugin: PluginDefinition, folder: string, corpusDir: string = sekoiaCorpusDir()): ReferenceComparison {
  const dir = join(corpusDir, folder);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no reference module at ${dir} (set PLY_CORPUS_DIR)`);
  const files = buildModuleFiles(plugin, '0.0.0');
  const ours = [...files.entries()].flatMap(([name, text]) => {
    const kind = kindOf(name);
    return kind ? [{ kind, item: JSON.parse(text) as Json }] : [];
  });
  const manifest = JSON.parse(files.get('manifest.json')!) as Json;
  const referenceManifest = readJson(join(dir, 'manifest.json'));
  const differences: string[] = [];
  for (const key of ['uuid', 'slug', 'name'] as const) {
    if (manifest[key] !== referenceManifest[key]) differences.push(`module ${key}: ${JSON.stringify(manifest[key])} instead of ${JSON.stringify(referenceManifest[key])}`);
  }
  differences.push(...schemaGaps('module', manifest['configuration'], referenceManifest['configuration'], 'configuration'));

  const matched = new Set<Json>();
  for (const name of readdirSync(dir).sort()) {
    const kind = kindOf(name);
    if (!kind) continue;
    const reference = readJson(join(dir, name));
    const where = `${name} (${String(reference['name'])})`;
    const mine = ours.find((candidate) => candidate.kind === kind && candidate.item['uuid'] === reference['uuid'])?.item;
    if (!mine) {
      differences.push(`${where}: no ${kind} with uuid ${String(reference['uuid'])}`);
      continue;
    }
    matched.add(mine);
    differences.push(...itemGaps(where, mine, reference));
  }
  const added = ours.filter(({ item }) => !matched.has(item)).map(({ item }) => `${String(item['slug'])} (${String(item['uuid'])})`);
  return { differences, added };
}
