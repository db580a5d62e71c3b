import { isAbsolute, relative } from 'node:path';
import semver from 'semver';
import type { ItemKind, LoadedModule, ModuleItem } from '../contracts/manifest.js';
import { PlyError } from '../errors/ply-error.js';

/** One item of a module, as found by a reference such as `mattermost.post_message`. */
export interface CatalogEntry {
  module: LoadedModule;
  item: ModuleItem;
}

/** Where a module came from, in the order lookups prefer (a checkout's plugins shadow installed ones). */
const SOURCE_RANK: Record<LoadedModule['source'], number> = { folder: 0, workspace: 1, installed: 2 };

/**
 * The order lookups prefer versions in: code that can run before metadata only, whatever the
 * versions; then by source (an explicitly added folder, the workspace, installed packages); then
 * the installed version marked active (rollback); then the highest version.
 */
export function compareModules(a: LoadedModule, b: LoadedModule): number {
  return (
    Number(!a.runnable) - Number(!b.runnable) ||
    SOURCE_RANK[a.source] - SOURCE_RANK[b.source] ||
    Number(!a.active) - Number(!b.active) ||
    semver.rcompare(a.manifest.version, b.manifest.version)
  );
}

/**
 * What a cluster lets this process run of a module (see {@link ModuleCatalog.pin}): exactly one
 * verified folder (the module folder or the package folder holding it), or nothing, with the
 * reason shown to whoever asks for it.
 */
