import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CORE_PACKAGE_DIR, PlyError } from '@ply/core';
import { KIT_PACKAGE_DIR } from '../kit-package-dir.js';
import { packInstalled, packLibrary, type LibraryTarball } from './library-packer.js';

type PackageJson = Record<string, unknown> & { name: string; version: string; dependencies?: Record<string, string>; exports?: Record<string, unknown> };

/** One package a registry must serve for `npm install` of a scaffolded plugin to work offline. */
export interface AuthorPackage {
  name: string;
  version: string;
  /** Packs it (only called when the registry does not hold this version yet). */
  pack(): Promise<LibraryTarball>;
}

const readJson = (file: string): PackageJson => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

/** The folder of a package as Node resolves it from `from` (the node_modules folders up the tree; hono exports no package.json). */
function installedDir(from: string, name: string): string {
  const candidates = createRequire(join(from, 'package.json')).resolve.paths(name) ?? [];
  const found = candidates.map((folder) => join(folder, name)).find((dir) => existsSync(join(dir, 'package.json')));
  if (!found) throw new PlyError('PLY_INVALID_INPUT', `${name} is not installed where ${from} can resolve it`);
  return realpathSync(found);
}

/** Our `exports` without the `@ply/source` condition (TypeScript sources are not published). */
function publishedExports(exports: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(exports ?? {}).map(([path, conditions]) => [path, typeof conditions === 'object' && conditions !== null ? Object.fromEntries(Object.entries(conditions).filter(([key]) => key !== '@ply/source')) : conditions]),
  );
}

/** The package.json to publish for one of ours: what npm needs, no workspace ranges, no scripts. */
function publishedManifest(pkg: PackageJson, dependencies: Record<string, string>, extra: Record<string, unknown> = {}): PackageJson {
  const keep = Object.fromEntries(['description', 'license', 'repository', 'homepage', 'engines'].filter((key) => pkg[key] !== undefined).map((key) => [key, pkg[key]]));
  return { name: pkg.name, version: pkg.version, ...keep, type: 'module', exports: publishedExports(pkg.exports), dependencies, ...extra };
}

/** Built code and declarations, never sources maps, build info or the bundle's metafile. */
const builtFile = (path: string): boolean => /^dist\/bundle\/[^/]+\.js$/.test(path) || /^dist\/.*\.d\.ts$/.test(path);
const docFile = (path: string): boolean => /^(README\.md|CHANGELOG\.md|LICENSE)$/.test(path);

/** A dependency as published from the package that uses it: its range there. */
function rangeOf(pkg: PackageJson, name: string): string {
  const range = pkg.dependencies?.[name];
  if (!range) throw new PlyError('PLY_INVALID_INPUT', `${pkg.name} does not depend on ${name}`);
  return range;
}

function library(dir: string, packageJson: PackageJson, include: (path: string) => boolean): AuthorPackage {
  return { name: packageJson.name, version: packageJson.version, pack: () => packLibrary({ dir, include, packageJson }) };
}

/** An installed third-party package, packed as it was installed (its own package.json and files). */
function installed(dir: string): AuthorPackage {
  const packageJson = readJson(join(dir, 'package.json'));
  const { name, version } = packageJson;
  return { name, version, pack: () => packInstalled(dir) };
}

/**
 * What a scaffolded plugin installs, and nothing more: `@ply/core` and `@ply/kit` (their built
 * bundles and declarations, with a package.json fit for npm: dependencies only on packages in this
 * list), `zod` (the plugin's schemas and types), `hono` and `@hono/node-server` (the fake vendor and
 * the kit's fake servers), packed from the copies this Ply runs with. TypeScript, vitest and
 * `@types/node` are not among them: `ply build` and `ply test` bring their own.
 */
export function authorPackages(coreDir: string = CORE_PACKAGE_DIR, kitDir: string = KIT_PACKAGE_DIR): AuthorPackage[] {
  const core = readJson(join(coreDir, 'package.json'));
  const kit = readJson(join(kitDir, 'package.json'));
  const zodDir = installedDir(coreDir, 'zod');
  const honoDir = installedDir(kitDir, 'hono');
  const nodeServerDir = installedDir(kitDir, '@hono/node-server');
  // Optional peers of the published kit: esbuild (packing only; `ply pack` has its own), and the
  // TypeScript and vitest its toolchain types name (`ply build` and `ply test` bring their own).
  const peers: Record<string, string> = { ...(kit.dependencies?.['esbuild'] ? { esbuild: kit.dependencies['esbuild'] } : {}), ...(kit['peerDependencies'] as Record<string, string> | undefined) };
  return [
    library(coreDir, publishedManifest(core, { zod: rangeOf(core, 'zod') }), (path) => builtFile(path) || /^dist\/zod\/[^/]+$/.test(path) || docFile(path)),
    library(
      kitDir,
      publishedManifest(
        kit,
        { '@ply/core': `^${core.version}`, zod: rangeOf(kit, 'zod'), hono: rangeOf(kit, 'hono'), '@hono/node-server': rangeOf(kit, '@hono/node-server') },
        { peerDependencies: peers, peerDependenciesMeta: Object.fromEntries(Object.keys(peers).map((name) => [name, { optional: true }])) },
      ),
      (path) => builtFile(path) || path.startsWith('templates/') || docFile(path),
    ),
    installed(zodDir),
    installed(honoDir),
    installed(nodeServerDir),
  ];
}
