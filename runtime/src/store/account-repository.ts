import { randomUUID } from 'node:crypto';
import { PlyError } from '@ply/core';
import type { SecretBox } from './secret-box.js';
import type { SqlDatabase } from './sql/sql-database.js';
import { sql } from './sql/sql-query.js';
import type { StoreChanges } from './store-changes.js';

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
  /** Checks the whole configuration (secrets included) before anything is written; throws to refuse it. */
  check?: (configuration: Record<string, unknown>) => void;
}

export interface AccountUpdate {
  name?: string;
  /**
   * Replaces the non-secret keys. Secret keys given here replace the stored ones, secret keys
   * left out keep their stored value (secrets are write-only), and a secret set to null is removed.
   */
  configuration?: Record<string, unknown>;
  secretKeys: readonly string[];
  /** Checks the whole configuration after the update (stored secrets included) before it is written. */
  check?: (configuration: Record<string, unknown>) => void;
}

type AccountRow = {
  id: string;
  module: string;
  name: string;
  configuration: string;
  secrets: string | null;
  secret_keys: string;
  created_at: number;
  updated_at: number;
};

const Q = {
  insert: sql<[string, string, string, string, string | null, string, number, number]>(
    'INSERT INTO accounts (id, module, name, configuration, secrets, secret_keys, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ),
  update: sql<[string, string, string | null, string, number, string]>('UPDATE accounts SET name = ?, configuration = ?, secrets = ?, secret_keys = ?, updated_at = ? WHERE id = ?'),
  byId: sql<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?'),
  byName: sql<[string, string], AccountRow>('SELECT * FROM accounts WHERE module = ? AND name = ?'),
  exists: sql<[string, string], { id: string }>('SELECT id FROM accounts WHERE module = ? AND name = ?'),
  all: sql<[], AccountRow>('SELECT * FROM accounts ORDER BY module, name'),
  ofModule: sql<[string], AccountRow>('SELECT * FROM accounts WHERE module = ? ORDER BY name'),
  delete: sql<[string]>('DELETE FROM accounts WHERE id = ?'),
} as const;

/** Longest account name: it shows in pages, lists and playbooks. */
export const MAX_ACCOUNT_NAME_LENGTH = 128;

/** Refuses an empty, blank, overlong name or one with control characters (NUL, line breaks...). */
function checkName(name: string): void {
  if (name.trim() === '' || name.length > MAX_ACCOUNT_NAME_LENGTH || /\p{Cc}/u.test(name)) {
    throw new PlyError('PLY_INVALID_INPUT', `an account name must be 1 to ${MAX_ACCOUNT_NAME_LENGTH} characters, not blank, without control characters`, {
      details: { issues: [{ pointer: '/name', message: `must be 1 to ${MAX_ACCOUNT_NAME_LENGTH} characters without control characters` }] },
    });
  }
}

/** What reads show in place of a secret: sent back in an update, it means "unchanged". */
function isMaskedSecret(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && (value as { set?: unknown }).set === true;
}

function split(configuration: Record<string, unknown>, secretKeys: readonly string[]): { plain: Record<string, unknown>; secrets: Record<string, unknown> } {
  const keys = new Set(secretKeys);
  const plain: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(configuration)) {
    if (!keys.has(key)) plain[key] = value;
    else if (!isMaskedSecret(value)) secrets[key] = value;
  }
  return { plain, secrets };
}

/**
 * Named module configurations ("accounts"), several per module. Secret keys are stored apart
 * from the rest, sealed with AES-256-GCM; only {@link configurationForRun} decrypts them.
 */
