import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import semver from 'semver';
import type { LoadedModule } from '@ply/core';
import { PlyError, toPlyError } from '@ply/core';
import { loadPluginPackage, readPluginPackage } from '@ply/core';
import { breakingArgumentChanges, type BreakingChange } from './argument-changes.js';
import { ensureCoreLink } from './core-link.js';
import { parseInstallSpec } from './install-spec.js';
import { sha512Integrity, verifyIntegrity } from './integrity.js';
import { ModuleStore, type InstallRecord, type InstalledModule } from './module-store.js';
import { verifyPackageSignature } from './package-signature.js';
import { RegistryClient, type Packument, type PackumentVersion, type SearchHit } from './registry-client.js';
import { DEFAULT_TARBALL_LIMITS, type TarballLimits } from './tarball-limits.js';
import { readPackageTarball } from './tarball-reader.js';
import { TrustedKeys } from './trusted-keys.js';
import { selectVersion, acceptsCore } from './version-selection.js';

/** Progress of one install: download bytes, then extraction. */
export interface InstallProgress {
  phase: 'download' | 'extract';
  name: string;
  received?: number;
  total?: number;
}

export interface ModuleInstallerOptions {
  home: string;
  coreVersion: string;
  /** Registry URL for name-based commands (the CLI defaults it to `PLY_REGISTRY`). */
  registry?: string;
  limits?: Partial<TarballLimits>;
  onProgress?: (progress: InstallProgress) => void;
}

/** What one install or upgrade did. */
export interface InstallOutcome {
  name: string;
  slug: string;
  version: string;
  status: 'installed' | 'already-installed' | 'activated' | 'up-to-date' | 'refused';
  /** The version active before, when another one was. */
  previous?: string;
  integrity?: string;
  source: string;
  dir: string;
  breaking: BreakingChange[];
}

/** Options of {@link ModuleInstaller.install}. */
export interface InstallOptions {
  /**
   * The package name of an installed package whose module slug the new package declares: it is
   * removed (every version) and the new one takes the slug. Without it, such an install is refused.
   */
  replace?: string;
}

interface Staged {
  dir: string;
  module: LoadedModule;
  record: InstallRecord;
}

/**
 * Installs plugin packages into `$PLY_HOME/modules/<slug>/<version>/`: resolves a version whose
 * `engines.ply` accepts this core, verifies sha512 integrity and the registry signature, reads
 * the tarball in memory under limits, stages it in a hidden folder, loads its manifest, and
 * moves it into place with one rename. Earlier versions stay for rollback.
 */
export class ModuleInstaller {
  readonly store: ModuleStore;
  private readonly limits: TarballLimits;
  private readonly trusted: TrustedKeys;

  constructor(private readonly options: ModuleInstallerOptions) {
    this.store = new ModuleStore(options.home);
    this.limits = { ...DEFAULT_TARBALL_LIMITS, ...options.limits };
    this.trusted = new TrustedKeys(options.home);
  }

  client(): RegistryClient {
    if (!this.options.registry) throw new PlyError('PLY_INVALID_INPUT', 'no registry: pass --registry URL or set PLY_REGISTRY');
    return new RegistryClient(this.options.registry);
  }

  search(text: string, size?: number): Promise<SearchHit[]> {
    return this.client().search(text, size);
  }

  /** The packument, plus which versions this core can install. */
  async info(name: string): Promise<{ packument: Packument; compatible: string[] }> {
    const packument = await this.client().packument(name);
    const compatible = Object.values(packument.versions ?? {})
      .filter((v) => acceptsCore(v, this.options.coreVersion))
      .map((v) => v.version)
      .sort(semver.rcompare);
    return { packument, compatible };
  }

  list(): InstalledModule[] {
    return this.store.list();
  }

