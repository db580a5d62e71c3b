import type { SecretBox } from './secret-box.js';
import type { SqlDatabase } from './sql/sql-database.js';
import { sql } from './sql/sql-query.js';

/** The names of the keys the store keeps (`store_keys.name`). */
export type StoreKeyName = 'webhook';

const Q = {
  get: sql<[string], { sealed: string }>('SELECT sealed FROM store_keys WHERE name = ?'),
  // Two processes starting together: the first insert wins, the other reads it back.
  create: sql<[string, string]>('INSERT INTO store_keys (name, sealed) VALUES (?, ?) ON CONFLICT (name) DO NOTHING'),
} as const;

/** The associated data a store key is sealed with: bound to its name. */
export const storeKeyAad = (name: StoreKeyName): string => `store-key:${name}`;

/**
 * Keys the store keeps sealed under the secret key. The webhook key is what webhook tokens are
 * derived from: created on first use from the secret key itself (so tokens made before this
 * table existed stay the same), then kept across secret-key rotations, which re-seal it.
 */
export class StoreKeyRepository {
  private webhook: Promise<Buffer> | undefined;

  constructor(
    private readonly db: SqlDatabase,
    private readonly box: SecretBox,
    private readonly secretKey: () => Buffer,
  ) {}

  /**
   * The key webhook tokens derive from (read once per process).
   *
   * @throws PlyError PLY_SECRET_KEY_INVALID when it was sealed under another secret key.
   */
  webhookKey(): Promise<Buffer> {
    this.webhook ??= this.read('webhook', () => this.secretKey()).catch((error: unknown) => {
      this.webhook = undefined;
      throw error;
    });
    return this.webhook;
  }

  private async read(name: StoreKeyName, initial: () => Buffer): Promise<Buffer> {
    let row = await this.db.get(Q.get, name);
    if (!row) {
      await this.db.run(Q.create, name, this.box.sealText(initial().toString('base64'), storeKeyAad(name)));
      row = (await this.db.get(Q.get, name))!;
    }
    return Buffer.from(this.box.openText(row.sealed, storeKeyAad(name)), 'base64');
  }
}
