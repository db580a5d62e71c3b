import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { PlyError } from '@ply/core';

/** A stored playbook. `document` is the parsed JSON/YAML document, kept as given. */
export interface PlaybookRecord {
  id: string;
  name: string;
  document: unknown;
  /** Starts at 1, incremented by every update of the document. */
  version: number;
  enabled: boolean;
  /** Technical (operational) failures in a row since the last success. */
  consecutiveFailures: number;
  /** Why the playbook was disabled automatically, if it was. */
  disabledReason: string | null;
  /** Its schedule or module trigger was stopped by an operator and stays stopped until started. */
  triggerHeld: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The few columns a run needs, read with one cheap statement. */
export interface PlaybookRunState {
  version: number;
  enabled: boolean;
  consecutiveFailures: number;
}

/** How a finished execution counts towards auto-disable. */
export type RunOutcome = 'success' | 'technical_failure' | 'user_failure';

interface PlaybookRow {
  id: string;
  name: string;
  document: string;
  version: number;
  enabled: number;
  consecutive_failures: number;
  disabled_reason: string | null;
  trigger_held: number;
  created_at: number;
  updated_at: number;
}

/** Playbook documents with their enabled flag, version and consecutive technical failures. */
export class PlaybookRepository {
  private readonly insertRow: Database.Statement;
  private readonly updateDocument: Database.Statement;
  private readonly setEnabledRow: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly runStateRow: Database.Statement;
  private readonly all: Database.Statement;
  private readonly deleteRow: Database.Statement;
  private readonly resetFailures: Database.Statement;
  private readonly countFailure: Database.Statement;
  private readonly autoDisable: Database.Statement;
  private readonly setHeldRow: Database.Statement;
  private changes = 0;

  constructor(db: Database.Database) {
    this.insertRow = db.prepare('INSERT INTO playbooks (id, name, document, version, enabled, created_at, updated_at) VALUES (?, ?, ?, 1, 0, ?, ?)');
    this.updateDocument = db.prepare('UPDATE playbooks SET name = ?, document = ?, version = version + 1, updated_at = ? WHERE id = ?');
    this.setEnabledRow = db.prepare('UPDATE playbooks SET enabled = ?, consecutive_failures = CASE WHEN ? THEN 0 ELSE consecutive_failures END, disabled_reason = NULL, updated_at = ? WHERE id = ?');
    this.byId = db.prepare('SELECT * FROM playbooks WHERE id = ?');
    this.runStateRow = db.prepare('SELECT version, enabled, consecutive_failures FROM playbooks WHERE id = ?');
    this.all = db.prepare('SELECT * FROM playbooks ORDER BY name, id');
    this.deleteRow = db.prepare('DELETE FROM playbooks WHERE id = ?');
    this.resetFailures = db.prepare('UPDATE playbooks SET consecutive_failures = 0 WHERE id = ? AND consecutive_failures <> 0');
    this.countFailure = db.prepare('UPDATE playbooks SET consecutive_failures = consecutive_failures + 1 WHERE id = ? RETURNING consecutive_failures');
    this.autoDisable = db.prepare('UPDATE playbooks SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE id = ? AND enabled = 1');
    this.setHeldRow = db.prepare('UPDATE playbooks SET trigger_held = ? WHERE id = ?');
  }

  /**
   * Increases on every change this repository makes, so callers in this process can cache what
   * they read (the engine caches each playbook's run state) and know when to read again.
   */
  get generation(): number {
    return this.changes;
  }

  /** Stores a new playbook, disabled (enabling goes through validation in the engine). */
  create(input: { name: string; document: unknown; id?: string }): PlaybookRecord {
    const id = input.id ?? randomUUID();
    const now = Date.now();
    this.changes += 1;
    this.insertRow.run(id, input.name, JSON.stringify(input.document), now, now);
    return this.get(id);
  }

  /** Replaces the document and increments the version; the enabled flag is kept. */
  update(id: string, input: { name: string; document: unknown }): PlaybookRecord {
    this.changes += 1;
    if (this.updateDocument.run(input.name, JSON.stringify(input.document), Date.now(), id).changes === 0) throw notFound(id);
    return this.get(id);
  }

  /** Enables (clearing the failure counter and any auto-disable reason) or disables. */
  setEnabled(id: string, enabled: boolean): PlaybookRecord {
    this.changes += 1;
    if (this.setEnabledRow.run(enabled ? 1 : 0, enabled ? 1 : 0, Date.now(), id).changes === 0) throw notFound(id);
    return this.get(id);
  }

  /** Holds (an operator stopped it) or releases the playbook's supervised trigger. */
  setTriggerHeld(id: string, held: boolean): PlaybookRecord {
    this.changes += 1;
    if (this.setHeldRow.run(held ? 1 : 0, id).changes === 0) throw notFound(id);
    return this.get(id);
  }

  /** @throws PlyError PLY_PLAYBOOK_NOT_FOUND */
  get(id: string): PlaybookRecord {
    const row = this.byId.get(id) as PlaybookRow | undefined;
    if (!row) throw notFound(id);
    return toRecord(row);
  }

  list(): PlaybookRecord[] {
    return (this.all.all() as PlaybookRow[]).map(toRecord);
  }

  /** Version, enabled flag and failure counter: what the engine checks before each run. */
  runState(id: string): PlaybookRunState | undefined {
    const row = this.runStateRow.get(id) as Pick<PlaybookRow, 'version' | 'enabled' | 'consecutive_failures'> | undefined;
    return row ? { version: row.version, enabled: row.enabled === 1, consecutiveFailures: row.consecutive_failures } : undefined;
  }

  /**
   * Counts a finished run: a success resets the counter, a technical failure increments it and
   * disables the playbook when it reaches `maxConsecutiveFailures`; a user error changes nothing.
   *
   * @returns whether this call disabled the playbook.
   */
  recordOutcome(id: string, outcome: RunOutcome, maxConsecutiveFailures: number): { disabled: boolean; consecutiveFailures: number } {
    this.changes += 1;
    if (outcome === 'success') {
      this.resetFailures.run(id);
      return { disabled: false, consecutiveFailures: 0 };
    }
    if (outcome === 'user_failure') return { disabled: false, consecutiveFailures: this.runState(id)?.consecutiveFailures ?? 0 };
    const row = this.countFailure.get(id) as { consecutive_failures: number } | undefined;
    const count = row?.consecutive_failures ?? 0;
    if (count < maxConsecutiveFailures) return { disabled: false, consecutiveFailures: count };
    const reason = `disabled after ${count} consecutive technical failures`;
    return { disabled: this.autoDisable.run(reason, Date.now(), id).changes > 0, consecutiveFailures: count };
  }

  delete(id: string): boolean {
    this.changes += 1;
    return this.deleteRow.run(id).changes > 0;
  }
}

function notFound(id: string): PlyError {
  return new PlyError('PLY_PLAYBOOK_NOT_FOUND', `no playbook with id ${id}`, { details: { id } });
}

function toRecord(row: PlaybookRow): PlaybookRecord {
  return {
    id: row.id,
    name: row.name,
    document: JSON.parse(row.document),
    version: row.version,
    enabled: row.enabled === 1,
    consecutiveFailures: row.consecutive_failures,
    disabledReason: row.disabled_reason,
    triggerHeld: row.trigger_held === 1,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
