import type Database from 'better-sqlite3';
import type { CheckpointStore } from '@ply/core';

/** Whose checkpoint: a trigger instance or a connector instance. */
export type CheckpointOwnerKind = 'trigger' | 'connector';

/** The checkpoint of one trigger or connector instance, backed by the store. */
export class SqliteCheckpointStore<T = unknown> implements CheckpointStore<T> {
  constructor(
    private readonly repository: CheckpointRepository,
    readonly kind: CheckpointOwnerKind,
    readonly ownerId: string,
  ) {}

  get(): Promise<T | undefined> {
    return Promise.resolve(this.repository.read(this.kind, this.ownerId) as T | undefined);
  }

  set(value: T): Promise<void> {
    this.repository.write(this.kind, this.ownerId, value);
    return Promise.resolve();
  }
}

/** Durable checkpoints of triggers and connectors (JSON values, one per instance). */
export class CheckpointRepository {
  private readonly readRow: Database.Statement;
  private readonly writeRow: Database.Statement;
  private readonly deleteRow: Database.Statement;

  constructor(db: Database.Database) {
    this.readRow = db.prepare('SELECT value FROM checkpoints WHERE kind = ? AND owner_id = ?');
    this.writeRow = db.prepare('INSERT INTO checkpoints (kind, owner_id, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, owner_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at');
    this.deleteRow = db.prepare('DELETE FROM checkpoints WHERE kind = ? AND owner_id = ?');
  }

  /** The {@link CheckpointStore} handed to a trigger's or connector's context. */
  for<T = unknown>(kind: CheckpointOwnerKind, ownerId: string): CheckpointStore<T> {
    return new SqliteCheckpointStore<T>(this, kind, ownerId);
  }

  read(kind: CheckpointOwnerKind, ownerId: string): unknown {
    const row = this.readRow.get(kind, ownerId) as { value: string } | undefined;
    return row ? JSON.parse(row.value) : undefined;
  }

  /** Writes durably (the statement commits before this returns). */
  write(kind: CheckpointOwnerKind, ownerId: string, value: unknown): void {
    this.writeRow.run(kind, ownerId, JSON.stringify(value ?? null), Date.now());
  }

  clear(kind: CheckpointOwnerKind, ownerId: string): void {
    this.deleteRow.run(kind, ownerId);
  }
}
