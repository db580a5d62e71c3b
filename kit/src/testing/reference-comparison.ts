import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModuleFiles, type PluginDefinition } from '@ply/core';
import { compareWithReference, type SchemaNarrowing } from './schema-comparison.js';

/** A narrowing of one item's schema, located by the item's generated file. */
export interface ItemNarrowing extends SchemaNarrowing {
  /** The generated file, e.g. `action_get_alert.json`. */
  file: string;
  part: 'arguments' | 'results';
}

/** What {@link compareWithReferenceModule} found. */
export interface ReferenceComparison {
  /** Our item files that have a reference item (same kind and uuid). */
  matched: string[];
  /** Our item files with no reference item (Ply additions). */
  unmatched: string[];
  narrowings: ItemNarrowing[];
}

type ItemFile = { uuid?: unknown; arguments?: unknown; results?: unknown };

function kindOf(file: string): string | undefined {
  return /^(action|trigger|connector)_.*\.json$/.exec(file)?.[1];
}

/**
 * Compares every item of a plugin with the reference module's item of the same kind and uuid
 * (`referenceDir`: a module folder of the Sekoia.io corpus, e.g. `sekoiaCorpusDir()/Sekoia.io`),
 * with {@link compareWithReference}: by default the `results` (an item whose results are narrower
 * turns successful vendor calls into failed runs); `parts` adds `arguments`.
 */
export function compareWithReferenceModule(plugin: PluginDefinition, referenceDir: string, parts: ReadonlyArray<'arguments' | 'results'> = ['results']): ReferenceComparison {
  if (!existsSync(referenceDir)) throw new Error(`reference module folder not found: ${referenceDir}`);
  const reference = new Map<string, ItemFile>();
  for (const file of readdirSync(referenceDir)) {
    const kind = kindOf(file);
    if (!kind) continue;
    const item = JSON.parse(readFileSync(join(referenceDir, file), 'utf8')) as ItemFile;
    reference.set(`${kind}:${String(item.uuid)}`, item);
  }
  const comparison: ReferenceComparison = { matched: [], unmatched: [], narrowings: [] };
  for (const [file, text] of buildModuleFiles(plugin, '0.0.0')) {
    const kind = kindOf(file);
    if (!kind) continue;
    const ours = JSON.parse(text) as ItemFile;
    const theirs = reference.get(`${kind}:${String(ours.uuid)}`);
    if (!theirs) {
      comparison.unmatched.push(file);
      continue;
    }
    comparison.matched.push(file);
    for (const part of parts) {
      for (const narrowing of compareWithReference(ours[part] ?? {}, theirs[part] ?? {})) comparison.narrowings.push({ file, part, ...narrowing });
    }
  }
  return comparison;
}
