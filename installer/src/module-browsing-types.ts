/**
 * The shapes of the registry's module-browsing API (`/-/ply/v1/modules...`, `/-/ply/v1/slugs/...`),
 * beside the npm protocol. The registry answers with them and the console reads them: one
 * definition for both.
 */

/** One row of `/-/ply/v1/modules`. */
export interface ModuleSummary {
  name: string;
  slug: string;
  version: string;
  description?: string;
  categories: string[];
  actions: number;
  triggers: number;
  connectors: number;
}

/** One action, trigger or connector as the browsing API shows it (its JSON file as published). */
export type ItemDetails = Record<string, unknown> & { uuid: string; slug: string; name: string };

/** What `/-/ply/v1/modules/<name>/<version>` answers: the manifest and every item with its schemas. */
export interface ModuleDetails {
  name: string;
  version: string;
  slug: string;
  manifest: Record<string, unknown>;
  actions: ItemDetails[];
  triggers: ItemDetails[];
  connectors: ItemDetails[];
}

/**
 * What `/-/ply/v1/slugs/<slug>` answers: which package holds a module slug (`package`, the first
 * to publish it) and every package publishing it (only owners of the first may add another).
 */
export interface SlugHolders {
  slug: string;
  package: string;
  packages: Array<{ name: string; owners: string[]; versions: string[] }>;
}