  /**
   * `name[@range]` from the registry, or a local `.tgz` (offline: no registry, no signature).
   *
   * @throws PlyError PLY_SLUG_TAKEN when the package's module slug belongs to another installed
   *   package, unless `options.replace` names that package.
   */
  async install(spec: string, options: InstallOptions = {}): Promise<InstallOutcome> {
    const parsed = parseInstallSpec(spec);
    if (parsed.kind === 'file') return this.installFile(parsed.path, options);
    const client = this.client();
    const packument = await client.packument(parsed.name);
    const version = selectVersion(packument, parsed.range, this.options.coreVersion);
    const staged = await this.fetchAndStage(client, packument.name, version);
    return this.finish(staged, { activate: true, breaking: [], ...options });
  }

  /**
   * Installs exactly `name@version` from `registry` and only if its tarball is `integrity` (the
   * artifact a cluster recorded): the registry's own integrity and signature are checked as for
   * any install, and a registry serving other bytes under that version is refused.
   */
  async installRecorded(record: { name: string; version: string; integrity: string; registry: string }): Promise<InstallOutcome> {
    const what = `${record.name}@${record.version}`;
    if (record.registry.startsWith('file:')) {
      throw new PlyError('PLY_REGISTRY_ERROR', `${what} was installed from a local file (${record.registry.slice(5)}), which other processes cannot fetch: install it from a registry`);
    }
    const client = new RegistryClient(record.registry);
    const packument = await client.packument(record.name);
    const version = packument.versions?.[record.version];
    if (!version) throw new PlyError('PLY_MODULE_NOT_FOUND', `${record.registry} has no ${what}`, { details: { module: record.name, version: record.version } });
    if (version.dist.integrity !== record.integrity) {
      throw new PlyError('PLY_INTEGRITY_MISMATCH', `${record.registry} serves ${what} as ${version.dist.integrity}, not the recorded ${record.integrity}`);
    }
    const staged = await this.fetchAndStage(client, packument.name, version);
    // The cluster recorded it after the admin's choice (a --replace included): follow it.
    const holder = this.store.installed(staged.record.slug)?.name;
    return this.finish(staged, { activate: true, breaking: [], ...(holder ? { replace: holder } : {}) });
  }

  /** The install record of a module's active version (what a cluster records), if one is installed. */
  activeRecord(nameOrSlug: string): InstallRecord | undefined {
    const installed = this.store.find(nameOrSlug);
    return installed?.active ? this.store.record(installed.slug, installed.active) : undefined;
  }

  async installFile(path: string, options: InstallOptions = {}): Promise<InstallOutcome> {
    const file = resolve(path);
    if (!existsSync(file)) throw new PlyError('PLY_INVALID_INPUT', `no such file: ${file}`);
    const tarball = readFileSync(file);
    const staged = await this.stage(tarball, { integrity: sha512Integrity(tarball), source: `file:${file}` });
    return this.finish(staged, { activate: true, breaking: [], ...options });
  }

  /**
   * Upgrades one installed module (or all) to the highest compatible version, reporting per
   * action the argument changes that break callers; with `safe`, such an upgrade is refused.
   */
  async upgrade(nameOrSlug: string | undefined, options: { safe?: boolean } = {}): Promise<InstallOutcome[]> {
    const targets = nameOrSlug ? [this.installedOrThrow(nameOrSlug)] : this.store.list();
    const outcomes: InstallOutcome[] = [];
    for (const installed of targets) outcomes.push(await this.upgradeOne(installed, options.safe ?? false));
    return outcomes;
  }

  /** Re-activates the highest installed version below the active one. */
  rollback(nameOrSlug: string): { slug: string; from: string; to: string } {
    const installed = this.installedOrThrow(nameOrSlug);
    const from = installed.active!;
    const to = installed.versions.find((v) => semver.lt(v, from));
    if (!to) throw new PlyError('PLY_MODULE_NOT_FOUND', `${installed.slug} has no version installed below ${from} to roll back to`, { details: { module: installed.slug, versions: installed.versions } });
    this.store.setActive(installed.slug, to);
    return { slug: installed.slug, from, to };
  }

