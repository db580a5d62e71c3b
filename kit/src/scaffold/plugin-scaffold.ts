import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import semver from 'semver';
import { PLY_CORE_VERSION, PlyError, packageDirOf } from '@ply/core';

/** The scaffold's files, shipped in the kit package (`templates/plugin/**.tmpl`). */
export const PLUGIN_TEMPLATE_DIR = join(packageDirOf(import.meta.url, '@ply/kit'), 'templates/plugin');

const MODULE_SLUG = /^[a-z0-9]+([._-][a-z0-9]+)*$/;

/** Options of {@link scaffoldPlugin}. */
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

function templateFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templateFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : entry.name.endsWith('.tmpl') ? [`${prefix}${entry.name}`] : [],
  );
}

/** The placeholder values of one scaffold. */
export function scaffoldValues(slug: string, target: string, options: ScaffoldOptions): Record<string, string> {
  const root = options.workspaceRoot;
  const inWorkspace = root !== undefined && resolve(dirname(target)) === join(root, 'plugins');
  const name = options.name ?? titleOf(slug);
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
    __DATE__: new Date().toISOString().slice(0, 10),
  };
}

/**
 * `gitignore` becomes `.gitignore`: npm leaves dot-ignore files out of a published package (it
 * would turn the template into an `.npmignore`), so the template carries no dot.
 */
const outputName = (file: string): string => file.replace(/(^|\/)gitignore$/, '$1.gitignore');

const render = (text: string, values: Record<string, string>): string => text.replace(/__[A-Z_]+__/g, (token) => values[token] ?? token);

/**
 * Writes a new plugin package from the template: built in a hidden temp folder beside the
 * target, then renamed into place, so a failure leaves nothing half-written.
 */
export function scaffoldPlugin(slug: string, options: ScaffoldOptions = {}): { dir: string; files: string[] } {
  if (!MODULE_SLUG.test(slug)) throw new PlyError('PLY_INVALID_INPUT', `"${slug}" is not a module slug: lower case words joined by -, _ or . (e.g. acme-edr)`);
  const root = options.workspaceRoot;
  const target = resolve(options.dir ?? (root ? join(root, 'plugins', slug) : slug));
  if (existsSync(target) && readdirSync(target).length > 0) throw new PlyError('PLY_INVALID_INPUT', `${target} already exists and is not empty`);
  const values = scaffoldValues(slug, target, options);
  mkdirSync(dirname(target), { recursive: true });
  const temp = mkdtempSync(join(dirname(target), `.${basename(target)}-`));
  const files: string[] = [];
  try {
    for (const template of templateFiles(PLUGIN_TEMPLATE_DIR)) {
      const file = outputName(template.slice(0, -'.tmpl'.length));
      mkdirSync(dirname(join(temp, file)), { recursive: true });
      writeFileSync(join(temp, file), render(readFileSync(join(PLUGIN_TEMPLATE_DIR, template), 'utf8'), values));
      files.push(file);
    }
    if (existsSync(target)) rmSync(target, { recursive: true });
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  return { dir: target, files: files.sort() };
}

