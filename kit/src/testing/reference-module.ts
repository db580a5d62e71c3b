import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModuleFiles, type JsonSchema, type PluginDefinition } from '@ply/core';
import { schemaNarrowings, type SchemaSide } from './schema-narrowings.js';
import { sekoiaCorpusDir } from './sekoia-corpus.js';

type Json = Record<string, unknown>;

/** What a reimplementation keeps of a reference module, and where it departs from it. */
export interface ReferenceComparison {
  /** Every departure: identity (uuid, slug, name, docker_parameters, outputs), secrets, narrower schemas, reference items left out. */
  differences: string[];
  /** Items the plugin has and the reference does not (new uuids, to be written down in the README). */
  added: string[];
}

function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

function schemaOf(value: unknown): JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : {};
}

function narrowings(where: string, ours: unknown, reference: unknown, side: SchemaSide): string[] {
  return schemaNarrowings(schemaOf(ours), schemaOf(reference), side).map((narrowing) => `${where} ${side}${narrowing.pointer || ''}: ${narrowing.message}`);
}

function secretsOf(schema: unknown): string[] {
  const secrets = schemaOf(schema)['secrets'];
  return Array.isArray(secrets) ? (secrets as string[]) : [];
}

/**
 * Compares a plugin with the Sekoia.io module it reimplements (`<corpus>/<folder>/`): the module's
 * uuid, slug and name; a configuration at least as wide, with every reference secret still secret;
 * every reference action present under its uuid with the same slug (when the reference has one),
 * name, `docker_parameters` and outputs, and arguments and results at least as wide (see
 * {@link schemaNarrowings}). Secrets the reference forgot may be added.
 */
export function compareWithReferenceModule(plugin: PluginDefinition, folder: string, corpusDir: string = sekoiaCorpusDir()): ReferenceComparison {
  const dir = join(corpusDir, folder);
  const files = buildModuleFiles(plugin, '0.0.0');
  const ours = [...files.entries()].filter(([name]) => name.startsWith('action_')).map(([, text]) => JSON.parse(text) as Json);
  const manifest = JSON.parse(files.get('manifest.json')!) as Json;
  const referenceManifest = readJson(join(dir, 'manifest.json'));
  const differences: string[] = [];
  for (const key of ['uuid', 'slug', 'name'] as const) {
    if (manifest[key] !== referenceManifest[key]) differences.push(`module ${key}: ${JSON.stringify(manifest[key])} instead of ${JSON.stringify(referenceManifest[key])}`);
  }
  differences.push(...narrowings('module', manifest['configuration'], referenceManifest['configuration'], 'configuration'));
  const ourSecrets = secretsOf(manifest['configuration']);
  for (const secret of secretsOf(referenceManifest['configuration'])) if (!ourSecrets.includes(secret)) differences.push(`module configuration: "${secret}" is no longer secret`);

  const byUuid = new Map(ours.map((action) => [action['uuid'], action]));
  const referenceUuids = new Set<unknown>();
  const actionFiles = readdirSync(dir).filter((name) => name.startsWith('action_') && name.endsWith('.json')).sort();
  for (const name of actionFiles) {
    const reference = readJson(join(dir, name));
    referenceUuids.add(reference['uuid']);
    const mine = byUuid.get(reference['uuid']);
    const where = `${name} (${String(reference['name'])})`;
    if (!mine) {
      differences.push(`${where}: no action with uuid ${String(reference['uuid'])}`);
      continue;
    }
    const keys = reference['slug'] === undefined ? (['name', 'docker_parameters'] as const) : (['slug', 'name', 'docker_parameters'] as const);
    for (const key of keys) if (mine[key] !== reference[key]) differences.push(`${where}: ${key} ${JSON.stringify(mine[key])} instead of ${JSON.stringify(reference[key])}`);
    if (JSON.stringify(mine['outputs'] ?? null) !== JSON.stringify(reference['outputs'] ?? null)) differences.push(`${where}: outputs ${JSON.stringify(mine['outputs'])} instead of ${JSON.stringify(reference['outputs'])}`);
    differences.push(...narrowings(where, mine['arguments'], reference['arguments'], 'arguments'), ...narrowings(where, mine['results'], reference['results'], 'results'));
    const argumentSecrets = secretsOf(mine['arguments']);
    for (const secret of secretsOf(reference['arguments'])) if (!argumentSecrets.includes(secret)) differences.push(`${where} arguments: "${secret}" is no longer secret`);
  }
  const added = ours.filter((action) => !referenceUuids.has(action['uuid'])).map((action) => `${String(action['slug'])} (${String(action['uuid'])})`);
  return { differences, added };
}
