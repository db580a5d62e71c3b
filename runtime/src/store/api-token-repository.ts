import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { PlyError } from '@ply/core';
import type { SqlDatabase } from './sql/sql-database.js';
import { sql } from './sql/sql-query.js';

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

type Row = {
  id: string;
  name: string;
  role: ApiRole;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
};

const Q = {
  insert: sql<[string, string, ApiRole, string, number]>('INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?)'),
  byHash: sql<[string], Row>('SELECT * FROM api_tokens WHERE token_hash = ?'),
  touch: sql<[number, string]>('UPDATE api_tokens SET last_used_at = ? WHERE id = ?'),
  all: sql<[], Row>('SELECT * FROM api_tokens ORDER BY name'),
  revoke: sql<[string]>('DELETE FROM api_tokens WHERE name = ?'),
} as const;

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
  constructor(private readonly db: SqlDatabase) {}

  /** Creates a token; the returned `token` is the only copy of it. */
  async create(name: string, role: ApiRole): Promise<{ token: string; record: ApiTokenRecord }> {
    if (!API_ROLES.includes(role)) throw new PlyError('PLY_INVALID_INPUT', `role "${role}" must be one of ${API_ROLES.join(', ')}`);
    if (!/^[\w.@-]{1,64}$/.test(name)) throw new PlyError('PLY_INVALID_INPUT', `token name "${name}" must be 1-64 letters, digits, '.', '@', '_' or '-'`);
    const token = PREFIX + randomBytes(32).toString('base64url');
    const record: ApiTokenRecord = { id: randomUUID(), name, role, createdAt: Date.now() };
    try {
      await this.db.run(Q.insert, record.id, name, role, hashOf(token), record.createdAt);
    } catch (error) {
      if (this.db.isUniqueViolation(error)) throw new PlyError('PLY_INVALID_INPUT', `a token named "${name}" already exists`);
      throw error;
    }
    return { token, record };
  }

  /** The token's record, or undefined for an unknown or malformed token. */
  async verify(token: string): Promise<ApiTokenRecord | undefined> {
    if (typeof token !== 'string' || !token.startsWith(PREFIX) || token.length > 200) return undefined;
    const hash = hashOf(token);
    const row = await this.db.get(Q.byHash, hash);
    if (!row || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(hash))) return undefined;
    const now = Date.now();
    // Writing on every request would cost a transaction per call: record use at most once a minute.
    if (row.last_used_at === null || now - row.last_used_at > 60_000) await this.db.run(Q.touch, now, row.id);
    return toRecord(row);
  }

  async list(): Promise<ApiTokenRecord[]> {
    return (await this.db.all(Q.all)).map(toRecord);
  }

  /** Revokes a token by name; false when there was none. */
  async revoke(name: string): Promise<boolean> {
    return (await this.db.run(Q.revoke, name)) > 0;
  }
}
