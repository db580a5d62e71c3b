import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@ply/core';
import { connectorSecretsAad } from './connector-instance-repository.js';
import { RecordSealer } from './record-sealer.js';
import { SecretBox } from './secret-box.js';
import { storeKeyAad } from './store-key-repository.js';
import type { SqlDatabase } from './sql/sql-database.js';
import { bind, sql, type BoundStatement } from './sql/sql-query.js';

/** How many values {@link resealStore} wrote again, by kind. */
export interface ResealCounts {
  accounts: number;
  connectors: number;
  executions: number;
  nodes: number;
  checkpoints: number;
  files: number;
  /** The store's own keys (the webhook key). */
  keys: number;
}

/** What a rotation does besides re-sealing. */
export interface ResealOptions {
  /** Give the webhook key new random bytes: every playbook's webhook token changes (the old key may have leaked). */
  newWebhookTokens?: boolean;
}

const PAGE = 500;

const UPDATE = {
  account: sql<[string, string]>('UPDATE accounts SET secrets = ? WHERE id = ?'),
  connector: sql<[string, string]>('UPDATE connector_instances SET secrets = ? WHERE id = ?'),
  execution: sql<[string | null, string | null, string | null, string]>('UPDATE executions SET trigger_event = ?, error = ?, nodes = ? WHERE id = ?'),
  node: sql<[string | null, string | null, string | null, string, number]>('UPDATE execution_nodes SET arguments = ?, results = ?, error = ? WHERE execution_id = ? AND seq = ?'),
  checkpoint: sql<[string, string, string]>('UPDATE checkpoints SET value = ? WHERE kind = ? AND owner_id = ?'),
  storeKey: sql<[string, string]>('INSERT INTO store_keys (name, sealed) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed'),
} as const;
const STORED_WEBHOOK_KEY = sql<[], { sealed: string }>("SELECT sealed FROM store_keys WHERE name = 'webhook'");

/** Opens with the new key first: a rotation interrupted half-way is simply run again. */
function reopen(text: string, open: Array<(text: string) => string>): string {
  let failure: unknown;
  for (const attempt of open) {
    try {
      return attempt(text);
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

/** Rows of one table page by page, each page rewritten in one transaction. */
async function resealTable<R extends Record<string, unknown>>(db: SqlDatabase, select: string, rewrite: (row: R) => BoundStatement | undefined): Promise<number> {
  const query = sql<[number, number], R>(`${select} LIMIT ? OFFSET ?`);
  let count = 0;
  for (let offset = 0; ; offset += PAGE) {
    const rows = await db.all(query, PAGE, offset);
    const statements = rows.map(rewrite).filter((statement): statement is BoundStatement => statement !== undefined);
    if (statements.length > 0) await db.batch(statements);
    count += statements.length;
    if (rows.length < PAGE) return count;
  }
}

/**
 * Seals everything the store holds again under `to`: account and connector secrets, every record
 * holding event data and the value files under `<home>/executions`. Each value is opened with
 * `to` or `from` (records written in clear, before sealing existed, are sealed too), so running it
 * again after an interruption finishes the work. Run it with every process of the store stopped.
 * The webhook key is re-sealed (webhook tokens stay the same) unless `newWebhookTokens` asks for a new one.
 *
 * @throws PlyError PLY_SECRET_KEY_INVALID when a value opens under neither key (nothing of that page is written).
 */
export async function resealStore(db: SqlDatabase, home: string, from: Buffer, to: Buffer, options: ResealOptions = {}): Promise<ResealCounts> {
  const [oldBox, newBox] = [new SecretBox(() => from), new SecretBox(() => to)];
  const [oldRecords, newRecords] = [new RecordSealer(() => from), new RecordSealer(() => to)];
  const secret = (text: string, aad: string) => newBox.sealText(reopen(text, [(t) => newBox.openText(t, aad), (t) => oldBox.openText(t, aad)]), aad);
  const record = <T extends string | null>(text: T, owner: string): T =>
    (text === null ? null : newRecords.seal(reopen(text, [(t) => newRecords.open(t, owner), (t) => oldRecords.open(t, owner)]), owner)) as T;

  const accounts = await resealTable<{ id: string; secrets: string | null }>(db, 'SELECT id, secrets FROM accounts WHERE secrets IS NOT NULL ORDER BY id', (row) =>
    bind(UPDATE.account, secret(row.secrets!, row.id), row.id),
  );
  const connectors = await resealTable<{ id: string; secrets: string | null }>(db, 'SELECT id, secrets FROM connector_instances WHERE secrets IS NOT NULL ORDER BY id', (row) =>
    bind(UPDATE.connector, secret(row.secrets!, connectorSecretsAad(row.id)), row.id),
  );
  type Execution = { id: string; trigger_event: string | null; error: string | null; nodes: string | null };
  const executions = await resealTable<Execution>(db, 'SELECT id, trigger_event, error, nodes FROM executions ORDER BY id', (row) =>
    bind(UPDATE.execution, record(row.trigger_event, row.id), record(row.error, row.id), record(row.nodes, row.id), row.id),
  );
  type Node = { execution_id: string; seq: number; arguments: string | null; results: string | null; error: string | null };
  const nodes = await resealTable<Node>(db, 'SELECT execution_id, seq, arguments, results, error FROM execution_nodes ORDER BY execution_id, seq', (row) =>
    bind(
      UPDATE.node,
      record(row.arguments, row.execution_id),
      record(row.results, row.execution_id),
      record(row.error, row.execution_id),
      row.execution_id,
      row.seq,
    ),
  );
  const checkpoints = await resealTable<{ kind: string; owner_id: string; value: string }>(db, 'SELECT kind, owner_id, value FROM checkpoints ORDER BY kind, owner_id', (row) =>
    bind(UPDATE.checkpoint, record(row.value, `${row.kind}:${row.owner_id}`), row.kind, row.owner_id),
  );
  const files = resealFiles(join(home, 'executions'), record);
  // The webhook key: kept (tokens stay), or new bytes on request. A store that never derived one
  // yet gets the key its tokens come from today, the old secret key, so they stay too.
  const aad = storeKeyAad('webhook');
  const stored = await db.get(STORED_WEBHOOK_KEY);
  const sealed = options.newWebhookTokens ? newBox.sealText(randomBytes(32).toString('base64'), aad) : stored ? secret(stored.sealed, aad) : newBox.sealText(from.toString('base64'), aad);
  await db.run(UPDATE.storeKey, 'webhook', sealed);
  return { accounts, connectors, executions, nodes, checkpoints, files, keys: 1 };
}

/** The value files of every execution, each replaced whole (write to a temporary sibling, rename). */
function resealFiles(root: string, record: (text: string, owner: string) => string): number {
  if (!existsSync(root)) return 0;
  let count = 0;
  for (const execution of readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    for (const file of readdirSync(join(root, execution.name)).filter((name) => name.endsWith('.json'))) {
      const path = join(root, execution.name, file);
      writeFileAtomic(path, record(readFileSync(path, 'utf8'), `${execution.name}/${file}`));
      count += 1;
    }
  }
  return count;
}