export class AccountRepository {
  /**
   * Decrypted configurations for runs, keyed by module and name, so a run reads no row: that
   * read was the only database read of a playbook run. Emptied on every change of an account,
   * here or (through the store's change bus) in another process of the cluster.
   */
  private readonly forRun = new Map<string, AccountForRun>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly box: SecretBox,
    private readonly changes: StoreChanges,
  ) {
    changes.onChange((topic) => {
      if (topic === 'accounts') this.forRun.clear();
    });
  }

  /** @throws PlyError PLY_ACCOUNT_EXISTS when the module already has an account of that name. */
  async create(input: AccountInput): Promise<AccountView> {
    const id = randomUUID();
    const now = Date.now();
    checkName(input.name);
    const { plain, secrets } = split(input.configuration, input.secretKeys);
    for (const [key, value] of Object.entries(secrets)) if (value === null || value === undefined) delete secrets[key];
    input.check?.(structuredClone({ ...plain, ...secrets }));
    const sealed = Object.keys(secrets).length > 0 ? this.box.seal(secrets, id) : null;
    try {
      await this.db.run(Q.insert, id, input.module, input.name, JSON.stringify(plain), sealed, JSON.stringify(Object.keys(secrets)), now, now);
    } catch (error) {
      if (this.db.isUniqueViolation(error)) {
        throw new PlyError('PLY_ACCOUNT_EXISTS', `module "${input.module}" already has an account named "${input.name}"`, { details: { module: input.module, name: input.name } });
      }
      throw error;
    }
    this.changes.changed('accounts');
    return this.get(id);
  }

  async update(id: string, update: AccountUpdate): Promise<AccountView> {
    if (update.name !== undefined) checkName(update.name);
    const row = await this.row(id);
    let plain = JSON.parse(row.configuration) as Record<string, unknown>;
    let secrets = row.secrets === null ? {} : (this.box.open(row.secrets, id) as Record<string, unknown>);
    if (update.configuration) {
      const next = split(update.configuration, update.secretKeys);
      plain = next.plain;
      secrets = { ...secrets, ...next.secrets };
      for (const [key, value] of Object.entries(next.secrets)) if (value === null) delete secrets[key];
    }
    update.check?.(structuredClone({ ...plain, ...secrets }));
    const sealed = Object.keys(secrets).length > 0 ? this.box.seal(secrets, id) : null;
    try {
      await this.db.run(Q.update, update.name ?? row.name, JSON.stringify(plain), sealed, JSON.stringify(Object.keys(secrets)), Math.max(Date.now(), row.updated_at + 1), id);
    } catch (error) {
      if (this.db.isUniqueViolation(error)) {
        throw new PlyError('PLY_ACCOUNT_EXISTS', `module "${row.module}" already has an account named "${update.name ?? row.name}"`);
      }
      throw error;
    } finally {
      this.changes.changed('accounts');
    }
    return this.get(id);
  }

  /** An account for display: secrets as `{ set: true }`. */
  async get(id: string): Promise<AccountView> {
    return this.view(await this.row(id));
  }

  async find(module: string, name: string): Promise<AccountView | undefined> {
    const row = await this.db.get(Q.byName, module, name);
    return row ? this.view(row) : undefined;
  }

  async list(module?: string): Promise<AccountView[]> {
    const rows = module === undefined ? await this.db.all(Q.all) : await this.db.all(Q.ofModule, module);
    return rows.map((row) => this.view(row));
  }

  /** True when the module has an account of that name (no decryption). */
  async exists(module: string, name: string): Promise<boolean> {
    return this.forRun.has(`${module}\0${name}`) || (await this.db.get(Q.exists, module, name)) !== undefined;
  }

  /**
   * The configuration of an account with its secrets decrypted, for handing to a run; a settled
   * cache hit needs no await ({@link cachedForRun}).
   *
   * @throws PlyError PLY_ACCOUNT_NOT_FOUND, or PLY_SECRET_KEY_INVALID when the key is wrong.
   */
  async configurationForRun(module: string, name: string): Promise<AccountForRun> {
    const cached = this.cachedForRun(module, name);
    if (cached) return cached;
    const row = await this.db.get(Q.byName, module, name);
    if (!row) throw new PlyError('PLY_ACCOUNT_NOT_FOUND', `module "${module}" has no account named "${name}"`, { details: { module, name } });
    const plain = JSON.parse(row.configuration) as Record<string, unknown>;
    const secrets = row.secrets === null ? {} : (this.box.open(row.secrets, row.id) as Record<string, unknown>);
    const account: AccountForRun = { id: row.id, module: row.module, name: row.name, configuration: Object.freeze({ ...plain, ...secrets }), updatedAt: row.updated_at };
    if (this.forRun.size >= 1000) this.forRun.delete(this.forRun.keys().next().value!);
    this.forRun.set(`${module}\0${name}`, account);
    return account;
  }

  /**
   * The decrypted account when this process has it in memory: runs of one account reuse one
   * object until the account changes (no read, no decryption per run, and the executor's
   * per-configuration cache recognises the object).
   */
  cachedForRun(module: string, name: string): AccountForRun | undefined {
    return this.forRun.get(`${module}\0${name}`);
  }

  async delete(id: string): Promise<boolean> {
    const deleted = (await this.db.run(Q.delete, id)) > 0;
    this.changes.changed('accounts');
    return deleted;
  }

  private async row(id: string): Promise<AccountRow> {
    const row = await this.db.get(Q.byId, id);
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
