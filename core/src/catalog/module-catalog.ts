import semver from 'semver';
import type { ItemKind, LoadedModule, ModuleItem } from '../contracts/manifest.js';
import { PlyError } from '../errors/ply-error.js';

/** One item of a module, as found by a reference such as `mattermost.post_message`. */
export interface CatalogEntry {
  module: LoadedModule;
  item: ModuleItem;
}

/** The version lookups use: the one marked active (rollback), else the highest. */
function preferred(versions: LoadedModule[]): LoadedModule | undefined {
  return versions.find((m) => m.active) ?? versions[0];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The modules Ply knows (workspace plugins, installed packages, imported folders), several
 * versions per slug side by side. Lookups pick the active version (see `$PLY_HOME/modules/<slug>/active`),
 * else the highest, unless a range is given.
 */
export class ModuleCatalog {
  private readonly bySlug = new Map<string, LoadedModule[]>();

  add(module: LoadedModule): void {
    const versions = this.bySlug.get(module.manifest.slug) ?? [];
    const kept = versions.filter((existing) => existing.manifest.version !== module.manifest.version);
    kept.push(module);
    kept.sort((a, b) => semver.rcompare(a.manifest.version, b.manifest.version));
    this.bySlug.set(module.manifest.slug, kept);
  }

  /**
   * Forgets the versions of a module (only those found in `source` when given): after an
   * uninstall, or before re-adding the installed versions when the active one changed.
   */
  remove(slug: string, source?: LoadedModule['source']): void {
    const kept = (this.bySlug.get(slug) ?? []).filter((module) => source !== undefined && module.source !== source);
    if (kept.length > 0) this.bySlug.set(slug, kept);
    else this.bySlug.delete(slug);
  }

  /** Every module, sorted by slug: the active version of each, else its highest. */
  modules(): LoadedModule[] {
    return [...this.bySlug.keys()].sort().map((slug) => preferred(this.bySlug.get(slug)!)!);
  }

  versions(slug: string): LoadedModule[] {
    return [...(this.bySlug.get(slug) ?? [])];
  }

  /** A module by slug (highest version, or the highest satisfying `range`). */
  module(slug: string, range?: string): LoadedModule {
    const versions = this.bySlug.get(slug);
    if (!versions || versions.length === 0) {
      throw new PlyError('PLY_MODULE_NOT_FOUND', `no module "${slug}"${this.suggest(slug)}`, { details: { module: slug } });
    }
    const active = versions.find((m) => m.active);
    if (!range) return active ?? versions[0]!;
    if (active && semver.satisfies(active.manifest.version, range, { includePrerelease: true })) return active;
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
    if (UUID.test(reference)) return this.findByUuid(kind, reference);
    for (let dot = reference.lastIndexOf('.'); dot > 0; dot = reference.lastIndexOf('.', dot - 1)) {
      const slug = reference.slice(0, dot);
      if (!this.bySlug.has(slug)) continue;
      const module = this.module(slug, range);
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
    if (matches.length === 1) return matches[0]!;
    if (matches.length === 0) throw new PlyError('PLY_ACTION_NOT_FOUND', `no ${kind} has uuid ${uuid}`, { details: { uuid } });
    const where = matches.map((m) => m.module.manifest.slug).join(', ');
    throw new PlyError('PLY_ACTION_AMBIGUOUS', `${matches.length} modules have a ${kind} with uuid ${uuid} (${where}): use <module slug>.<uuid>`, { details: { uuid } });
  }

  private suggest(slug: string): string {
    const close = [...this.bySlug.keys()].filter((known) => known.includes(slug) || slug.includes(known)).slice(0, 3);
    return close.length ? ` (did you mean ${close.join(', ')}?)` : '';
  }
}
