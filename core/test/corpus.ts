import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** The Sekoia.io corpus beside the checkout (`../shared/corpus/automation-library`). */
export const CORPUS_DIR = resolve(
  process.env['PLY_CORPUS_DIR'] ?? join(fileURLToPath(new URL('../..', import.meta.url)), '../shared/corpus/automation-library'),
);

export function corpusModuleDirs(): string[] {
  if (!existsSync(CORPUS_DIR)) throw new Error(`Sekoia.io corpus not found at ${CORPUS_DIR} (set PLY_CORPUS_DIR)`);
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(CORPUS_DIR, entry.name));
}