  /** Removes one version or every version of a module. */
  uninstall(nameOrSlug: string, version?: string): { slug: string; removed: string[]; active?: string } {
    const installed = this.installedOrThrow(nameOrSlug);
    if (version && !installed.versions.includes(version)) throw new PlyError('PLY_MODULE_NOT_FOUND', `${installed.slug}@${version} is not installed (installed: ${installed.versions.join(', ')})`);
    const remaining = version ? installed.versions.filter((v) => v !== version) : [];
    this.store.remove(installed.slug, remaining.length > 0 ? version : undefined);
    if (remaining.length > 0 && installed.active === version) this.store.setActive(installed.slug, remaining[0]!);
    const after = this.store.installed(installed.slug);
    return { slug: installed.slug, removed: version ? [version] : installed.versions, ...(after?.active ? { active: after.active } : {}) };
  }

  private installedOrThrow(nameOrSlug: string): InstalledModule {
    const installed = this.store.find(nameOrSlug);
    if (!installed) throw new PlyError('PLY_MODULE_NOT_FOUND', `"${nameOrSlug}" is not installed in ${this.store.root}`, { details: { module: nameOrSlug } });
    return installed;
  }

  private async upgradeOne(installed: InstalledModule, safe: boolean): Promise<InstallOutcome> {
    const active = installed.active!;
    const current = loadPluginPackage(this.store.versionDir(installed.slug, active), 'installed', this.options.coreVersion);
    const name = installed.name ?? current.packageName;
    const base = { slug: installed.slug, source: this.options.registry ?? '', breaking: [] as BreakingChange[] };
    if (!name) throw new PlyError('PLY_MODULE_NOT_FOUND', `${installed.slug}@${active} has no package name, so it cannot be looked up in a registry`);
    const client = this.client();
    const packument = await client.packument(name);
    const best = selectVersion(packument, undefined, this.options.coreVersion);
    if (!semver.gt(best.version, active)) return { ...base, name, version: active, status: 'up-to-date', dir: this.store.versionDir(installed.slug, active) };
    if (installed.versions.includes(best.version)) {
      const target = loadPluginPackage(this.store.versionDir(installed.slug, best.version), 'installed', this.options.coreVersion);
      const breaking = breakingArgumentChanges(current, target);
      if (safe && breaking.length > 0) return { ...base, name, version: best.version, previous: active, status: 'refused', dir: target.dir, breaking };
      this.store.setActive(installed.slug, best.version);
      return { ...base, name, version: best.version, previous: active, status: 'activated', dir: target.dir, breaking };
    }
    const staged = await this.fetchAndStage(client, name, best);
    const breaking = breakingArgumentChanges(current, staged.module);
    if (safe && breaking.length > 0) {
      this.store.discard(staged.dir);
      return { ...base, name, version: best.version, previous: active, status: 'refused', dir: this.store.versionDir(installed.slug, best.version), breaking };
    }
    return this.finish(staged, { activate: true, breaking });
  }

  private async fetchAndStage(client: RegistryClient, name: string, version: PackumentVersion): Promise<Staged> {
    const progress = this.options.onProgress;
    const tarball = await client.tarball(version.dist.tarball, this.limits.maxCompressedBytes, progress ? (received, total) => progress({ phase: 'download', name, received, ...(total ? { total } : {}) }) : undefined);
    const what = `${name}@${version.version}`;
    const integrity = verifyIntegrity(tarball, version.dist.integrity, what);
    const keys = this.trusted.get(client.url) ?? this.trusted.trustOnFirstUse(client.url, await client.keys());
    if (keys.length === 0) throw new PlyError('PLY_SIGNATURE_INVALID', `${client.url} publishes no signing keys (/-/npm/v1/keys), so ${what} cannot be verified`);
    const signedBy = verifyPackageSignature(version.dist.signatures, keys, name, version.version, integrity);
    return this.stage(tarball, { integrity, source: client.url, signedBy, expected: { name, version: version.version } });
  }

