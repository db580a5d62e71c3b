import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import semver from 'semver';
import type { z } from 'zod';
import type { ItemKind, JsonSchema, LoadedModule, ModuleItem, ModuleManifest, ModuleSource } from '../contracts/manifest.js';
import { PlyError, type PlyIssue } from '../errors/ply-error.js';
import { readJsonFile, toJsonPointer } from './json-file.js';
import { itemFileSchema, manifestFileSchema, type ItemFile } from './manifest-schema.js';

const ITEM_FILE = /^(action|trigger|connector)_(.+)\.json$/;

export interface LoadModuleOptions {
  source?: ModuleSource;
  /** The running core's version, checked against `engines.ply`. */
  coreVersion: string;
  /** Absolute path of the code entry, when the module has code. */
  entry?: string;
  packageName?: string;
  /**
   * Read each item's schemas and raw file again on first use instead of keeping them from the
   * load (see {@link loadItem}): for folders that stay where they are while the module is in use
   * (the discovered workspace and installed modules), not for a scratch folder removed after
   * loading. Default false.
   */
  lazySchemas?: boolean;
  /**
   * Read the item files when `items` is first read, all of the module's in one pass, instead of
   * at load: a process that discovers every module at start runs the items of a few (the item
   * files of the 29 workspace plugins were most of the discovery's CPU). `manifest.json` is still
   * read and checked at load. An invalid item file then shows on first use: `items` is empty and
   * `itemsError` names the file (see {@link LoadedModule.itemsError}). Same conditions of use as
   * `lazySchemas`. Default false.
   */
  lazyItems?: boolean;
}

function zodIssues(file: string, error: z.ZodError): PlyIssue[] {
  return error.issues.map((issue) => ({ file, pointer: toJsonPointer(issue.path), message: issue.message }));
}

function parseWith<T>(file: string, schema: z.ZodType<T>, issues: PlyIssue[]): T | undefined {
  let data: unknown;
  try {
    data = readJsonFile(file);
  } catch (error) {
    issues.push(...(error as PlyError).issues);
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    issues.push(...zodIssues(file, parsed.error));
    return undefined;
  }
  return parsed.data;
}

function normaliseVersion(file: string, version: string, warnings: PlyIssue[], issues: PlyIssue[]): string {
  if (semver.valid(version)) return version;
  const coerced = semver.coerce(version);
  if (coerced) {
    warnings.push({ file, pointer: '/version', message: `"${version}" is not semver; read as ${coerced.version}` });
    return coerced.version;
  }
  issues.push({ file, pointer: '/version', message: `"${version}" is not a semver version` });
  return version;
}

function checkEngines(file: string, manifest: ModuleManifest, coreVersion: string, issues: PlyIssue[]): string | undefined {
  const range = manifest.engines?.ply;
  if (range === undefined) return undefined;
  if (semver.validRange(range) === null) {
    issues.push({ file, pointer: '/engines/ply', message: `"${range}" is not a semver range` });
    return undefined;
  }
  if (semver.satisfies(coreVersion, range, { includePrerelease: true })) return undefined;
  return `module ${manifest.slug}@${manifest.version} requires Ply ${range}, this core is ${coreVersion}`;
}

/** An item file read again after its module was loaded: it must still be valid. */
function rereadItem(file: string): ItemFile {
  const issues: PlyIssue[] = [];
  const data = parseWith(file, itemFileSchema, issues);
  if (!data) throw new PlyError('PLY_MANIFEST_INVALID', `${file}:${issues[0]!.pointer || '/'}: ${issues[0]!.message} (the file changed after its module was loaded)`, { details: { issues } });
  return data;
}

/**
 * With `lazy`, an item whose JSON Schemas and raw file are read again on first use. Why: a
 * process discovers every module's items at start but runs a few of them; keeping every item's
 * schemas from the start was most of the catalog's heap (0.7 of 1.1 MB for the 29 workspace
 * plugins). The file is validated here in full either way, so a module with a bad item file
 * still fails to load; the accessors are own enumerable properties, so a spread or JSON of the
 * item has them.
 */
function loadItem(file: string, kind: ItemKind, fileSlug: string, issues: PlyIssue[], lazy: boolean): ModuleItem | undefined {
  const data = parseWith(file, itemFileSchema, issues);
  if (!data) return undefined;
  const slug = data.slug ?? fileSlug;
  const group = data.group === undefined ? {} : { group: data.group };
  // One literal each way: spreading a first object into the eager one cost (b) of `pnpm bench` about 5%.
  if (!lazy) return { kind, file, uuid: data.uuid, slug, name: data.name, description: data.description, docker: data.docker_parameters, ...group, arguments: data.arguments as JsonSchema, results: (data.results ?? {}) as JsonSchema, raw: data };
  const item = { kind, file, uuid: data.uuid, slug, name: data.name, description: data.description, docker: data.docker_parameters, ...group };
  let full: ItemFile | undefined;
  const read = (): ItemFile => (full ??= rereadItem(file));
  const lazily = (get: () => unknown): PropertyDescriptor => ({ get, enumerable: true });
  return Object.defineProperties(item, { arguments: lazily(() => read().arguments), results: lazily(() => read().results ?? {}), raw: lazily(read) }) as ModuleItem;
}

