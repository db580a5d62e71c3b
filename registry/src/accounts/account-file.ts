import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@ply/core/manifest';
import { withFileLock } from './file-lock.js';

/** A registry user: who publishes, owns packages and logs in with `npm login`. */
export interface UserRecord {
  name: string;
  email?: string;
  /** `scrypt:<N>:<r>:<p>:<salt>:<hash>` (base64); absent for a user migrated from a token, who cannot log in yet. */
  password?: string;
  createdAt: string;
}

/** An organisation: its name is a scope (`@acme/*`) that only its members publish into. */
export interface OrgRecord {
  name: string;
  members: string[];
  createdAt: string;
}

export type TokenRole = 'read' | 'publish';

/** A token as stored: only its SHA-256 is kept, the token itself is shown once. */
export interface TokenRecord {
  /** What lists and revocations name the token by: the first 12 hex digits of its hash. */
  id: string;
  hash: string;
  user: string;
  role: TokenRole;
  /** Writes allowed only to this package ... */
  package?: string;
  /** ... or only to packages of this scope (`@acme`). */
  scope?: string;
  createdAt: string;
  createdBy: 'cli' | 'npm login' | 'tokens.json';
}

/** `<storage>/accounts.json`. */
export interface AccountsDocument {
  version: 1;
  users: Record<string, UserRecord>;
  orgs: Record<string, OrgRecord>;
  tokens: TokenRecord[];
}

/** The publish tokens file of registries before accounts: `[{ hash, user, createdAt }]`. */
interface LegacyToken {
  hash: string;
  user: string;
  createdAt?: string;
}

const empty = (): AccountsDocument => ({ version: 1, users: {}, orgs: {}, tokens: [] });

/**
 * The account file, re-read when another process changed it (the `ply registry` commands work
 * while the registry runs) and changed under a lock, from a fresh read, in one atomic write.
 *
 * Migration: a `tokens.json` of an older registry is folded in on first use. Each of its tokens
 * becomes a publish token of its `user`, with no restriction; each such user gets a record
 * without a password (`ply registry user passwd` gives one, for `npm login`); the old file is
 * renamed `tokens.json.migrated`.
 */
export class AccountFile {
  readonly file: string;
  private readonly legacyFile: string;
  private cached: { stamp: string; document: AccountsDocument } | undefined;

  constructor(storage: string) {
    mkdirSync(storage, { recursive: true });
    this.file = join(storage, 'accounts.json');
    this.legacyFile = join(storage, 'tokens.json');
    if (existsSync(this.legacyFile)) this.update(() => undefined);
  }

  /** The current document (do not modify it: use {@link update}). */
  read(): AccountsDocument {
    const stamp = stampOf(this.file);
    if (this.cached?.stamp === stamp) return this.cached.document;
    const document = stamp ? (JSON.parse(readFileSync(this.file, 'utf8')) as AccountsDocument) : empty();
    this.cached = { stamp, document };
    return document;
  }

  /** Applies `change` to a fresh copy under the lock and writes it when `change` returns without throwing. */
  update<T>(change: (document: AccountsDocument) => T): T {
    return withFileLock(this.file, () => {
      this.cached = undefined;
      const document = structuredClone(this.read());
      const migrated = this.migrateLegacyTokens(document);
      const result = change(document);
      writeFileAtomic(this.file, `${JSON.stringify(document, null, 2)}\n`);
      if (migrated) renameSync(this.legacyFile, `${this.legacyFile}.migrated`);
      this.cached = undefined;
      return result;
    });
  }

  private migrateLegacyTokens(document: AccountsDocument): boolean {
    if (!existsSync(this.legacyFile)) return false;
    const legacy = JSON.parse(readFileSync(this.legacyFile, 'utf8')) as LegacyToken[];
    const known = new Set(document.tokens.map((token) => token.hash));
    const now = new Date().toISOString();
    for (const token of legacy) {
      if (known.has(token.hash)) continue;
      document.tokens.push({ id: token.hash.slice(0, 12), hash: token.hash, user: token.user, role: 'publish', createdAt: token.createdAt ?? now, createdBy: 'tokens.json' });
      if (!Object.hasOwn(document.users, token.user)) document.users[token.user] = { name: token.user, createdAt: token.createdAt ?? now };
    }
    return true;
  }
}

/** Changes whenever the file is replaced (a rename gives a new inode) or rewritten. */
function stampOf(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return '';
  }
}
