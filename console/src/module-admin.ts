import semver from 'semver';
import { ModuleInstaller, breakingArgumentChanges, encodePackageName, normaliseRegistryUrl, type BreakingChange, type InstallOutcome, type InstalledModule } from '@ply/installer';
import { PlyError, type LoadedModule, type ModuleItem } from '@ply/core';
import type { ModuleDetails, ModuleSummary } from '@ply/installer';
import type { Runtime } from '@ply/runtime';

/** An upgrade as shown before it is made: what breaks, and which stored playbooks call it. */
export interface UpgradePreview {
  from: string;
  to: string;
  breaking: BreakingChange[];
  /** Playbooks with an action node on a broken action. */
  playbooks: Array<{ id: string; name: string; actions: string[] }>;
}

const TIMEOUT_MS = 15_000;

/**
 * What the Marketplace and Module pages do: browse a registry (`/-/ply/v1/modules`), and
 * install, upgrade, roll back or uninstall through the same {@link ModuleInstaller} as the CLI
 * (integrity and signature checked, atomic). After each change the runtime's catalog is
 * reloaded for that module, so Run and Accounts see it at once.
 */
export class ModuleAdmin {
  readonly registry: string | undefined;
  readonly installer: ModuleInstaller;

  constructor(
    private readonly runtime: Runtime,
    registry: string | undefined,
  ) {
    this.registry = registry ? normaliseRegistryUrl(registry) : undefined;
    const settings = runtime.ply.settings;
    this.installer = new ModuleInstaller({ home: settings.home, coreVersion: settings.coreVersion, ...(this.registry ? { registry: this.registry } : {}) });
  }

  /** Latest version of every module in the registry, filtered by text and category. */
  async browse(q: string, category: string): Promise<{ modules: ModuleSummary[]; total: number }> {
    return this.get(`-/ply/v1/modules?${new URLSearchParams({ q, category }).toString()}`);
  }

  /** One version (or `latest`) of a package, with its manifest and items. */
  async details(name: string, version = 'latest'): Promise<ModuleDetails> {
    return this.get(`-/ply/v1/modules/${encodePackageName(name)}/${encodeURIComponent(version)}`);
  }

  /** The package's versions, newest first, and which of them this core can install. */
  async versions(name: string): Promise<{ all: string[]; compatible: string[] }> {
    const { packument, compatible } = await this.installer.info(name);
    return { all: Object.keys(packument.versions ?? {}).sort(semver.rcompare), compatible };
  }

  installed(nameOrSlug: string): InstalledModule | undefined {
    return this.installer.store.find(nameOrSlug);
  }

  /** Breaking argument changes from the active version to `target` (read from the registry, nothing downloaded). */
  async previewUpgrade(slug: string, target: ModuleDetails): Promise<UpgradePreview | undefined> {
    const installed = this.installed(slug);
    const current = this.runtime.ply.catalog.versions(slug).find((module) => module.source === 'installed' && module.manifest.version === installed?.active);
    if (!installed?.active || !current) return undefined;
    // breakingArgumentChanges reads only the items' kind, uuid, slug and arguments.
    const items = target.actions.map((action) => ({ kind: 'action', uuid: action.uuid, slug: action.slug, arguments: (action['arguments'] ?? {}) as Record<string, unknown> }) as ModuleItem);
    const breaking = breakingArgumentChanges(current, { ...current, items } as LoadedModule);
    const broken = new Set(breaking.map((change) => change.action));
    const playbooks = (await this.runtime.store.playbooks.list())
      .map((playbook) => {
        const nodes = Object.values(((playbook.document as { nodes?: Record<string, { type?: string; module?: string; action?: string }> }).nodes ?? {}));
        const actions = nodes.filter((node) => node.type === 'action' && node.module === slug && broken.has(node.action ?? '')).map((node) => node.action!);
        return { id: playbook.id, name: playbook.name, actions: [...new Set(actions)] };
      })
      .filter((playbook) => playbook.actions.length > 0);
    return { from: installed.active, to: target.version, breaking, playbooks };
  }

  /** Installs `name[@version]`; `replace` names the installed package whose module slug it may take over (PLY_SLUG_TAKEN otherwise). */
  async install(name: string, replace?: string): Promise<InstallOutcome> {
    const outcome = await this.installer.install(name, replace ? { replace } : {});
    await this.changed(outcome.slug);
    return outcome;
  }

  async upgrade(slug: string): Promise<InstallOutcome> {
    const [outcome] = await this.installer.upgrade(slug);
    await this.changed(slug);
    return outcome!;
  }

  async rollback(slug: string): Promise<{ slug: string; from: string; to: string }> {
    const outcome = this.installer.rollback(slug);
    await this.changed(outcome.slug);
    return outcome;
  }

  async uninstall(slug: string, version?: string): Promise<{ slug: string; removed: string[]; active?: string }> {
    const outcome = this.installer.uninstall(slug, version);
    await this.changed(outcome.slug);
    return outcome;
  }

  /**
   * After a change on disk: the catalog reads the module again, and a cluster's shared store
   * records what is active now, so every process fetches and runs that artifact.
   */
  private async changed(slug: string): Promise<void> {
    this.runtime.ply.reloadInstalled(slug);
    if (this.runtime.store.shared) await this.runtime.store.modules.recordActive(slug, this.installer.activeRecord(slug));
  }

  private async get<T>(path: string): Promise<T> {
    if (!this.registry) throw new PlyError('PLY_INVALID_INPUT', 'no registry is configured: start the console with --registry URL or set PLY_REGISTRY');
    let response: Response;
    try {
      response = await fetch(new URL(path, this.registry), { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new PlyError('PLY_REGISTRY_ERROR', `registry ${this.registry} is unreachable: ${(error as Error).message}`, { cause: error });
    }
    if (response.status === 404) throw new PlyError('PLY_MODULE_NOT_FOUND', `the registry has no ${decodeURIComponent(path.replace('-/ply/v1/modules/', ''))}`);
    if (!response.ok) throw new PlyError('PLY_REGISTRY_ERROR', `registry ${this.registry} answered ${response.status} to ${path}`);
    return (await response.json()) as T;
  }
}