  /** Reads the tarball under limits, writes it into a staging folder and checks the module loads. */
  private async stage(
    tarball: Buffer,
    meta: { integrity: string; source: string; signedBy?: string; expected?: { name: string; version: string } },
  ): Promise<Staged> {
    this.options.onProgress?.({ phase: 'extract', name: meta.expected?.name ?? meta.source });
    const files = await readPackageTarball(tarball, this.limits);
    if (!files.has('package.json')) throw new PlyError('PLY_PACKAGE_REJECTED', 'tarball has no package/package.json');
    const dir = this.store.stage(files);
    try {
      const module = this.validate(dir, meta.expected);
      const info = readPluginPackage(dir);
      const record: InstallRecord = {
        name: info.name ?? module.manifest.slug,
        slug: module.manifest.slug,
        version: module.manifest.version,
        integrity: meta.integrity,
        source: meta.source,
        ...(meta.signedBy ? { signedBy: meta.signedBy } : {}),
        installedAt: new Date().toISOString(),
      };
      return { dir, module, record };
    } catch (error) {
      this.store.discard(dir);
      throw error;
    }
  }

  private validate(dir: string, expected?: { name: string; version: string }): LoadedModule {
    let module: LoadedModule;
    try {
      module = loadPluginPackage(dir, 'installed', this.options.coreVersion);
    } catch (error) {
      const cause = toPlyError(error);
      throw new PlyError('PLY_PACKAGE_REJECTED', `package does not hold a module that loads: ${cause.message}`, { cause, details: { issues: cause.issues } });
    }
    const info = readPluginPackage(dir);
    const where = `${module.manifest.slug}@${module.manifest.version}`;
    if (module.engineMismatch) throw new PlyError('PLY_ENGINE_MISMATCH', `${where}: ${module.engineMismatch}`, { details: { module: module.manifest.slug } });
    if (info.version !== module.manifest.version) throw new PlyError('PLY_PACKAGE_REJECTED', `${where}: package.json version ${info.version} differs from manifest.json version ${module.manifest.version}`);
    if (expected && (info.name !== expected.name || info.version !== expected.version)) {
      throw new PlyError('PLY_PACKAGE_REJECTED', `tarball holds ${info.name}@${info.version}, but the registry served it as ${expected.name}@${expected.version}`);
    }
    if (module.entry && (relative(dir, module.entry).startsWith('..') || !existsSync(module.entry))) {
      throw new PlyError('PLY_PACKAGE_REJECTED', `${where}: code entry ${relative(dir, module.entry)} is missing from the package`);
    }
    this.store.slugDir(module.manifest.slug);
    return module;
  }

  private finish(staged: Staged, options: { activate: boolean; breaking: BreakingChange[]; replace?: string }): InstallOutcome {
    const { slug, version, name } = staged.record;
    const holder = this.store.installed(slug);
    if (holder?.name !== undefined && holder.name !== name) {
      if (options.replace !== holder.name) {
        this.store.discard(staged.dir);
        throw new PlyError('PLY_SLUG_TAKEN', `${name} declares the module slug "${slug}", which belongs to ${holder.name} (installed ${holder.versions.join(', ')}): to replace it, install with --replace ${holder.name}`, {
          details: { slug, package: name, holder: holder.name, versions: holder.versions },
        });
      }
      // The admin chose to replace it: its versions go, so no rollback lands on the other package.
      this.store.remove(slug);
    }
    const previous = this.store.installed(slug)?.active;
    const created = this.store.commit(staged.dir, slug, version, staged.record);
    if (staged.module.entry) ensureCoreLink(this.options.home);
    if (options.activate) this.store.setActive(slug, version);
    const record = this.store.record(slug, version);
    return {
      name,
      slug,
      version,
      status: created ? 'installed' : 'already-installed',
      ...(previous && previous !== version ? { previous } : {}),
      ...(record?.integrity ? { integrity: record.integrity } : {}),
      source: record?.source ?? staged.record.source,
      dir: join(this.store.root, slug, version),
      breaking: options.breaking,
    };
  }
}
