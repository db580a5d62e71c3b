import * as z from 'zod';
import type { AnyAction, AnyConnector, AnyTrigger, PluginDefinition } from '../contracts/plugin.js';
import type { JsonSchema } from '../contracts/manifest.js';

/**
 * JSON Schema (draft-07) of a zod schema, Sekoia-style: properties marked
 * `.meta({ secret: true })` are listed in a root-level `secrets` array instead.
 */
export function toManifestSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'throw' }) as JsonSchema;
  const properties = json['properties'] as Record<string, Record<string, unknown>> | undefined;
  const secrets: string[] = [];
  for (const [key, property] of Object.entries(properties ?? {})) {
    if (property['secret'] === true) {
      delete property['secret'];
      secrets.push(key);
    }
  }
  if (secrets.length > 0) json['secrets'] = secrets;
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
