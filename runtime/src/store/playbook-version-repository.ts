import type { SqlDatabase } from './sql/sql-database.js';
import { sql } from './sql/sql-query.js';

/** One saved document of a playbook: every create, update and restore keeps one. */
export interface PlaybookVersionRecord {
  playbookId: string;
  version: number;
  name: string;
  document: unknown;
  /** The JSON or YAML text it was saved from, when it came as text (the console's editor, the API). */
  source: string | null;
  /** Who saved it (an API token's name), when known. */
  savedBy: string | null;
  createdAt: string;
}

type VersionRow = { playbook_id: string; version: number; name: string; document: string; source: string | null; saved_by: string | null; created_at: number };

/** Copies the playbook's current row as a version (run in the same transaction as the write). */
export const KEEP_CURRENT_VERSION = sql<[string | null, string | null, string]>(
  'INSERT INTO playbook_versions (playbook_id, version, name, document, source, saved_by, created_at) SELECT id, version, name, document, ?, ?, updated_at FROM playbooks WHERE id = ?',
);

const Q = {
  one: sql<[string, number], VersionRow>('SELECT * FROM playbook_versions WHERE playbook_id = ? AND version = ?'),
  all: sql<[string, number], VersionRow>('SELECT * FROM playbook_versions WHERE playbook_id = ? ORDER BY version DESC LIMIT ?'),
} as const;

/** The kept versions of playbooks, newest first (written by `PlaybookRepository`). */
export class PlaybookVersionRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Versions of one playbook, newest first; `limit` defaults to 100. */
  async list(playbookId: string, limit = 100): Promise<PlaybookVersionRecord[]> {
    return (await this.db.all(Q.all, playbookId, limit)).map(toRecord);
  }

  /** One version, or undefined when it was never kept (or the playbook is gone). */
  async find(playbookId: string, version: number): Promise<PlaybookVersionRecord | undefined> {
    const row = await this.db.get(Q.one, playbookId, version);
    return row ? toRecord(row) : undefined;
  }
}

function toRecord(row: VersionRow): PlaybookVersionRecord {
  return {
    playbookId: row.playbook_id,
    version: Number(row.version),
    name: row.name,
    document: JSON.parse(row.document),
    source: row.source,
    savedBy: row.saved_by,
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}
