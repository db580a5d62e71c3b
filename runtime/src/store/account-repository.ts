import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { PlyError } from '@ply/core';
import type { SecretBox } from './secret-box.js';

/** A secret as shown to people: whether it is set, never its value. */
export interface SecretMarker {
  set: true;
}

/** An account for display (API, CLI): secret values replaced by `{ set: true }`. */
export interface AccountView {
  id: string;
  module: string;
  name: string;
  configuration: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** An account for a run: the whole configuration, secrets decrypted. Never log or return it. */
export interface AccountForRun {
  id: string;
  module: string;
  name: string;
  configuration: Record<string, unknown>;
  /** Changes on every update: a key for caches of decrypted configurations. */
  updatedAt: number;
}

export interface AccountInput {
  module: string;
  name: string;
  configuration: Record<string, unknown>;
  /** Keys of the configuration that are secret: the module manifest's `secrets` array. */
  secretKeys: readonly string[];
}

export interface AccountUpdate {
  name?: string;
  /**
   * Replaces the non-secret keys. Secret keys given here replace the stored ones, secret keys
   * left out keep their stored value (secrets are write-only), and a secret set to null is removed.
   */
  configuration?: Record<string, unknown>;
  secretKeys: readonly string[];
}

interface AccountRow {
  id: string;
  module: string;
  name: string;
  configuration: string;
  secrets: string | null;
  secret_keys: string;
  created_at: number;
  updated_at: number;
}

function split(configuration: Record<string, unknown>, secretKeys: readonly string[]): { plain: Record<string, unknown>; secrets: Record<string, unknown> } {
  const keys = new Set(secretKeys);
  const plain: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(configuration)) {
    if (!keys.has(key)) plain[key] = value;
    else secrets[key] = value;
  }
  return { plain, secrets };
}

/**
 * Named module configurations ("accounts"), several per module. Secret keys are stored apart
 * from the rest, sealed with AES-256-GCM; only {@link configurationForRun} decrypts them.
 */
