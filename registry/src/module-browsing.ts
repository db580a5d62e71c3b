import semver from 'semver';
import { PlyError } from '@ply/core/errors';
import type { ModuleDetails, ModuleSummary } from '@ply/installer/package-format';
import type { RegistryStorage } from './registry-storage.js';

function summaryOf(details: ModuleDetails): ModuleSummary {
  const manifest = details.manifest;
  const categories = Array.isArray(manifest['categories']) ? manifest['categories'].map(String) : [];
  return {
    name: details.name,
    slug: details.slug,
    version: details.version,
    ...(typeof manifest['description'] === 'string' ? { description: manifest['description'] } : {}),
    categories,
    actions: details.actions.length,
    triggers: details.triggers.length,
    connectors: details.connectors.length,
  };
}

/**
 * Module browsing beside the npm protocol: the latest version of every package that holds a
 * module, filtered by text (`q`: name, slug, description) and `category` (case-insensitive).
 * Summaries are cached per package version, so listing does not re-read files.
 */
export class ModuleBrowser {
  private readonly summaries = new Map<string, ModuleSummary>();

  constructor(private readonly storage: RegistryStorage) {}

  list(q: string, category: string): { modules: ModuleSummary[]; total: number } {
    const text = q.toLowerCase();
    const wanted = category.toLowerCase();
    const modules = this.storage
      .all()
      .map((packument) => this.summary(packument.name, packument['dist-tags']['latest'] ?? Object.keys(packument.versions).sort(semver.rcompare)[0]!))
      .filter((summary): summary is ModuleSummary => summary !== undefined)
      .filter((s) => !text || [s.name, s.slug, s.description ?? ''].some((field) => field.toLowerCase().includes(text)))
      .filter((s) => !wanted || s.categories.some((c) => c.toLowerCase() === wanted))
      .sort((a, b) => a.slug.localeCompare(b.slug));
    return { modules, total: modules.length };
  }

  /** One version (or a dist-tag such as `latest`) with its manifest and every item's schemas. */
  details(name: string, versionOrTag: string): ModuleDetails {
    const packument = this.storage.packument(name);
    if (!packument) throw new PlyError('PLY_REGISTRY_PACKAGE_NOT_FOUND', `no package ${name}`);
    const version = packument['dist-tags'][versionOrTag] ?? versionOrTag;
    const details = packument.versions[version] ? this.storage.moduleDetails(name, version) : undefined;
    if (!details) throw new PlyError('PLY_REGISTRY_PACKAGE_NOT_FOUND', `no version ${versionOrTag} of ${name}`);
    return details;
  }

  private summary(name: string, version: string): ModuleSummary | undefined {
    const key = `${name}@${version}`;
    let summary = this.summaries.get(key);
    if (!summary) {
      const details = this.storage.moduleDetails(name, version);
      if (!details) return undefined;
      summary = summaryOf(details);
      this.summaries.set(key, summary);
    }
    return summary;
  }
}
