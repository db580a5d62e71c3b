import type { RegistryStorage } from './registry-storage.js';

/**
 * Which packages publish each module slug. Installs put a module in `$PLY_HOME/modules/<slug>/`,
 * so a slug is one module: the first package to publish it holds it, and another package may
 * publish the same slug only when its publisher also owns the first. Slugs are compared without
 * case (a case-insensitive disk would give `Echo` and `echo` one folder). Built on first use.
 */
export class SlugIndex {
  private bySlug: Map<string, Set<string>> | undefined;

  constructor(private readonly storage: RegistryStorage) {}

  /** The packages publishing `slug`, the one that published it first first. */
  packagesOf(slug: string): string[] {
    const names = [...(this.index().get(slug.toLowerCase()) ?? [])];
    const created = (name: string) => this.storage.packument(name)?.time['created'] ?? '';
    return names.sort((a, b) => created(a).localeCompare(created(b)) || a.localeCompare(b));
  }

  /** Notes a published version's slug. */
  record(name: string, slug: string): void {
    add(this.index(), name, slug);
  }

  private index(): Map<string, Set<string>> {
    if (!this.bySlug) {
      const index = new Map<string, Set<string>>();
      for (const packument of this.storage.all()) {
        for (const slug of Object.values(this.storage.moduleSlugs(packument.name))) add(index, packument.name, slug);
      }
      this.bySlug = index;
    }
    return this.bySlug;
  }
}

function add(index: Map<string, Set<string>>, name: string, slug: string): void {
  const key = slug.toLowerCase();
  const names = index.get(key) ?? new Set<string>();
  names.add(name);
  index.set(key, names);
}