export class AccountRepository {
  /**
   * Decrypted configurations for runs, keyed by module and name. Every write of an account goes
   * through this repository and empties the map, so a run reads no row at all: that read was the
   * only SQLite read of a playbook run. A runtime owns its store (one `ply serve` per $PLY_HOME).
   */
  private readonly forRun = new Map<string, AccountForRun>();
  private readonly insertRow: Database.Statement;
  private readonly updateRow: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly byName: Database.Statement;
  private readonly all: Database.Statement;
  private readonly ofModule: Database.Statement;
  private readonly deleteRow: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly box: SecretBox,
  ) {
    this.insertRow = db.prepare('INSERT INTO accounts (id, module, name, configuration, secrets, secret_keys, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.updateRow = db.prepare('UPDATE accounts SET name = ?, configuration = ?, secrets = ?, secret_keys = ?, updated_at = ? WHERE id = ?');
    this.byId = db.prepare('SELECT * FROM accounts WHERE id = ?');
    this.byName = db.prepare('SELECT * FROM accounts WHERE module = ? AND name = ?');
    this.all = db.prepare('SELECT * FROM accounts ORDER BY module, name');
    this.ofModule = db.prepare('SELECT * FROM accounts WHERE module = ? ORDER BY name');
    this.deleteRow = db.prepare('DELETE FROM accounts WHERE id = ?');
  }

  /** @throws PlyError PLY_ACCOUNT_EXISTS when the module already has an account of that name. */
  create(input: AccountInput): AccountView {
    const id = randomUUID();
    const now = Date.now();
    const { plain, secrets } = split(input.configuration, input.secretKeys);
    for (const [key, value] of Object.entries(secrets)) if (value === null || value === undefined) delete secrets[key];
    const sealed = Object.keys(secrets).length > 0 ? this.box.seal(secrets, id) : null;
    try {
      this.forRun.clear();
      this.insertRow.run(id, input.module, input.name, JSON.stringify(plain), sealed, JSON.stringify(Object.keys(secrets)), now, now);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new PlyError('PLY_ACCOUNT_EXISTS', `module "${input.module}" already has an account named "${input.name}"`, { details: { module: input.module, name: input.name } });
      }
      throw error;
    }
    return this.get(id);
  }

  update(id: string, update: AccountUpdate): AccountView {
    const row = this.row(id);
    let plain = JSON.parse(row.configuration) as Record<string, unknown>;
    let secrets = row.secrets === null ? {} : (this.box.open(row.secrets, id) as Record<string, unknown>);
    if (update.configuration) {
      const next = split(update.configuration, update.secretKeys);
      plain = next.plain;
      secrets = { ...secrets, ...next.secrets };
      for (const [key, value] of Object.entries(next.secrets)) if (value === null) delete secrets[key];
    }
    const sealed = Object.keys(secrets).length > 0 ? this.box.seal(secrets, id) : null;
    try {
      this.forRun.clear();
      this.updateRow.run(update.name ?? row.name, JSON.stringify(plain), sealed, JSON.stringify(Object.keys(secrets)), Math.max(Date.now(), row.updated_at + 1), id);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new PlyError('PLY_ACCOUNT_EXISTS', `module "${row.module}" already has an account named "${update.name ?? row.name}"`);
      }
      throw error;
    }
    return this.get(id);
  }

  /** An account for display: secrets as `{ set: true }`. */
  get(id: string): AccountView {
    return this.view(this.row(id));
  }

  find(module: string, name: string): AccountView | undefined {
    const row = this.byName.get(module, name) as AccountRow | undefined;
    return row ? this.view(row) : undefined;
  }

  list(module?: string): AccountView[] {
    const rows = (module === undefined ? this.all.all() : this.ofModule.all(module)) as AccountRow[];
    return rows.map((row) => this.view(row));
  }

  /** True when the module has an account of that name (no decryption). */
  exists(module: string, name: string): boolean {
    return this.byName.get(module, name) !== undefined;
  }

  /**
   * The configuration of an account with its secrets decrypted, for handing to a run.
   *
   * @throws PlyError PLY_ACCOUNT_NOT_FOUND, or PLY_SECRET_KEY_INVALID when the key is wrong.
   */
  configurationForRun(module: string, name: string): AccountForRun {
    // Runs of one account reuse one decrypted object until the account changes: no read and no
    // decryption per run, and the executor's per-configuration cache recognises the object.
    const key = `${module}\0${name}`;
    const cached = this.forRun.get(key);
    if (cached) return cached;
    const row = this.byName.get(module, name) as AccountRow | undefined;
    if (!row) throw new PlyError('PLY_ACCOUNT_NOT_FOUND', `module "${module}" has no account named "${name}"`, { details: { module, name } });
    const plain = JSON.parse(row.configuration) as Record<string, unknown>;
    const secrets = row.secrets === null ? {} : (this.box.open(row.secrets, row.id) as Record<string, unknown>);
    const account: AccountForRun = { id: row.id, module: row.module, name: row.name, configuration: Object.freeze({ ...plain, ...secrets }), updatedAt: row.updated_at };
    if (this.forRun.size >= 1000) this.forRun.delete(this.forRun.keys().next().value!);
    this.forRun.set(key, account);
    return account;
  }

  delete(id: string): boolean {
    this.forRun.clear();
    return this.deleteRow.run(id).changes > 0;
  }

  private row(id: string): AccountRow {
    const row = this.byId.get(id) as AccountRow | undefined;
    if (!row) throw new PlyError('PLY_ACCOUNT_NOT_FOUND', `no account with id ${id}`, { details: { id } });
    return row;
  }

  private view(row: AccountRow): AccountView {
    const configuration = JSON.parse(row.configuration) as Record<string, unknown>;
    // The names of the sealed keys are stored in clear, so display never decrypts anything.
    for (const key of JSON.parse(row.secret_keys) as string[]) configuration[key] = { set: true } satisfies SecretMarker;
    return { id: row.id, module: row.module, name: row.name, configuration, createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString() };
  }
}
