import { isPackageName } from '@ply/installer/package-format';
import { PlyError } from '@ply/core/errors';

/** A request path split into the package name and what follows it. */
export interface PackagePath {
  readonly name: string;
  readonly rest: readonly string[];
}

/** Parsed paths, kept for the packuments and tarballs asked for again and again (bounded: cleared when full). */
const parsed = new Map<string, PackagePath>();
const PARSED_LIMIT = 4096;

/**
 * Splits `/name/...`, `/@scope/name/...` and `/@scope%2fname/...` (npm encodes the slash of a
 * scoped name) into the package name and the remaining segments.
 */
export function parsePackagePath(pathname: string): PackagePath {
  const known = parsed.get(pathname);
  if (known) return known;
  let segments: string[];
  try {
    segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new PlyError('PLY_REGISTRY_ROUTE_NOT_FOUND', `malformed path ${pathname}`);
  }
  const [first, second] = segments;
  if (!first) throw new PlyError('PLY_REGISTRY_ROUTE_NOT_FOUND', 'not found');
  const scopedInOne = first.startsWith('@') && first.includes('/');
  const name = first.startsWith('@') && !scopedInOne ? `${first}/${second ?? ''}` : first;
  const rest = segments.slice(first.startsWith('@') && !scopedInOne ? 2 : 1);
  if (!isPackageName(name)) throw new PlyError('PLY_REGISTRY_ROUTE_NOT_FOUND', `no such route, and "${name}" is not a valid package name`);
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  const path: PackagePath = Object.freeze({ name, rest: Object.freeze(rest) });
  parsed.set(pathname, path);
  return path;
}

/** The file name npm gives a tarball: `<unscoped name>-<version>.tgz`. */
export function tarballFileName(name: string, version: string): string {
  return `${name.slice(name.lastIndexOf('/') + 1)}-${version}.tgz`;
}

/** The folder name of a package in the storage (`@scope%2fname`), safe as one path segment. */
export function storageFolderName(name: string): string {
  return name.replace('/', '%2f');
}

/** A dist-tag: letters, digits, `.`, `_`, `-`, starting with a letter or digit (a version is refused separately). */
export function isDistTag(tag: string): boolean {
  return /^[a-z0-9][a-z0-9._-]{0,63}$/i.test(tag);
}
