import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadModuleFolder, type LoadedModule } from '@ply/core';

/** One module of the Sekoia.io corpus: its folder and what its JSON files describe. */
export interface CorpusModule {
  folder: string;
  module: LoadedModule;
}

/**
 * The Sekoia.io automation-library corpus, read as metadata only (JSON files; no code is ever
 * loaded from it). Read once, on the first visit, and kept: the corpus does not change while
 * `ply serve` runs. Folders that do not load are counted, not shown.
 */
export class CorpusCatalogue {
  private loaded: { modules: CorpusModule[]; unreadable: number } | undefined;

  constructor(
    readonly dir: string,
    private readonly coreVersion: string,
  ) {}

  all(): { modules: CorpusModule[]; unreadable: number } {
    if (this.loaded) return this.loaded;
    const modules: CorpusModule[] = [];
    let unreadable = 0;
    const folders = existsSync(this.dir) ? readdirSync(this.dir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && existsSync(join(this.dir, entry.name, 'manifest.json'))) : [];
    for (const entry of folders) {
      try {
        modules.push({ folder: entry.name, module: loadModuleFolder(join(this.dir, entry.name), { coreVersion: this.coreVersion }) });
      } catch {
        unreadable += 1;
      }
    }
    modules.sort((a, b) => a.module.manifest.name.localeCompare(b.module.manifest.name));
    return (this.loaded = { modules, unreadable });
  }

  /** Modules whose name, slug, description or category holds `q` (case-insensitive). */
  search(q: string): CorpusModule[] {
    const text = q.trim().toLowerCase();
    const { modules } = this.all();
    if (!text) return modules;
    return modules.filter(({ module: { manifest } }) => [manifest.name, manifest.slug, manifest.description, ...manifest.categories].some((field) => field.toLowerCase().includes(text)));
  }

  find(folder: string): CorpusModule | undefined {
    return this.all().modules.find((entry) => entry.folder === folder);
  }
}
