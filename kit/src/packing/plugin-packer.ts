import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PlyError, loadPluginPackage, PLY_CORE_VERSION } from '@ply/core';
import { sha512Integrity } from '@ply/installer/package-format';
import { tarPackage } from './package-tarball.js';
import { bundlePlugin } from './plugin-bundler.js';
import { pluginSourceEntry, readPackageJson } from './plugin-source-entry.js';
import { checkZodRange } from './provided-zod.js';

/** What `ply pack` made. */
export interface PackResult {
  name: string;
  version: string;
  file: string;
  size: number;
  integrity: string;
  files: string[];
}

/** `@scope/name` + `1.0.0` -> `scope-name-1.0.0.tgz`, as `npm pack` names it. */
export function packFileName(name: string, version: string): string {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}

/**
 * Packs a plugin package: package.json rewritten to point at one bundled ESM file (`@ply/core` and
 * `zod` external: the running core provides both), the module JSON files, README and CHANGELOG,
 * under `package/` in a gzipped tarball (npm's layout).
 */
export async function packPlugin(packageDir: string, outDir: string): Promise<PackResult> {
  const dir = resolve(packageDir);
  const pkg = readPackageJson(dir);
  if (!pkg.name || !pkg.version) throw new PlyError('PLY_MANIFEST_INVALID', `${dir}/package.json needs a name and a version`);
  const module = loadPluginPackage(dir, 'folder', PLY_CORE_VERSION);
  if (module.manifest.version !== pkg.version) {
    throw new PlyError('PLY_MANIFEST_INVALID', `package.json version ${pkg.version} differs from manifest.json version ${module.manifest.version}: run \`ply manifest build\``);
  }
  checkZodRange(pkg, dir);
  const staging = mkdtempSync(join(tmpdir(), 'ply-pack-'));
  try {
    const root = join(staging, 'package');
    mkdirSync(join(root, 'dist'), { recursive: true });
    await bundlePlugin(pluginSourceEntry(dir, pkg), join(root, 'dist', 'index.js'));
    cpSync(join(dir, pkg.ply?.module ?? 'module'), join(root, 'module'), { recursive: true });
    const files = ['package.json', 'dist/index.js', 'module/'];
    for (const doc of ['README.md', 'CHANGELOG.md', 'LICENSE']) {
      if (existsSync(join(dir, doc))) {
        copyFileSync(join(dir, doc), join(root, doc));
        files.push(doc);
      }
    }
    const categories = module.manifest.categories.map((c) => c.toLowerCase());
    const published = {
      name: pkg.name,
      version: pkg.version,
      description: pkg['description'] ?? module.manifest.description,
      ...(pkg['license'] ? { license: pkg['license'] } : {}),
      ...(pkg['repository'] ? { repository: pkg['repository'] } : {}),
      ...(pkg['author'] ? { author: pkg['author'] } : {}),
      keywords: [...new Set(['ply', 'ply-module', module.manifest.slug, ...categories])],
      type: 'module',
      main: './dist/index.js',
      exports: { '.': './dist/index.js' },
      ply: { module: 'module', slug: module.manifest.slug },
      ...(module.manifest.engines ? { engines: { ply: module.manifest.engines.ply } } : {}),
    };
    writeFileSync(join(root, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
    mkdirSync(outDir, { recursive: true });
    const file = join(resolve(outDir), packFileName(pkg.name, pkg.version));
    tarPackage(staging, file);
    return { name: pkg.name, version: pkg.version, file, size: statSync(file).size, integrity: sha512Integrity(readFileSync(file)), files };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
