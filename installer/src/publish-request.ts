import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { PlyError } from '@ply/core';
import { encodePackageName, normaliseRegistryUrl } from './registry-client.js';
import { readPackageTarball } from './tarball-reader.js';
import { sha1Hex, sha512Integrity } from './integrity.js';

/** The outcome of `ply publish`. */
export interface PublishResult {
  name: string;
  version: string;
  registry: string;
  integrity: string;
}

/**
 * Publishes a tarball the way `npm publish` does: `PUT /<name>` with the version's package.json,
 * its `dist` and the tarball base64 in `_attachments`.
 */
export async function publishTarball(file: string, registryUrl: string, token: string | undefined, tag = 'latest'): Promise<PublishResult> {
  const registry = normaliseRegistryUrl(registryUrl);
  if (!token) throw new PlyError('PLY_INVALID_INPUT', 'publishing needs a token: pass --token or set PLY_REGISTRY_TOKEN');
  const tarball = readFileSync(file);
  const files = await readPackageTarball(tarball);
  const packageJson = files.get('package.json');
  if (!packageJson) throw new PlyError('PLY_PACKAGE_REJECTED', `${file} has no package/package.json`);
  const pkg = JSON.parse(packageJson.toString('utf8')) as Record<string, unknown> & { name: string; version: string };
  const integrity = sha512Integrity(tarball);
  const attachment = basename(file);
  const body = {
    _id: pkg.name,
    name: pkg.name,
    ...(pkg['description'] ? { description: pkg['description'] } : {}),
    'dist-tags': { [tag]: pkg.version },
    versions: { [pkg.version]: { ...pkg, _id: `${pkg.name}@${pkg.version}`, dist: { integrity, shasum: sha1Hex(tarball), tarball: `${registry}${pkg.name}/-/${attachment}` } } },
    access: null,
    _attachments: { [attachment]: { content_type: 'application/octet-stream', data: tarball.toString('base64'), length: tarball.byteLength } },
  };
  let response: Response;
  try {
    response = await fetch(`${registry}${encodePackageName(pkg.name)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new PlyError('PLY_REGISTRY_ERROR', `cannot reach the registry at ${registry}: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok) {
    const answer = (await response.json().catch(() => ({}))) as { error?: string };
    throw new PlyError('PLY_REGISTRY_ERROR', `publish of ${pkg.name}@${pkg.version} refused (${response.status}): ${answer.error ?? response.statusText}`, { details: { status: response.status } });
  }
  return { name: pkg.name, version: pkg.version, registry, integrity };
}
