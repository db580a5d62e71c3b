import { pathToFileURL } from 'node:url';
import { isPluginDefinition, type PluginDefinition } from '../contracts/plugin.js';
import type { ItemKind, LoadedModule } from '../contracts/manifest.js';
import { PlyError } from '../errors/ply-error.js';

/**
 * Imports plugin code on first use only (the loader never does), and binds each JSON item to
 * code by its `docker_parameters`. Definitions can also be registered directly (tests, embedding).
 */
export class PluginCodeLoader {
  private readonly loaded = new Map<string, Promise<PluginDefinition>>();
  // The definitions already imported, so that a run finds its code without awaiting a promise.
  private readonly ready = new Map<string, PluginDefinition>();

  /** Binds an in-memory plugin definition to a module folder. */
  register(module: LoadedModule, plugin: PluginDefinition): void {
    this.loaded.set(module.dir, Promise.resolve(plugin));
    this.ready.set(module.dir, plugin);
  }

  hasCode(module: LoadedModule): boolean {
    return this.loaded.has(module.dir) || module.entry !== undefined;
  }

  async plugin(module: LoadedModule): Promise<PluginDefinition> {
    let pending = this.loaded.get(module.dir);
    if (!pending) {
      const dir = module.dir;
      pending = this.importEntry(module);
      this.loaded.set(dir, pending);
      pending.then((plugin) => this.loaded.get(dir) === pending && this.ready.set(dir, plugin), () => this.loaded.delete(dir));
    }
    return pending;
  }

  /** The code bound to one item, or PLY_NO_IMPLEMENTATION when there is none. */
  async implementation<K extends ItemKind>(module: LoadedModule, kind: K, docker: string): Promise<PluginDefinition[`${K}s`][string]> {
    if (!this.hasCode(module)) {
      throw new PlyError('PLY_NO_IMPLEMENTATION', `${module.manifest.slug}@${module.manifest.version} is metadata only: no code is installed for it, so its ${kind}s cannot run`, { details: { module: module.manifest.slug } });
    }
    return itemOf(module, await this.plugin(module), kind, docker);
  }

  /** {@link implementation} when the module's code is already imported (no promise to await), else undefined. */
  implementationNow<K extends ItemKind>(module: LoadedModule, kind: K, docker: string): PluginDefinition[`${K}s`][string] | undefined {
    const plugin = this.ready.get(module.dir);
    return plugin === undefined ? undefined : itemOf(module, plugin, kind, docker);
  }

  private async importEntry(module: LoadedModule): Promise<PluginDefinition> {
    let exported: Record<string, unknown>;
    try {
      exported = (await import(pathToFileURL(module.entry!).href)) as Record<string, unknown>;
    } catch (error) {
      throw new PlyError('PLY_PLUGIN_LOAD_FAILED', `cannot import ${module.entry} for ${module.manifest.slug}: ${(error as Error).message}`, { cause: error });
    }
    const plugin = exported['default'] ?? exported['plugin'];
    if (!isPluginDefinition(plugin)) {
      throw new PlyError('PLY_PLUGIN_LOAD_FAILED', `${module.entry} does not export a definePlugin(...) object as default`);
    }
    if (plugin.module.slug !== module.manifest.slug) {
      throw new PlyError('PLY_PLUGIN_LOAD_FAILED', `${module.entry} defines module "${plugin.module.slug}" but its manifest says "${module.manifest.slug}"`);
    }
    return plugin;
  }
}

function itemOf<K extends ItemKind>(module: LoadedModule, plugin: PluginDefinition, kind: K, docker: string): PluginDefinition[`${K}s`][string] {
  const items = plugin[`${kind}s`] as Record<string, PluginDefinition[`${K}s`][string]>;
  const item = Object.hasOwn(items, docker) ? items[docker] : undefined;
  if (!item) {
    throw new PlyError('PLY_NO_IMPLEMENTATION', `${module.manifest.slug}@${module.manifest.version}: no code is bound to ${kind} "${docker}" (the plugin's ${kind}s are: ${Object.keys(items).join(', ') || 'none'})`, {
      details: { module: module.manifest.slug, docker },
    });
  }
  return item;
}
