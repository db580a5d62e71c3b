import { open } from 'node:fs/promises';
import type Database from 'better-sqlite3';

/** Rows written between two checkpoints: about 600 WAL pages (a webhook run writes 0.6 a row), near SQLite's own 1,000. */
export const ROWS_PER_CHECKPOINT = 1000;

/** What `PRAGMA wal_checkpoint` reports: frames in the WAL, frames copied into the database, whether another connection kept it from finishing. */
export interface CheckpointResult {
  log: number;
  checkpointed: number;
  busy: boolean;
}

/**
 * SQLite's WAL checkpoints, their longest wait taken off the event loop. Under synchronous
 * NORMAL a checkpoint syncs the WAL, copies its pages into the database file and syncs that: on
 * this machine's disk about 30 ms for SQLite's 1,000 pages, during which the server answered
 * nothing (the p99 of `pnpm bench` (e), and a tenth of its throughput). The connection no longer
 * checkpoints by itself in the middle of a commit: every {@link ROWS_PER_CHECKPOINT} rows
 * written, the WAL file is first synced on libuv's thread pool (`fdatasync`, while the event
 * loop goes on), then the checkpoint runs on the connection as before, with most of the WAL
 * already on disk (6-10 ms). The checkpoint still syncs as SQLite's own does, and it still
 * finishes with every write seen, so the next write starts the WAL again from its beginning:
 * nothing changes for durability or for the WAL's size.
 */
export class WalCheckpointer {
  #rows = 0;
  #closed = false;
  #pending: Promise<CheckpointResult | undefined> | undefined;

  constructor(
    private readonly raw: Database.Database,
    private readonly walFile: string,
  ) {
    raw.pragma('wal_autocheckpoint = 0');
  }

  /** Told after every write transaction, with the rows (statements) it wrote. */
  wrote(rows: number): void {
    this.#rows += rows;
    if (this.#rows < ROWS_PER_CHECKPOINT || this.#pending !== undefined || this.#closed) return;
    this.#rows = 0;
    this.#pending = syncFile(this.walFile).then(() => {
      this.#pending = undefined;
      return this.#checkpoint();
    });
  }

  /** The checkpoint under way (its WAL being synced), if any: resolves with its outcome, undefined when the database closed first. */
  get pending(): Promise<CheckpointResult | undefined> | undefined {
    return this.#pending;
  }

  /** No checkpoint after this one: the connection is closing (the last connection checkpoints and removes the WAL itself). */
  close(): void {
    this.#closed = true;
  }

  #checkpoint(): CheckpointResult | undefined {
    if (this.#closed || !this.raw.open) return undefined;
    try {
      const [row] = this.raw.pragma('wal_checkpoint(PASSIVE)') as [{ busy: number; log: number; checkpointed: number }];
      return { log: row.log, checkpointed: row.checkpointed, busy: row.busy !== 0 };
    } catch {
      // A full disk or an I/O error: the WAL stays as it is, the next one tries again; the writes themselves report it.
      return undefined;
    }
  }
}

/** `fdatasync` of a file on libuv's thread pool; a file that cannot be opened or synced is left to the checkpoint's own sync. */
async function syncFile(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  } catch {
    // The checkpoint syncs the WAL anyway.
  }
}
