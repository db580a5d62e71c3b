import { randomUUID } from 'node:crypto';
import { PlyError } from '@ply/core';
import type { SecretMarker } from './account-repository.js';
import type { SecretBox } from './secret-box.js';
import type { SqlDatabase } from './sql/sql-database.js';
import { bind, sql } from './sql/sql-query.js';
import type { StoreChanges } from './store-changes.js';

/** A connector instance for display (API, console): secrets, the intake key included, as `{ set: true }`. */
export interface ConnectorInstanceView {
  id: string;
  module: string;
  connector: string;
  /** The module configuration's account name, or null for a module without configuration. */
  account: string | null;
  arguments: Record<string, unknown>;
  intake: { url: string; key: SecretMarker | null };
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A connector instance for a run: secrets decrypted. Never log or return it. */
export interface ConnectorInstanceForRun {
  id: string;
  module: string;
  connector: string;
  account: string | null;
  arguments: Record<string, unknown>;
  /** `key` is the stored intake key, else the connector's own `intake_key` argument (Sekoia's convention). */
  intake: { url: string; key: string | undefined };
  enabled: boolean;
  /** Changes on every update: the supervisor restarts an instance whose stamp changed. */
  updatedAt: number;
}

export interface ConnectorInstanceInput {
  module: string;
  connector: string;
  account?: string | null;
  arguments: Record<string, unknown>;
  /** Argument keys that are secret (the connector's `secrets`, and `intake_key`): sealed, write-only. */
  secretKeys: readonly string[];
  intake: { url: string; key?: string };
  enabled?: boolean;
  /** Told the whole instance (secrets decrypted) before it is written; throws (or rejects) to refuse it. */
  check?: (instance: ConnectorInstanceForRun) => void | Promise<void>;
}

export interface ConnectorInstanceUpdate {
  account?: string | null;
  /**
   * Replaces the non-secret arguments. Secret keys given here replace the stored ones, secret
   * keys left out keep their value (write-only), a secret set to null is removed.
   */
  arguments?: Record<string, unknown>;
  /** `key: null` removes the stored intake key; left out, it is kept. */
  intake?: { url?: string; key?: string | null };
  enabled?: boolean;
  secretKeys: readonly string[];
  check?: (instance: ConnectorInstanceForRun) => void | Promise<void>;
}

type Row = {
  id: string;
  module: string;
  connector: string;
  account: string | null;
  arguments: string;
  secrets: string | null;
  secret_keys: string;
  intake_url: string;
  intake_key_set: number;
  enabled: number;
  created_at: number;
  updated_at: number;
};

const Q = {
  insert: sql<[string, string, string, string | null, string, string | null, string, string, number, number, number, number]>(
    'INSERT INTO connector_instances (id, module, connector, account, arguments, secrets, secret_keys, intake_url, intake_key_set, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ),
  update: sql<[string | null, string, string | null, string, string, number, number, number, string]>(
    'UPDATE connector_instances SET account = ?, arguments = ?, secrets = ?, secret_keys = ?, intake_url = ?, intake_key_set = ?, enabled = ?, updated_at = ? WHERE id = ?',
  ),
  byId: sql<[string], Row>('SELECT * FROM connector_instances WHERE id = ?'),
  all: sql<[], Row>('SELECT * FROM connector_instances ORDER BY created_at, id'),
  enabledStamps: sql<[], { id: string; updated_at: number }>('SELECT id, updated_at FROM connector_instances WHERE enabled = 1'),
  delete: sql<[string]>('DELETE FROM connector_instances WHERE id = ?'),
  deleteCheckpoint: sql<[string]>("DELETE FROM checkpoints WHERE kind = 'connector' AND owner_id = ?"),
} as const;

/** What is sealed for one instance: its secret arguments and the intake key. */
interface Sealed {
  arguments: Record<string, unknown>;
  intakeKey?: string;
}

/** Sealed values are bound to their row by this associated data (not interchangeable with accounts'). */
/** The associated data a connector instance's secrets are sealed with. */
export const connectorSecretsAad = (id: string): string => `connector-instance:${id}`;
const aad = connectorSecretsAad;

/**
 * Configured connector instances (`ply serve` runs the enabled ones, one running instance each).
 * Secret arguments and the intake key are sealed with the store's {@link SecretBox}, as account
 * secrets are; only {@link forRun} decrypts them.
 */
export class ConnectorInstanceRepository {
  constructor(
    private readonly db: SqlDatabase,
    private readonly box: SecretBox,
    private readonly changes: StoreChanges,
  ) {}

  /** Increases on every change (here or in the cluster): the supervisor's sync loop reads the table again only then. */
  get generation(): number {
    return this.changes.generation('connectors');
  }

  async create(input: ConnectorInstanceInput): Promise<ConnectorInstanceView> {
    const id = randomUUID();
    const now = Date.now();
    const { plain, secrets } = split(input.arguments, input.secretKeys);
    for (const [key, value] of Object.entries(secrets)) if (value === null || value === undefined) delete secrets[key];
    const sealed: Sealed = { arguments: secrets, ...(input.intake.key ? { intakeKey: input.intake.key } : {}) };
    const account = input.account ?? null;
    const enabled = input.enabled ?? false;
    await input.check?.(toRun(id, input.module, input.connector, account, plain, sealed, input.intake.url, enabled, now));
    await this.db.run(Q.insert, id, input.module, input.connector, account, JSON.stringify(plain), this.seal(sealed, id), JSON.stringify(Object.keys(secrets)), input.intake.url, sealed.intakeKey ? 1 : 0, enabled ? 1 : 0, now, now);
    this.changes.changed('connectors');
    return this.get(id);
  }

  async update(id: string, update: ConnectorInstanceUpdate): Promise<ConnectorInstanceView> {
    const row = await this.row(id);
    let plain = JSON.parse(row.arguments) as Record<string, unknown>;
    const sealed = this.open(row);
    if (update.arguments) {
      const next = split(update.arguments, update.secretKeys);
      plain = next.plain;
      sealed.arguments = { ...sealed.arguments, ...next.secrets };
      for (const [key, value] of Object.entries(next.secrets)) if (value === null) delete sealed.arguments[key];
    }
    if (update.intake?.key === null) delete sealed.intakeKey;
    else if (update.intake?.key) sealed.intakeKey = update.intake.key;
    const account = update.account === undefined ? row.account : update.account;
    const url = update.intake?.url ?? row.intake_url;
    const enabled = update.enabled ?? row.enabled === 1;
    const stamp = Math.max(Date.now(), row.updated_at + 1);
    await update.check?.(toRun(id, row.module, row.connector, account, plain, sealed, url, enabled, stamp));
    await this.db.run(Q.update, account, JSON.stringify(plain), this.seal(sealed, id), JSON.stringify(Object.keys(sealed.arguments)), url, sealed.intakeKey ? 1 : 0, enabled ? 1 : 0, stamp, id);
    this.changes.changed('connectors');
    return this.get(id);
  }

  /** @throws PlyError PLY_CONNECTOR_NOT_FOUND */
  async get(id: string): Promise<ConnectorInstanceView> {
    return view(await this.row(id));
  }

  async list(): Promise<ConnectorInstanceView[]> {
    return (await this.db.all(Q.all)).map(view);
  }

  /** Ids and stamps of the enabled instances, without decrypting anything (the sync loop's question). */
  async enabledStamps(): Promise<Map<string, number>> {
    return new Map((await this.db.all(Q.enabledStamps)).map((row) => [row.id, row.updated_at]));
  }

  /**
   * The instance with its secrets decrypted, for handing to the connector.
   *
   * @throws PlyError PLY_CONNECTOR_NOT_FOUND, or PLY_SECRET_KEY_INVALID when the key is wrong.
   */
  async forRun(id: string): Promise<ConnectorInstanceForRun> {
    const row = await this.row(id);
    return toRun(row.id, row.module, row.connector, row.account, JSON.parse(row.arguments) as Record<string, unknown>, this.open(row), row.intake_url, row.enabled === 1, row.updated_at);
  }

  /** Deletes the instance and its checkpoint (one transaction); false when there was none. */
  async delete(id: string): Promise<boolean> {
    const [, deleted] = await this.db.batch([bind(Q.deleteCheckpoint, id), bind(Q.delete, id)]);
    if (deleted! > 0) this.changes.changed('connectors');
    return deleted! > 0;
  }

  private async row(id: string): Promise<Row> {
    const row = await this.db.get(Q.byId, id);
    if (!row) throw new PlyError('PLY_CONNECTOR_NOT_FOUND', `no connector instance with id ${id}`, { details: { id } });
    return row;
  }

  private seal(sealed: Sealed, id: string): string | null {
    return Object.keys(sealed.arguments).length > 0 || sealed.intakeKey ? this.box.seal(sealed, aad(id)) : null;
  }

  private open(row: Row): Sealed {
    if (row.secrets === null) return { arguments: {} };
    const opened = this.box.open(row.secrets, aad(row.id)) as Sealed;
    return { arguments: { ...opened.arguments }, ...(opened.intakeKey ? { intakeKey: opened.intakeKey } : {}) };
  }
}

function split(values: Record<string, unknown>, secretKeys: readonly string[]): { plain: Record<string, unknown>; secrets: Record<string, unknown> } {
  const keys = new Set(secretKeys);
  const plain: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (keys.has(key)) secrets[key] = value;
    else plain[key] = value;
  }
  return { plain, secrets };
}

function toRun(id: string, module: string, connector: string, account: string | null, plain: Record<string, unknown>, sealed: Sealed, url: string, enabled: boolean, stamp: number): ConnectorInstanceForRun {
  const args = { ...plain, ...sealed.arguments };
  const argumentKey = typeof args['intake_key'] === 'string' ? args['intake_key'] : undefined;
  return { id, module, connector, account, arguments: args, intake: { url, key: sealed.intakeKey ?? argumentKey }, enabled, updatedAt: stamp };
}

function view(row: Row): ConnectorInstanceView {
  const args = JSON.parse(row.arguments) as Record<string, unknown>;
  // The names of the sealed keys (and whether an intake key is sealed) are kept in clear, so
  // display never decrypts anything.
  for (const key of JSON.parse(row.secret_keys) as string[]) args[key] = { set: true } satisfies SecretMarker;
  return {
    id: row.id,
    module: row.module,
    connector: row.connector,
    account: row.account,
    arguments: args,
    intake: { url: row.intake_url, key: row.intake_key_set === 1 ? { set: true } : null },
    enabled: row.enabled === 1,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