function warnDuplicates(items: ModuleItem[], warnings: PlyIssue[]): void {
  const seen = new Map<string, string>();
  for (const item of items) {
    for (const [key, pointer] of [[`${item.kind}:uuid:${item.uuid}`, '/uuid'], [`${item.kind}:slug:${item.slug}`, '/slug'], [`${item.kind}:docker:${item.docker}`, '/docker_parameters']] as const) {
      const first = seen.get(key);
      if (first) warnings.push({ file: item.file, pointer, message: `duplicates ${basename(first)} (same ${pointer.slice(1)} among ${item.kind}s)` });
      else seen.set(key, item.file);
    }
  }
}

/**
 * Loads a module folder from its JSON files only: no plugin code is imported or run.
 * Throws PLY_MANIFEST_INVALID listing every problem as file, JSON pointer and reason.
 */
export function loadModuleFolder(folder: string, options: LoadModuleOptions): LoadedModule {
  const dir = resolve(folder);
  const issues: PlyIssue[] = [];
  const warnings: PlyIssue[] = [];
  const manifestPath = join(dir, 'manifest.json');
  const file = parseWith(manifestPath, manifestFileSchema, issues);
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    throw new PlyError('PLY_MANIFEST_INVALID', `${dir}: not a readable module folder`, { cause: error });
  }
  const itemNames = names.filter((name) => ITEM_FILE.test(name));
  const items = options.lazyItems ? [] : readItems(dir, itemNames, issues, options.lazySchemas ?? false);
  let manifest: ModuleManifest | undefined;
  if (file) {
    manifest = {
      uuid: file.uuid,
      slug: file.slug,
      name: file.name,
      description: file.description,
      version: normaliseVersion(manifestPath, file.version, warnings, issues),
      categories: file.categories ?? [],
      configuration: (file.configuration ?? {}) as JsonSchema,
      ...(file.engines ? { engines: file.engines } : {}),
      ...(file.group === undefined ? {} : { group: file.group }),
      raw: file,
    };
  }
  if (issues.length > 0 || !manifest) throw invalid(dir, issues);
  const engineMismatch = checkEngines(manifestPath, manifest, options.coreVersion, issues);
  if (issues.length > 0) throw invalid(dir, issues);
  const module: LoadedModule = {
    dir,
    source: options.source ?? 'folder',
    manifest,
    items,
    ...(options.entry ? { entry: options.entry, runnable: true } : {}),
    ...(options.packageName ? { packageName: options.packageName } : {}),
    ...(engineMismatch ? { engineMismatch } : {}),
    warnings,
  };
  if (options.lazyItems) return withLazyItems(module, itemNames, options.lazySchemas ?? false);
  warnDuplicates(items, warnings);
  return module;
}

/** PLY_MANIFEST_INVALID naming the first problem's file and JSON pointer, every problem in `details.issues`. */
function invalid(dir: string, issues: PlyIssue[]): PlyError {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new PlyError('PLY_MANIFEST_INVALID', `${first.file}:${first.pointer || '/'}: ${first.message}${more}`, { details: { module: dir, issues } });
}

function readItems(dir: string, names: string[], issues: PlyIssue[], lazySchemas: boolean): ModuleItem[] {
  return names.flatMap((name) => {
    const match = ITEM_FILE.exec(name)!;
    return loadItem(join(dir, name), match[1] as ItemKind, match[2]!, issues, lazySchemas) ?? [];
  });
}

function readOnce(module: LoadedModule, names: string[], lazySchemas: boolean): { items: ModuleItem[]; error?: PlyError } {
  const issues: PlyIssue[] = [];
  const items = readItems(module.dir, names, issues, lazySchemas);
  if (issues.length > 0) return { items: [], error: invalid(module.dir, issues) };
  warnDuplicates(items, module.warnings);
  return { items };
}

/**
 * `items` and `itemsError` as accessors reading the item files once, on the first read of
 * either: valid files give the items (and the duplicate warnings, added to `warnings`); any
 * invalid file gives no items and the error naming it. Enumerable, as the plain properties were.
 */
function withLazyItems(module: LoadedModule, names: string[], lazySchemas: boolean): LoadedModule {
  let read: { items: ModuleItem[]; error?: PlyError } | undefined;
  const load = () => (read ??= readOnce(module, names, lazySchemas));
  return Object.defineProperties(module, {
    items: { get: () => load().items, enumerable: true },
    itemsError: { get: () => load().error, enumerable: true },
  });
}
