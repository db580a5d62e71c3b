import { PlyError } from '@ply/core';

/** What `ply install` was asked for: a registry package (name and range) or a local tarball. */
export type InstallSpec = { kind: 'registry'; name: string; range?: string } | { kind: 'file'; path: string };

const NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/** Parses `name`, `name@range`, `@scope/name@range`, or a path to a `.tgz`. */
export function parseInstallSpec(spec: string): InstallSpec {
  if (spec.endsWith('.tgz') || spec.endsWith('.tar.gz') || spec.startsWith('.') || spec.startsWith('/')) return { kind: 'file', path: spec };
  const at = spec.indexOf('@', 1);
  const name = at === -1 ? spec : spec.slice(0, at);
  const range = at === -1 ? undefined : spec.slice(at + 1);
  if (!NAME.test(name)) throw new PlyError('PLY_INVALID_INPUT', `"${spec}" is not a package name (expected name, name@range or @scope/name@range)`);
  return { kind: 'registry', name, ...(range ? { range } : {}) };
}

/** True for a valid npm package name (lower case, optionally scoped). */
export function isPackageName(name: string): boolean {
  return NAME.test(name) && name.length <= 214;
}
