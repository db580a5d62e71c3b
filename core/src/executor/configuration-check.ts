import type { LoadedModule } from '../contracts/manifest.js';
import { PlyError, type PlyIssue } from '../errors/ply-error.js';
import type { SchemaCompiler } from '../manifest/schema-compiler.js';
import { secretKeysOf } from './secret-keys.js';

/** `what: /pointer message; ...` for the first five issues. */
export function describeIssues(what: string, issues: PlyIssue[]): string {
  const listed = issues.slice(0, 5).map((issue) => `${issue.pointer || '/'} ${issue.message}`);
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  return `${what}: ${listed.join('; ')}${more}`;
}

/**
 * Validates a module configuration (an account) against the module's configuration schema, in
 * place (defaults applied). Issues name keys and rules, never values, so secrets cannot leak
 * through them; a missing secret is named as such.
 *
 * @throws PlyError PLY_CONFIGURATION_INVALID listing the issues.
 */
export function checkModuleConfiguration(schemas: SchemaCompiler, module: LoadedModule, configuration: Record<string, unknown>): void {
  const schema = module.manifest.configuration;
  const issues = schemas.validator(schema, { file: `${module.dir}/manifest.json`, pointer: '/configuration' })(configuration);
  if (issues.length === 0) return;
  const secrets = new Set(secretKeysOf(schema));
  const named = issues.map((issue) => {
    const key = issue.pointer.split('/')[1] ?? '';
    return secrets.has(key) && issue.message.startsWith('required') ? { ...issue, message: `required secret "${key}" is missing` } : issue;
  });
  throw new PlyError('PLY_CONFIGURATION_INVALID', describeIssues(`configuration of ${module.manifest.slug} is invalid`, named), { details: { issues: named } });
}
