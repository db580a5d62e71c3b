import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { PlyError } from '@ply/core';
import { nextSteps, nextStepsBlock, type NextStep } from './next-steps.js';
import { KIT_PACKAGE_DIR } from '../kit-package-dir.js';
import { scaffoldPlace, scaffoldValues, type ScaffoldOptions, type ScaffoldPlace } from './scaffold-values.js';

/** The scaffold's files, shipped in the kit package: `templates/plugin/**.tmpl`, shared by both places. */
export const PLUGIN_TEMPLATE_DIR = join(KIT_PACKAGE_DIR, 'templates/plugin');
/** What differs by place (package.json, tsconfig files): `templates/plugin-<place>/**.tmpl`, written over the shared files. */
const placeTemplateDir = (place: ScaffoldPlace): string => join(KIT_PACKAGE_DIR, `templates/plugin-${place}`);

const MODULE_SLUG = /^[a-z0-9]+([._-][a-z0-9]+)*$/;

function templateFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templateFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : entry.name.endsWith('.tmpl') ? [`${prefix}${entry.name}`] : [],
  );
}

/**
 * `gitignore` becomes `.gitignore`: npm leaves dot-ignore files out of a published package (it
 * would turn the template into an `.npmignore`), so the template carries no dot.
 */
const outputName = (file: string): string => file.replace(/(^|\/)gitignore$/, '$1.gitignore');

const render = (text: string, values: Record<string, string>): string => text.replace(/__[A-Z_]+__/g, (token) => values[token] ?? token);

/** What `scaffoldPlugin` wrote, and the commands to run next. */
export interface ScaffoldResult {
  dir: string;
  place: ScaffoldPlace;
  files: string[];
  next: NextStep[];
}

/**
 * Writes a new plugin package from the templates: built in a hidden temp folder beside the
 * target, then renamed into place, so a failure leaves nothing half-written.
 */
export function scaffoldPlugin(slug: string, options: ScaffoldOptions = {}): ScaffoldResult {
  if (!MODULE_SLUG.test(slug)) throw new PlyError('PLY_INVALID_INPUT', `"${slug}" is not a module slug: lower case words joined by -, _ or . (e.g. acme-edr)`);
  const root = options.workspaceRoot;
  const target = resolve(options.dir ?? (root ? join(root, 'plugins', slug) : slug));
  if (existsSync(target) && readdirSync(target).length > 0) throw new PlyError('PLY_INVALID_INPUT', `${target} already exists and is not empty`);
  const place = scaffoldPlace(target, options);
  const where = place === 'workspace' ? relative(root!, target) : relative(process.cwd(), target) || '.';
  const next = nextSteps(place, where);
  const values = { ...scaffoldValues(slug, target, options), __NEXT_STEPS__: nextStepsBlock(place === 'standalone' ? next.slice(1) : next) };
  mkdirSync(dirname(target), { recursive: true });
  const temp = mkdtempSync(join(dirname(target), `.${basename(target)}-`));
  const files = new Set<string>();
  try {
    for (const dir of [PLUGIN_TEMPLATE_DIR, placeTemplateDir(place)]) {
      for (const template of templateFiles(dir)) {
        const file = outputName(template.slice(0, -'.tmpl'.length));
        mkdirSync(dirname(join(temp, file)), { recursive: true });
        writeFileSync(join(temp, file), render(readFileSync(join(dir, template), 'utf8'), values));
        files.add(file);
      }
    }
    if (existsSync(target)) rmSync(target, { recursive: true });
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  return { dir: target, place, files: [...files].sort(), next };
}
