import { PlyError } from '@ply/core/errors';

/** User and organisation names share one namespace, as on npm: `@<name>/*` is that user's or organisation's scope. */
const ACCOUNT_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function isAccountName(name: string): boolean {
  return ACCOUNT_NAME.test(name) && !name.includes('..');
}

/** Refuses a name that cannot be a user, an organisation and a scope. */
export function checkAccountName(name: string, what: 'user' | 'organisation'): void {
  if (!isAccountName(name)) {
    throw new PlyError('PLY_REGISTRY_NAME_INVALID', `"${name}" is not a valid ${what} name: lower-case letters, digits, ".", "_" and "-", starting with a letter or digit, at most 64 characters`);
  }
}

/** `@acme/x` -> `acme`; an unscoped name has no scope. */
export function scopeOf(packageName: string): string | undefined {
  return packageName.startsWith('@') ? packageName.slice(1, packageName.indexOf('/')) : undefined;
}

/** `@acme` or `acme` -> `acme`, refused when it cannot be a scope. */
export function parseScope(scope: string): string {
  const name = scope.startsWith('@') ? scope.slice(1) : scope;
  if (!isAccountName(name)) throw new PlyError('PLY_REGISTRY_NAME_INVALID', `"${scope}" is not a valid scope: @ and a user or organisation name`);
  return name;
}
