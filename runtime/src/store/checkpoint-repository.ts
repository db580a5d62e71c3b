import type { CheckpointStore } from '@ply/core';
import type { RecordSealer } from './record-sealer.js';
import type { SqlDatabase } from './sql/sql-database.js';
import { sql } from './sql/sql-query.js';

/** Whose checkpoint: a trigger instance or a connector instance. */
export type CheckpointOwnerKind = 'trigger' | 'connector';

const Q = {
  read: sql<[CheckpointOwnerKind, string], { value: string }>('SELECT value FROM checkpoints WHERE kind = ? AND owner_id = ?'),
  write: sql<[CheckpointOwnerKind, string, string, number]>(
    'INSERT INTO checkpoints (kind, owner_id, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, owner_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  ),
  delete: sql<[CheckpointOwnerKind, string]>('DELETE FROM checkpoints WHERE kind = ? AND owner_id = ?'),
} as const;

/** The checkpoint of one trigger or connector instance, backed by the store. */
export class StoredCheckpoint<T = unknown> implements CheckpointStore<T> {
  constructor(
    private readonly repository: CheckpointRepository,
    readonly kind: CheckpointOwnerKind,
    readonly ownerId: string,
  ) {}

  async get(): Promise<T | undefined> {
    return (await this.repository.read(this.kind, this.ownerId)) as T | undefined;
  }

  set(value: T): Promise<void> {
    return this.repository.write(this.kind, this.ownerId, value);
  }
}

/**
 * Durable checkpoints of triggers and connectors (JSON values, one per instance). In a cluster
 * they live in the shared database, so the process that takes a lease over resumes from them.
 * Values are sealed (they may quote event data: a cursor, the last alert's id), bound to their owner.
 */
export class CheckpointRepository {
  constructor(
    private readonly db: SqlDatabase,
    private readonly sealer: RecordSealer,
  ) {}

  /** The {@link CheckpointStore} handed to a trigger's or connector's context. */
  for<T = unknown>(kind: CheckpointOwnerKind, ownerId: string): CheckpointStore<T> {
    return new StoredCheckpoint<T>(this, kind, ownerId);
  }

  async read(kind: CheckpointOwnerKind, ownerId: string): Promise<unknown> {
    const row = await this.db.get(Q.read, kind, ownerId);
    return row ? JSON.parse(this.sealer.open(row.value, `${kind}:${ownerId}`)) : undefined;
  }

  /** Writes durably (the statement commits before this resolves). */
  async write(kind: CheckpointOwnerKind, ownerId: string, value: unknown): Promise<void> {
    await this.db.run(Q.write, kind, ownerId, this.sealer.seal(JSON.stringify(value ?? null), `${kind}:${ownerId}`), Date.now());
  }

  async clear(kind: CheckpointOwnerKind, ownerId: string): Promise<void> {
    await this.db.run(Q.delete, kind, ownerId);
  }
}
