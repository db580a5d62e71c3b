import * as z from 'zod';
import type { AnyAction, AnyConnector, AnyTrigger, PluginDefinition } from '../contracts/plugin.js';
import type { JsonSchema } from '../contracts/manifest.js';

/** Collects (and removes) `secret: true` marks of the properties of `schema` and of the objects nested in it. */
function collectSecrets(schema: unknown, secrets: Set<string>, depth = 0): void {
  if (depth > 8 || typeof schema !== 'object' || schema === null) return;
  const node = schema as Record<string, unknown>;
  for (const [key, property] of Object.entries((node['properties'] ?? {}) as Record<string, Record<string, unknown>>)) {
    if (property['secret'] === true) {
      delete property['secret'];
      secrets.add(key);
    }
    collectSecrets(property, secrets, depth + 1);
  }
  for (const key of ['items', 'additionalProperties']) collectSecrets(node[key], secrets, depth + 1);
  for (const key of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(node[key])) for (const branch of node[key] as unknown[]) collectSecrets(branch, secrets, depth + 1);
}

/**
 * JSON Schema (draft-07) of a zod schema, Sekoia-style: properties marked
 * `.meta({ secret: true })` are listed in a root-level `secrets` array instead, also those of
 * nested objects (Sekoia's Fortigate lists `api_key` of its `firewalls[]` there).
 */
export function toManifestSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'throw' }) as JsonSchema;
  const secrets = new Set<string>();
  collectSecrets(json, secrets);
  if (secrets.size > 0) json['secrets'] = [...secrets];
  return json;
}

function itemFile(docker: string, item: AnyAction | AnyTrigger | AnyConnector): Record<string, unknown> {
  return {
    uuid: item.uuid,
    name: item.name,
    slug: item.slug,
    description: item.description,
    docker_parameters: docker,
    ...(item.group ? { group: item.group } : {}),
    arguments: toManifestSchema(item.arguments, 'input'),
    results: toManifestSchema(item.results, 'output'),
    ...(item.outputs ? { outputs: item.outputs } : {}),
  };
}

const serialise = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The module folder's files generated from a plugin definition: `manifest.json` and one
 * `<kind>_<slug>.json` per item. Keys are file names, values the exact file contents.
 */
export function buildModuleFiles(plugin: PluginDefinition, version: string): Map<string, string> {
  const { module } = plugin;
  const files = new Map<string, string>();
  files.set(
    'manifest.json',
    serialise({
      uuid: module.uuid,
      name: module.name,
      slug: module.slug,
      description: module.description,
      version,
      categories: module.categories,
      ...(module.group ? { group: module.group } : {}),
      engines: module.engines,
      configuration: toManifestSchema(module.configuration, 'input'),
    }),
  );
  const kinds = [
    ['action', plugin.actions],
    ['trigger', plugin.triggers],
    ['connector', plugin.connectors],
  ] as const;
  for (const [kind, items] of kinds) {
    for (const [docker, item] of Object.entries(items)) files.set(`${kind}_${item.slug}.json`, serialise(itemFile(docker, item)));
  }
  return files;
}
