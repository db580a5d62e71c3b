import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LoadedModule } from '@ply/core';
import type { PluginDefinition } from '@ply/core';
import { toPlyError } from '@ply/core';
import { isPluginPackage, loadPluginPackage, readPluginPackage } from '@ply/core';
import { loadModuleFolder } from '@ply/core';
import { SchemaCompiler } from '@ply/core';
import { pluginSourceEntry } from '../packing/plugin-source-entry.js';
import { importPluginSources } from '../packing/plugin-sources.js';
import { codeBindingDefects } from './code-binding-checks.js';
import { identityDefects } from './identity-checks.js';
import type { LintDefect, LintFinding } from './lint-finding.js';
import { schemaDefects } from './schema-checks.js';
import { changelogDefects } from './version-checks.js';

export interface LintOptions {
  /** The running core's version (for `engines.ply`). */
  coreVersion: string;
  /** The plugin's code, when the caller has it; otherwise a plugin package's sources are imported (bundled from its `@ply/source` entry). */
  plugin?: PluginDefinition;
  /** Shared across modules so a corpus run compiles with one Ajv pair. */
  compiler?: SchemaCompiler;
}

/** What `ply lint` found in one folder. */
export interface LintReport {
  dir: string;
  /** `plugin`: a package with code (strict); `module`: a bare Sekoia.io folder (tolerant). */
  kind: 'plugin' | 'module';
  module?: string;
  findings: LintFinding[];
}

/** The loader's tolerated defects (non-semver version, version mismatch, duplicates) as lint defects. */
function loaderDefects(module: LoadedModule): LintDefect[] {
  return module.warnings.map((warning) => ({
    rule: warning.pointer === '/version' ? 'version-match' : 'unique',
    file: warning.file ?? module.dir,
    pointer: warning.pointer,
    message: warning.message,
  }));
}

/** Where a code finding points: the plugin's source entry, or its package.json when it names none. */
function sourceEntryOrPackage(packageDir: string): string {
  try {
    return pluginSourceEntry(packageDir);
  } catch {
    return join(packageDir, 'package.json');
  }
}

async function codeDefects(module: LoadedModule, packageDir: string, manifestFile: string, options: LintOptions): Promise<LintDefect[]> {
  if (options.plugin) return codeBindingDefects(module, options.plugin, manifestFile, sourceEntryOrPackage(packageDir));
  try {
    const { plugin, entry } = await importPluginSources(packageDir);
    return codeBindingDefects(module, plugin, manifestFile, entry);
  } catch (error) {
    return [{ rule: 'code-bound', file: join(packageDir, 'package.json'), pointer: '/exports', message: `cannot import the plugin's code: ${(error as Error).message}`, fatal: true }];
  }
}

function load(dir: string, isPlugin: boolean, coreVersion: string): LoadedModule {
  return isPlugin ? loadPluginPackage(dir, 'folder', coreVersion) : loadModuleFolder(dir, { coreVersion });
}

/**
 * Lints one plugin package or one bare module folder. Never throws for a defect of the module:
 * every problem becomes a finding (`file:pointer: message`).
 */
export async function lintModule(path: string, options: LintOptions): Promise<LintReport> {
  const dir = resolve(path);
  const isPlugin = isPluginPackage(dir);
  const report: LintReport = { dir, kind: isPlugin ? 'plugin' : 'module', findings: [] };
  const decide = (defect: LintDefect): LintFinding => {
    const { fatal, ...rest } = defect;
    return { ...rest, severity: fatal || isPlugin ? 'error' : 'warning' };
  };
  let module: LoadedModule;
  try {
    module = load(dir, isPlugin, options.coreVersion);
  } catch (error) {
    const failure = toPlyError(error);
    const issues = failure.issues.length > 0 ? failure.issues : [{ file: dir, pointer: '', message: failure.message }];
    report.findings = issues.map((issue) => decide({ rule: 'loads', file: issue.file ?? dir, pointer: issue.pointer, message: issue.message, fatal: true }));
    return report;
  }
  report.module = module.manifest.slug;
  const manifestFile = join(module.dir, 'manifest.json');
  const compiler = options.compiler ?? new SchemaCompiler({ metaValidation: true });
  const defects: LintDefect[] = [...loaderDefects(module), ...identityDefects(module, manifestFile)];
  if (module.engineMismatch) defects.push({ rule: 'engines', file: manifestFile, pointer: '/engines/ply', message: module.engineMismatch });
  defects.push(...schemaDefects(compiler, module.manifest.configuration, manifestFile, '/configuration'));
  for (const item of module.items) {
    defects.push(...schemaDefects(compiler, item.arguments, item.file, '/arguments'));
    if (item.raw['results'] !== undefined) defects.push(...schemaDefects(compiler, item.results, item.file, '/results'));
  }
  const packageDir = isPlugin ? readPluginPackage(dir).dir : dir;
  defects.push(...changelogDefects(join(packageDir, 'CHANGELOG.md'), module.manifest.version, isPlugin));
  if (isPlugin) defects.push(...(await codeDefects(module, packageDir, manifestFile, options)));
  report.findings = defects.map(decide);
  return report;
}

/** True when a folder can be linted on its own (a plugin package or a folder with manifest.json). */
export function isLintTarget(dir: string): boolean {
  return isPluginPackage(dir) || existsSync(join(dir, 'manifest.json'));
}

/**
 * Lints `path` when it is a module, else every module folder directly inside it (a checkout's
 * `plugins/`, or the Sekoia.io automation-library with its 170 modules).
 */
export async function lintTree(path: string, options: LintOptions): Promise<LintReport[]> {
  const dir = resolve(path);
  if (isLintTarget(dir)) return [await lintModule(dir, options)];
  const compiler = options.compiler ?? new SchemaCompiler({ metaValidation: true });
  const targets = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .map((entry) => join(dir, entry.name))
    .filter(isLintTarget)
    .sort();
  const reports: LintReport[] = [];
  for (const target of targets) reports.push(await lintModule(target, { ...options, compiler }));
  return reports;
}

