import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import { PlyError } from '@ply/core';

/** Roles of the runtime API: admin installs and configures, operator runs, viewer reads. */
export type ApiRole = 'admin' | 'operator' | 'viewer';
export const API_ROLES: readonly ApiRole[] = ['admin', 'operator', 'viewer'];

export interface ApiTokenRecord {
  id: string;
  name: string;
  role: ApiRole;
  createdAt: number;
  lastUsedAt?: number;
}

interface Row {
  id: string;
  name: string;
  role: ApiRole;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
}

const PREFIX = 'ply_';

/** Tokens are 32 random bytes: a plain SHA-256 is enough to store them (no password stretching needed). */
function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toRecord(row: Row): ApiTokenRecord {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, ...(row.last_used_at === null ? {} : { lastUsedAt: row.last_used_at }) };
}

/** API tokens: created with a role, verified by hash, revoked by name. The plain token is never stored. */
export class ApiTokenRepository {
  private readonly insert: Database.Statement;
  private readonly byHash: Database.Statement;
  private readonly touch: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?)');
    this.byHash = db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?');
    this.touch = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
  }

  /** Creates a token; the returned `token` is the only copy of it. */
  create(name: string, role: ApiRole): { token: string; record: ApiTokenRecord } {
    if (!API_ROLES.includes(role)) throw new PlyError('PLY_INVALID_INPUT', `role "${role}" must be one of ${API_ROLES.join(', ')}`);
    if (!/^[\w.@-]{1,64}$/.test(name)) throw new PlyError('PLY_INVALID_INPUT', `token name "${name}" must be 1-64 letters, digits, '.', '@', '_' or '-'`);
    const token = PREFIX + randomBytes(32).toString('base64url');
    const record: ApiTokenRecord = { id: randomUUID(), name, role, createdAt: Date.now() };
    try {
      this.insert.run(record.id, name, role, hashOf(token), record.createdAt);
    } catch (error) {
      if (String((error as Error).message).includes('UNIQUE')) throw new PlyError('PLY_INVALID_INPUT', `a token named "${name}" already exists`);
      throw error;
    }
    return { token, record };
  }

  /** The token's record, or undefined for an unknown or malformed token. */
  verify(token: string): ApiTokenRecord | undefined {
    if (typeof token !== 'string' || !token.startsWith(PREFIX) || token.length > 200) return undefined;
    const hash = hashOf(token);
    const row = this.byHash.get(hash) as Row | undefined;
    if (!row || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(hash))) return undefined;
    const now = Date.now();
    // Writing on every request would cost a transaction per call: record use at most once a minute.
    if (row.last_used_at === null || now - row.last_used_at > 60_000) this.touch.run(now, row.id);
    return toRecord(row);
  }

  list(): ApiTokenRecord[] {
    return (this.db.prepare('SELECT * FROM api_tokens ORDER BY name').all() as Row[]).map(toRecord);
  }

  /** Revokes a token by name; false when there was none. */
  revoke(name: string): boolean {
    return this.db.prepare('DELETE FROM api_tokens WHERE name = ?').run(name).changes > 0;
  }
}
