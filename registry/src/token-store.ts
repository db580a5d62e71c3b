import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@ply/core/manifest';

interface TokenEntry {
  /** sha256 of the token, hex: the token itself is never stored. */
  hash: string;
  user: string;
  createdAt: string;
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Publish tokens in `<storage>/tokens.json`, stored as hashes. The file is re-read when it
 * changes, so `ply registry token create` works while the registry runs.
 */
export class TokenStore {
  private readonly file: string;
  private cached: { mtimeMs: number; entries: TokenEntry[] } | undefined;

  constructor(storage: string) {
    this.file = join(storage, 'tokens.json');
  }

  /** Creates a token for `user` and returns it (shown once; only its hash is kept). */
  create(user: string): string {
    const token = `ply_${randomBytes(32).toString('base64url')}`;
    const entries = [...this.entries(), { hash: hashOf(token), user, createdAt: new Date().toISOString() }];
    writeFileAtomic(this.file, `${JSON.stringify(entries, null, 2)}\n`);
    return token;
  }

  /** The user a token belongs to, or undefined. */
  userOf(token: string): string | undefined {
    const hash = Buffer.from(hashOf(token));
    return this.entries().find((entry) => entry.hash.length === hash.length && timingSafeEqual(Buffer.from(entry.hash), hash))?.user;
  }

  private entries(): TokenEntry[] {
    if (!existsSync(this.file)) return [];
    const { mtimeMs } = statSync(this.file);
    if (this.cached?.mtimeMs !== mtimeMs) this.cached = { mtimeMs, entries: JSON.parse(readFileSync(this.file, 'utf8')) as TokenEntry[] };
    return this.cached.entries;
  }
}
