/**
 * What a module slug may be: one folder name under `$PLY_HOME/modules/` (letters, digits, `.`,
 * `_`, `-`, starting with a letter or digit, no `..`, at most 100 characters). The installer
 * refuses any other slug before it touches the disk, and the registry refuses it at publish, so
 * a package that could never be installed is never published.
 */
const SLUG = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

/** The rule in words, for error messages on both sides. */
export const MODULE_SLUG_RULE = 'letters, digits, ".", "_" and "-", starting with a letter or digit, no "..", at most 100 characters';

export function isModuleSlug(slug: unknown): slug is string {
  return typeof slug === 'string' && SLUG.test(slug) && !slug.includes('..');
}
