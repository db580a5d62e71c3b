import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The Sekoia.io automation-library corpus: `$PLY_CORPUS_DIR`, else `../shared/corpus/automation-library`
 * beside the workspace that holds the current folder (a Ply checkout's layout).
 */
export function sekoiaCorpusDir(): string {
  const fromEnv = process.env['PLY_CORPUS_DIR'];
  if (fromEnv) return resolve(fromEnv);
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return resolve(dir, '../shared/corpus/automation-library');
    if (dirname(dir) === dir) return resolve('../shared/corpus/automation-library');
  }
}

/** Every module folder of the corpus; throws when the corpus is not there. */
export function corpusModuleDirs(corpusDir: string = sekoiaCorpusDir()): string[] {
  if (!existsSync(corpusDir)) throw new Error(`Sekoia.io corpus not found at ${corpusDir} (set PLY_CORPUS_DIR)`);
  return readdirSync(corpusDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(corpusDir, entry.name));
}
