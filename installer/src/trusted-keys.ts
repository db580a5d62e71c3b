import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlyError } from '@ply/core';
import { writeFileAtomic } from '@ply/core';
import type { RegistryKey } from './package-signature.js';

type KeyFile = Record<string, RegistryKey[]>;

/**
 * Registry signing keys this Ply trusts, per registry URL, in `$PLY_HOME/trusted-keys.json`.
 * A registry's keys are trusted on first use (or written there beforehand by an admin); after
 * that, a key the file does not hold is refused, so a swapped registry cannot re-sign packages.
 */
export class TrustedKeys {
  readonly file: string;

  constructor(home: string) {
    this.file = join(home, 'trusted-keys.json');
  }

  private read(): KeyFile {
    if (!existsSync(this.file)) return {};
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as KeyFile;
    } catch (error) {
      throw new PlyError('PLY_SIGNATURE_INVALID', `${this.file} is not valid JSON: fix or delete it`, { cause: error });
    }
  }

  get(registry: string): RegistryKey[] | undefined {
    return this.read()[registry];
  }

  /** Stores a registry's keys, unless keys for it are already trusted (never silently replaced). */
  trustOnFirstUse(registry: string, keys: RegistryKey[]): RegistryKey[] {
    const all = this.read();
    const known = all[registry];
    if (known) return known;
    all[registry] = keys;
    writeFileAtomic(this.file, `${JSON.stringify(all, null, 2)}\n`);
    return keys;
  }
}
