import { PlyError } from '@ply/core';
import type { ModuleInstaller } from './module-installer.js';

/**
 * The artifacts a cluster's processes run, fetched through the installer: what `@ply/runtime`'s
 * `ModuleSync` calls (its `ModuleArtifacts`) to find a recorded module here by its integrity, or
 * to fetch and verify it from the registry it was installed from.
 */
export class ClusterArtifacts {
  constructor(private readonly installer: ModuleInstaller) {}

  localIntegrity(slug: string, version: string): string | undefined {
    return this.installer.store.record(slug, version)?.integrity;
  }

  dirOf(slug: string, version: string): string {
    return this.installer.store.versionDir(slug, version);
  }

  async fetch(record: { slug: string; name: string; version: string; integrity: string; registry: string }): Promise<string> {
    const outcome = await this.installer.installRecorded(record);
    // An install never overwrites a version already on disk: another copy of it may sit there.
    const local = this.localIntegrity(outcome.slug, outcome.version);
    if (outcome.slug !== record.slug || local !== record.integrity) {
      throw new PlyError('PLY_INTEGRITY_MISMATCH', `another copy of ${outcome.slug}@${outcome.version} is installed here (${local ?? 'no integrity recorded'}): uninstall it (ply uninstall ${outcome.slug}@${outcome.version}) so the recorded one can be fetched`);
    }
    return outcome.dir;
  }
}
