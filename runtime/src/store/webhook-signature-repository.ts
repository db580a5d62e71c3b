import type { SqlDatabase } from './sql/sql-database.js';
import { sql } from './sql/sql-query.js';

const Q = {
  // The first process to record a signature wins; a repeat changes no row.
  remember: sql<[string, string, number]>('INSERT INTO webhook_signatures (playbook_id, signature, seen_at) VALUES (?, ?, ?) ON CONFLICT (playbook_id, signature) DO NOTHING'),
  forget: sql<[string, string]>('DELETE FROM webhook_signatures WHERE playbook_id = ? AND signature = ?'),
  prune: sql<[number]>('DELETE FROM webhook_signatures WHERE seen_at < ?'),
} as const;

/** How often signatures older than their window are deleted. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Timestamped webhook signatures seen within their window (issue #21: a signed request copied
 * within its 300 s window used to be accepted again). Kept in the store, so a repeat is refused
 * after a restart and by every process of a cluster; rows older than the window are deleted.
 */
export class WebhookSignatureRepository {
  private prunedAt = 0;

  constructor(private readonly db: SqlDatabase) {}

  /** Records a signature seen now; resolves false when it was seen already (a replay). */
  async remember(playbookId: string, signature: string, windowMs: number, now = Date.now()): Promise<boolean> {
    if (now - this.prunedAt > PRUNE_EVERY_MS) {
      this.prunedAt = now;
      // Twice the window: a timestamp may be up to the window ahead of this clock as well as behind.
      await this.db.run(Q.prune, now - 2 * windowMs);
    }
    return (await this.db.run(Q.remember, playbookId, signature.toLowerCase(), now)) === 1;
  }

  /** Forgets a signature whose request was not accepted after all (the sender may send it again). */
  async forget(playbookId: string, signature: string): Promise<void> {
    await this.db.run(Q.forget, playbookId, signature.toLowerCase());
  }
}
