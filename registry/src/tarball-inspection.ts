import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isPlyError, PlyError } from '@ply/core/errors';
import { loadPluginPackage, type LoadedModule } from '@ply/core/manifest';
import { readPackageTarball, type TarballLimits } from '@ply/installer/package-format';

/** What a published tarball holds, as far as the registry cares. */
export interface InspectedTarball {
  packageJson: Record<string, unknown> & { name?: string; version?: string };
  module: LoadedModule;
  fileCount: number;
  unpackedSize: number;
  readme?: string;
}

/**
 * Reads a tarball with the installer's own checks (paths, links, sizes) and loads its module
 * from a scratch folder, so the registry refuses what `ply install` would refuse.
 */
export async function inspectTarball(tarball: Uint8Array, limits: TarballLimits, coreVersion: string): Promise<InspectedTarball> {
  let files;
  try {
    files = await readPackageTarball(tarball, limits);
  } catch (error) {
    const limit = isPlyError(error) ? error.details['limit'] : undefined;
    throw new PlyError(limit ? 'PLY_REGISTRY_BODY_TOO_LARGE' : 'PLY_REGISTRY_TARBALL_REJECTED', `tarball refused: ${(error as Error).message}`);
  }
  const packageFile = files.get('package.json');
  if (!packageFile) throw new PlyError('PLY_REGISTRY_TARBALL_REJECTED', 'tarball has no package/package.json');
  const scratch = mkdtempSync(join(tmpdir(), 'ply-registry-'));
  try {
    for (const [path, data] of files) {
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(join(scratch, path), data);
    }
    let module: LoadedModule;
    try {
      module = loadPluginPackage(scratch, 'folder', coreVersion);
    } catch (error) {
      throw new PlyError('PLY_REGISTRY_TARBALL_REJECTED', `tarball has no valid module manifest: ${(error as Error).message.replaceAll(scratch, 'package')}`);
    }
    const packageJson = JSON.parse(packageFile.toString('utf8')) as InspectedTarball['packageJson'];
    const readme = [...files.keys()].find((path) => /^readme(\.md)?$/i.test(path));
    return {
      packageJson,
      module,
      fileCount: files.size,
      unpackedSize: [...files.values()].reduce((sum, data) => sum + data.byteLength, 0),
      ...(readme ? { readme: files.get(readme)!.toString('utf8') } : {}),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
