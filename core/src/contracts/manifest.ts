import type { PlyError, PlyIssue } from '../errors/ply-error.js';

/** A JSON Schema as found in a manifest (draft-07 or 2020-12; non-standard keywords tolerated). */
export type JsonSchema = Record<string, unknown>;

export type ItemKind = 'action' | 'trigger' | 'connector';

/** `manifest.json` of a module, as loaded (unknown keys are kept in `raw`). */
export interface ModuleManifest {
  uuid: string;
  slug: string;
  name: string;
  description: string;
  version: string;
  categories: string[];
  configuration: JsonSchema;
  engines?: { ply: string };
  group?: string;
  raw: Record<string, unknown>;
}

/** One `action_*.json`, `trigger_*.json` or `connector_*.json`. */
export interface ModuleItem {
  kind: ItemKind;
  /** Absolute path of the JSON file. */
  file: string;
  uuid: string;
  /** From the file, or derived from its name when the file has none. */
  slug: string;
  name: string;
  description: string;
  /** Binds the JSON to code: the key of the item in `definePlugin`. */
  docker: string;
  arguments: JsonSchema;
  results: JsonSchema;
  group?: string;
  raw: Record<string, unknown>;
}

/** Where a module was found. */
export type ModuleSource = 'workspace' | 'installed' | 'folder';

/** A module folder loaded from JSON only: no plugin code has run. */
export interface LoadedModule {
  dir: string;
  source: ModuleSource;
  manifest: ModuleManifest;
  items: ModuleItem[];
  /** Absolute path of the code entry, or undefined for a metadata-only module. */
  entry?: string;
  /** True when code can run its items: an entry, or a plugin bound in memory. Metadata-only modules never run. */
  runnable?: boolean;
  packageName?: string;
  /** Set when `engines.ply` does not accept the running core. */
  engineMismatch?: string;
  /** True for the installed version named by `$PLY_HOME/modules/<slug>/active` (it wins over higher versions). */
  active?: boolean;
  /** Defects tolerated while loading (reported by `ply lint`). */
  warnings: PlyIssue[];
  /**
   * Only for a module loaded with `lazyItems` (the runtime's discovery): PLY_MANIFEST_INVALID
   * naming the item file that is invalid, found when the items were first read; `items` is then
   * empty. Lookups of the module's items throw it.
   */
  itemsError?: PlyError;
}
