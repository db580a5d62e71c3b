import { randomUUID } from 'node:crypto';
import { PlyError } from '@ply/core';
import type { SqlDatabase } from './sql/sql-database.js';
import { bind, sql } from './sql/sql-query.js';
import { KEEP_CURRENT_VERSION } from './playbook-version-repository.js';
import type { StoreChanges } from './store-changes.js';

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
  /** Version of its webhook token (0 until first rotated): rotating derives a new token, the old one stops working. */
  webhookTokenVersion: number;
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

type PlaybookRow = {
  id: string;
  name: string;
  document: string;
  version: number;
  enabled: number;
  consecutive_failures: number;
  disabled_reason: string | null;
  trigger_held: number;
  webhook_token_version: number;
  created_at: number;
  updated_at: number;
};

const Q = {
  insert: sql<[string, string, string, number, number, number]>('INSERT INTO playbooks (id, name, document, version, enabled, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)'),
  updateDocument: sql<[string, string, number, string]>('UPDATE playbooks SET name = ?, document = ?, version = version + 1, updated_at = ? WHERE id = ?'),
  setEnabled: sql<[number, number, number, string]>('UPDATE playbooks SET enabled = ?, consecutive_failures = CASE WHEN ? = 1 THEN 0 ELSE consecutive_failures END, disabled_reason = NULL, updated_at = ? WHERE id = ?'),
  byId: sql<[string], PlaybookRow>('SELECT * FROM playbooks WHERE id = ?'),
  runState: sql<[string], Pick<PlaybookRow, 'version' | 'enabled' | 'consecutive_failures'>>('SELECT version, enabled, consecutive_failures FROM playbooks WHERE id = ?'),
  all: sql<[], PlaybookRow>('SELECT * FROM playbooks ORDER BY name, id'),
  delete: sql<[string]>('DELETE FROM playbooks WHERE id = ?'),
  resetFailures: sql<[string]>('UPDATE playbooks SET consecutive_failures = 0 WHERE id = ? AND consecutive_failures <> 0'),
  countFailure: sql<[string], { consecutive_failures: number }>('UPDATE playbooks SET consecutive_failures = consecutive_failures + 1 WHERE id = ? RETURNING consecutive_failures'),
  autoDisable: sql<[string, number, string]>('UPDATE playbooks SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE id = ? AND enabled = 1'),
  setHeld: sql<[number, string]>('UPDATE playbooks SET trigger_held = ? WHERE id = ?'),
  rotateWebhookToken: sql<[number, string]>('UPDATE playbooks SET webhook_token_version = webhook_token_version + 1, updated_at = ? WHERE id = ?'),
} as const;

/** Playbook documents with their enabled flag, version and consecutive technical failures. */
export class PlaybookRepository {
  constructor(
    private readonly db: SqlDatabase,
    private readonly changes: StoreChanges,
  ) {}

  /**
   * Increases on every change of a playbook (in this process, or in the cluster), so callers can
   * cache what they read (the engine caches each playbook's run state) and know when to read again.
   */
  get generation(): number {
    return this.changes.generation('playbooks');
  }

  /**
   * Stores a new playbook, disabled unless `enabled` (the engine validates it first), with its
   * first version: one batch, so an enabled playbook is never seen disabled, nor an invalid one left behind.
   */
  async create(input: { name: string; document: unknown; id?: string; savedBy?: string; source?: string; enabled?: boolean }): Promise<PlaybookRecord> {
    const id = input.id ?? randomUUID();
    const now = Date.now();
    await this.db.batch([bind(Q.insert, id, input.name, JSON.stringify(input.document), input.enabled === true ? 1 : 0, now, now), bind(KEEP_CURRENT_VERSION, input.source ?? null, input.savedBy ?? null, id)]);
    this.changes.changed('playbooks');
    return this.get(id);
  }

  /** Replaces the document and increments the version (keeping it in `playbook_versions`); the enabled flag is kept. */
  async update(id: string, input: { name: string; document: unknown; savedBy?: string; source?: string }): Promise<PlaybookRecord> {
    const [changed] = await this.db.batch([bind(Q.updateDocument, input.name, JSON.stringify(input.document), Date.now(), id), bind(KEEP_CURRENT_VERSION, input.source ?? null, input.savedBy ?? null, id)]);
    if (changed === 0) throw notFound(id);
    this.changes.changed('playbooks');
    return this.get(id);
  }

  /** Enables (clearing the failure counter and any auto-disable reason) or disables. */
  async setEnabled(id: string, enabled: boolean): Promise<PlaybookRecord> {
    const changed = await this.db.run(Q.setEnabled, enabled ? 1 : 0, enabled ? 1 : 0, Date.now(), id);
    if (changed === 0) throw notFound(id);
    this.changes.changed('playbooks');
    return this.get(id);
  }

  /** Holds (an operator stopped it) or releases the playbook's supervised trigger. */
  async setTriggerHeld(id: string, held: boolean): Promise<PlaybookRecord> {
    if ((await this.db.run(Q.setHeld, held ? 1 : 0, id)) === 0) throw notFound(id);
    this.changes.changed('playbooks');
    return this.get(id);
  }

  /** Moves the playbook to a new webhook token version (its old token is refused from now on). */
  async rotateWebhookToken(id: string): Promise<PlaybookRecord> {
    if ((await this.db.run(Q.rotateWebhookToken, Date.now(), id)) === 0) throw notFound(id);
    this.changes.changed('playbooks');
    return this.get(id);
  }

  /** @throws PlyError PLY_PLAYBOOK_NOT_FOUND */
  async get(id: string): Promise<PlaybookRecord> {
    const row = await this.db.get(Q.byId, id);
    if (!row) throw notFound(id);
    return toRecord(row);
  }

  async list(): Promise<PlaybookRecord[]> {
    return (await this.db.all(Q.all)).map(toRecord);
  }

  /** Version, enabled flag and failure counter: what the engine checks before each run. */
  async runState(id: string): Promise<PlaybookRunState | undefined> {
    const row = await this.db.get(Q.runState, id);
    return row ? { version: row.version, enabled: row.enabled === 1, consecutiveFailures: row.consecutive_failures } : undefined;
  }

  /**
   * Counts a finished run: a success resets the counter, a technical failure increments it and
   * disables the playbook when it reaches `maxConsecutiveFailures`; a user error changes nothing.
   *
   * @returns whether this call disabled the playbook.
   */
  async recordOutcome(id: string, outcome: RunOutcome, maxConsecutiveFailures: number): Promise<{ disabled: boolean; consecutiveFailures: number }> {
    if (outcome === 'user_failure') return { disabled: false, consecutiveFailures: (await this.runState(id))?.consecutiveFailures ?? 0 };
    try {
      if (outcome === 'success') {
        await this.db.run(Q.resetFailures, id);
        return { disabled: false, consecutiveFailures: 0 };
      }
      const count = (await this.db.get(Q.countFailure, id))?.consecutive_failures ?? 0;
      if (count < maxConsecutiveFailures) return { disabled: false, consecutiveFailures: count };
      const reason = `disabled after ${count} consecutive technical failures`;
      return { disabled: (await this.db.run(Q.autoDisable, reason, Date.now(), id)) > 0, consecutiveFailures: count };
    } finally {
      this.changes.changed('playbooks');
    }
  }

  async delete(id: string): Promise<boolean> {
    const deleted = (await this.db.run(Q.delete, id)) > 0;
    this.changes.changed('playbooks');
    return deleted;
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
    webhookTokenVersion: row.webhook_token_version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
