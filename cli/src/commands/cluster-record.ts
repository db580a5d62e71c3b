import { settingsFromEnvironment } from '@ply/core/settings';
import type { ModuleInstaller } from '@ply/installer';
import type { Output } from '../output.js';

/**
 * With `PLY_DATABASE_URL` (a cluster's shared store), records what an install, upgrade, rollback
 * or uninstall left active for each slug, so every process of the cluster fetches and runs that
 * artifact (see ModuleSync in @ply/runtime). Without it: nothing to do.
 */
export async function recordInCluster(output: Output, installer: ModuleInstaller, slugs: string[]): Promise<void> {
  const databaseUrl = process.env['PLY_DATABASE_URL'];
  if (!databaseUrl || slugs.length === 0) return;
  const { PlyStore } = await import('@ply/runtime');
  const store = await PlyStore.open({ home: settingsFromEnvironment().home, databaseUrl });
  try {
    for (const slug of new Set(slugs)) {
      const active = installer.activeRecord(slug);
      await store.modules.recordActive(slug, active);
      if (!output.json) output.err(active ? `recorded in the cluster: every process runs ${slug}@${active.version} (${active.integrity.slice(0, 19)}…)` : `removed from the cluster: ${slug}`);
    }
  } finally {
    await store.close();
  }
}