export type ModulePin = { version: string; dir: string } | { refused: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The modules Ply knows (workspace plugins, installed packages, imported folders), several
 * versions and sources per slug side by side. Lookups pick the first in {@link compareModules}'
 * order (among the versions satisfying a range when one is given): runnable code before metadata,
 * the workspace before installed packages, the active installed version, the highest.
 */
export class ModuleCatalog {
  private readonly bySlug = new Map<string, LoadedModule[]>();
  private readonly pins = new Map<string, ModulePin>();
  // What `find` answered for references without a range, per kind: every run looks its item up,
  // and the scan of slugs and items was a tenth of a small action's run. Emptied on any change.
  private readonly found = new Map<ItemKind, Map<string, CatalogEntry>>();

  /**
   * Restricts lookups of a slug to one folder (the artifact a cluster recorded and this process
   * verified), or refuses them: a pinned module never falls back to another version or source,
   * so a process that could not fetch the recorded artifact refuses its runs rather than run an
   * older copy. Lookups of unpinned slugs are unchanged.
   */
  pin(slug: string, pin: ModulePin): void {
    this.found.clear();
    this.pins.set(slug, pin);
  }

  unpin(slug: string): void {
    this.found.clear();
    this.pins.delete(slug);
  }

  /** The pin of a slug, when it has one. */
  pinOf(slug: string): ModulePin | undefined {
    return this.pins.get(slug);
  }

  /** Adds a module; one of the same version and source (or the same folder) is replaced. */
  add(module: LoadedModule): void {
    this.found.clear();
    const versions = this.bySlug.get(module.manifest.slug) ?? [];
    const kept = versions.filter((existing) => existing.dir !== module.dir && !(existing.manifest.version === module.manifest.version && existing.source === module.source));
    kept.push(module);
    kept.sort(compareModules);
    this.bySlug.set(module.manifest.slug, kept);
  }

  /** Marks a module's code as runnable (code bound in memory), which changes what lookups prefer. */
  markRunnable(module: LoadedModule): void {
    this.found.clear();
    module.runnable = true;
    this.bySlug.get(module.manifest.slug)?.sort(compareModules);
  }

  /**
   * Forgets the versions of a module (only those found in `source` when given): after an
   * uninstall, or before re-adding the installed versions when the active one changed.
   */
  remove(slug: string, source?: LoadedModule['source']): void {
    this.found.clear();
    const kept = (this.bySlug.get(slug) ?? []).filter((module) => source !== undefined && module.source !== source);
    if (kept.length > 0) this.bySlug.set(slug, kept);
    else this.bySlug.delete(slug);
  }

  /** Every module, sorted by slug: the version each slug's lookups pick. */
  modules(): LoadedModule[] {
    return [...this.bySlug.keys()].sort().map((slug) => this.pinned(slug) ?? this.bySlug.get(slug)![0]!);
  }

  /** Every version of every module (sorted by slug, then in lookup order), shadowed ones included. */
  allModules(): LoadedModule[] {
    return [...this.bySlug.keys()].sort().flatMap((slug) => this.bySlug.get(slug)!);
  }

  /** The versions of a slug, in lookup order (the first is the one that runs). */
  versions(slug: string): LoadedModule[] {
    return [...(this.bySlug.get(slug) ?? [])];
  }

  /** A module by slug: the first in lookup order, among those satisfying `range` when given. */
  module(slug: string, range?: string): LoadedModule {
    if (this.pins.has(slug)) return this.pinnedOrThrow(slug, range);
    const versions = this.bySlug.get(slug);
    if (!versions || versions.length === 0) {
      throw new PlyError('PLY_MODULE_NOT_FOUND', `no module "${slug}"${this.suggest(slug)}`, { details: { module: slug } });
    }
    if (!range) return versions[0]!;
    const match = versions.find((m) => semver.satisfies(m.manifest.version, range, { includePrerelease: true }));
    if (!match) {
      const known = versions.map((m) => m.manifest.version).join(', ');
      throw new PlyError('PLY_MODULE_NOT_FOUND', `no version of "${slug}" satisfies ${range} (known: ${known})`, { details: { module: slug, range } });
    }
    return match;
  }

  /**
   * Finds an item by `<module slug>.<item slug>` (module slugs may contain dots, as in
   * `sekoia.io.get_alert`), by uuid, or by `<module slug>.<uuid>`.
   */
  find(kind: ItemKind, reference: string, range?: string): CatalogEntry {
    if (range) return this.lookup(kind, reference, range);
    const known = this.found.get(kind) ?? this.found.set(kind, new Map()).get(kind)!;
    let entry = known.get(reference);
    if (entry === undefined) known.set(reference, (entry = this.lookup(kind, reference, undefined)));
    return entry;
  }

  private lookup(kind: ItemKind, reference: string, range: string | undefined): CatalogEntry {
    if (UUID.test(reference)) return this.findByUuid(kind, reference);
    for (let dot = reference.lastIndexOf('.'); dot > 0; dot = reference.lastIndexOf('.', dot - 1)) {
      const slug = reference.slice(0, dot);
      if (!this.bySlug.has(slug) && !this.pins.has(slug)) continue;
      const module = this.module(slug, range);
      // Read on first use (lazyItems): an invalid item file fails the lookup, naming the file.
      if (module.itemsError) throw module.itemsError;
      const name = reference.slice(dot + 1);
      const item = module.items.find((i) => i.kind === kind && (i.slug === name || i.uuid === name || i.docker === name));
      if (item) return { module, item };
      const known = module.items.filter((i) => i.kind === kind).map((i) => i.slug);
      throw new PlyError('PLY_ACTION_NOT_FOUND', `module "${slug}" has no ${kind} "${name}"${known.length ? ` (it has: ${known.join(', ')})` : ''}`, {
        details: { module: slug, [kind]: name },
      });
    }
    throw new PlyError('PLY_ACTION_NOT_FOUND', `"${reference}" names no known module: use <module slug>.<${kind} slug> or a uuid`, { details: { reference } });
  }

  private findByUuid(kind: ItemKind, uuid: string): CatalogEntry {
    const matches = this.modules().flatMap((module) => module.items.filter((i) => i.kind === kind && i.uuid === uuid).map((item) => ({ module, item })));
    if (matches.length === 1) {
      const slug = matches[0]!.module.manifest.slug;
      if (this.pins.has(slug)) this.pinnedOrThrow(slug);
      return matches[0]!;
    }
    const unread = this.modules().flatMap((module) => (module.itemsError ? [`${module.manifest.slug} (${module.itemsError.message})`] : []));
    const note = unread.length > 0 ? ` (the items of ${unread.join(', ')} could not be read)` : '';
    if (matches.length === 0) throw new PlyError('PLY_ACTION_NOT_FOUND', `no ${kind} has uuid ${uuid}${note}`, { details: { uuid } });
    const where = matches.map((m) => m.module.manifest.slug).join(', ');
    throw new PlyError('PLY_ACTION_AMBIGUOUS', `${matches.length} modules have a ${kind} with uuid ${uuid} (${where}): use <module slug>.<uuid>`, { details: { uuid } });
  }

  /** The folder a pin names, when it is loaded. */
  private pinned(slug: string): LoadedModule | undefined {
    const pin = this.pins.get(slug);
    if (!pin || 'refused' in pin) return undefined;
    return this.bySlug.get(slug)?.find((module) => {
      const path = relative(pin.dir, module.dir);
      return !path.startsWith('..') && !isAbsolute(path);
    });
  }

  private pinnedOrThrow(slug: string, range?: string): LoadedModule {
    const pin = this.pins.get(slug)!;
    if ('refused' in pin) throw new PlyError('PLY_MODULE_UNAVAILABLE', `module "${slug}" cannot run on this process: ${pin.refused}`, { details: { module: slug } });
    const module = this.pinned(slug);
    if (!module) throw new PlyError('PLY_MODULE_UNAVAILABLE', `module "${slug}" cannot run on this process: the cluster runs ${slug}@${pin.version}, which is not loaded here`, { details: { module: slug, version: pin.version } });
    if (range && !semver.satisfies(module.manifest.version, range, { includePrerelease: true })) {
      throw new PlyError('PLY_MODULE_NOT_FOUND', `no version of "${slug}" satisfies ${range}: the cluster runs ${slug}@${pin.version} only`, { details: { module: slug, range } });
    }
    return module;
  }

  private suggest(slug: string): string {
    const close = [...this.bySlug.keys()].filter((known) => known.includes(slug) || slug.includes(known)).slice(0, 3);
    return close.length ? ` (did you mean ${close.join(', ')}?)` : '';
  }
}
