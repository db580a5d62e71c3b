import type { LoadedModule } from '@ply/core';
import type { LintDefect } from './lint-finding.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Module slugs: lower case words joined by `-`, `_` or `.` (`sekoia.io`, `atlassian-jira`). */
const MODULE_SLUG = /^[a-z0-9]+([._-][a-z0-9]+)*$/;
/** Item slugs: snake case, as Sekoia.io's SDK derives them from class names. */
const ITEM_SLUG = /^[a-z0-9]+(_[a-z0-9]+)*$/;

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/** uuid and slug formats, names and descriptions present, for the manifest and every item. */
export function identityDefects(module: LoadedModule, manifestFile: string): LintDefect[] {
  const defects: LintDefect[] = [];
  const { manifest } = module;
  if (!UUID.test(manifest.uuid)) defects.push({ rule: 'uuid-format', file: manifestFile, pointer: '/uuid', message: `"${manifest.uuid}" is not a uuid` });
  if (!MODULE_SLUG.test(manifest.slug)) {
    defects.push({ rule: 'slug-format', file: manifestFile, pointer: '/slug', message: `"${manifest.slug}" is not a module slug (lower case words joined by -, _ or .)` });
  }
  for (const key of ['name', 'description'] as const) {
    if (isBlank(manifest[key])) defects.push({ rule: 'text-present', file: manifestFile, pointer: `/${key}`, message: `the module has no ${key}` });
  }
  for (const item of module.items) {
    if (!UUID.test(item.uuid)) defects.push({ rule: 'uuid-format', file: item.file, pointer: '/uuid', message: `"${item.uuid}" is not a uuid` });
    if (item.raw['slug'] === undefined) {
      defects.push({ rule: 'slug-format', file: item.file, pointer: '/slug', message: `no slug; "${item.slug}" is derived from the file name` });
    } else if (!ITEM_SLUG.test(item.slug)) {
      defects.push({ rule: 'slug-format', file: item.file, pointer: '/slug', message: `"${item.slug}" is not a snake_case slug` });
    }
    for (const key of ['name', 'description'] as const) {
      if (isBlank(item[key])) defects.push({ rule: 'text-present', file: item.file, pointer: `/${key}`, message: `the ${item.kind} has no ${key}` });
    }
  }
  return defects;
}
