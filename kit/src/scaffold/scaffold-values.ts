import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import semver from 'semver';
import { CORE_PACKAGE_DIR, PLY_CORE_VERSION } from '@ply/core';
import { KIT_PACKAGE_DIR } from '../kit-package-dir.js';

/** Where a plugin is scaffolded: a Ply checkout's `plugins/` (workspace packages), or anywhere else (registry packages). */
export type ScaffoldPlace = 'workspace' | 'standalone';

/** Options of `scaffoldPlugin`. */
export interface ScaffoldOptions {
  /** Target folder (default: `plugins/<slug>` of `workspaceRoot`, else `./<slug>`). */
  dir?: string;
  name?: string;
  package?: string;
  /** The Ply checkout the plugin is created in, if any: its plugins depend on the workspace's core. */
  workspaceRoot?: string;
}

/** `acme-edr` -> `Acme Edr`. */
const titleOf = (slug: string): string =>
  slug
    .split(/[._-]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');

/** `acme-edr` -> `acmeEdr`: the module's variable in the scaffold (a digit first gets a `_`). */
const identifierOf = (slug: string): string => {
  const camel = slug.replace(/[._-]([a-z0-9])/g, (_, next: string) => next.toUpperCase());
  return /^[0-9]/.test(camel) ? `_${camel}` : camel;
};

/** The range of cores a new plugin accepts: this core's minor and later, below the next major. */
function coreRange(): string {
  const version = semver.parse(PLY_CORE_VERSION)!;
  return `>=${version.major}.${version.minor}.0 <${version.major + 1}.0.0`;
}

type PackageJson = { version: string; dependencies?: Record<string, string> };
const readPackage = (dir: string): PackageJson => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

/** The ranges a standalone plugin depends on: the ones this core and kit were built with. */
function dependencyRanges(): { zod: string; hono: string; kit: string } {
  const core = readPackage(CORE_PACKAGE_DIR);
  const kit = readPackage(KIT_PACKAGE_DIR);
  return { zod: core.dependencies?.['zod'] ?? '^4.0.0', hono: kit.dependencies?.['hono'] ?? '^4.0.0', kit: `^${kit.version}` };
}

export function scaffoldPlace(target: string, options: ScaffoldOptions): ScaffoldPlace {
  const root = options.workspaceRoot;
  return root !== undefined && resolve(dirname(target)) === join(root, 'plugins') ? 'workspace' : 'standalone';
}

/** The placeholder values of one scaffold. */
export function scaffoldValues(slug: string, target: string, options: ScaffoldOptions): Record<string, string> {
  const inWorkspace = scaffoldPlace(target, options) === 'workspace';
  const name = options.name ?? titleOf(slug);
  const ranges = dependencyRanges();
  return {
    __SLUG__: slug,
    __IDENT__: identifierOf(slug),
    __NAME__: name.replace(/['"\\`]/g, ''),
    __PACKAGE__: options.package ?? `@ply/plugin-${slug.replace(/\./g, '-')}`,
    __MODULE_UUID__: randomUUID(),
    __ACTION_UUID__: randomUUID(),
    __DOCKER__: `${slug.replace(/[^a-z0-9]/g, '_')}_get_item`,
    __CORE_RANGE__: coreRange(),
    __CORE_DEPENDENCY__: inWorkspace ? 'workspace:^' : `^${PLY_CORE_VERSION}`,
    __KIT_DEPENDENCY__: inWorkspace ? 'workspace:^' : ranges.kit,
    __ZOD_RANGE__: ranges.zod,
    __HONO_RANGE__: ranges.hono,
    __DATE__: new Date().toISOString().slice(0, 10),
  };
}
