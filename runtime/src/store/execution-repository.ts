import type Database from 'better-sqlite3';
import { PlyError } from '@ply/core';
import { timeOrderedId } from './time-ordered-id.js';
import { isFileReference, type FileReference, type StoredValues } from './stored-value.js';
import type { WriteBatcher } from './write-batcher.js';
import type { ExecutionFilter, ExecutionRecord, ExecutionStatus, NewExecution, NodeRecord, NodeRecordInput, NodeRecordStatus, RecordedError } from './execution-record.js';

interface PendingRow {
  id: string;
  playbookId: string;
  playbookVersion: number;
  status: ExecutionStatus;
  triggerEvent: string | null;
  error: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

interface ExecutionRow {
  id: string;
  playbook_id: string;
  playbook_version: number;
  status: ExecutionStatus;
  trigger_event: string | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

interface NodeRow {
  seq: number;
  node_id: string;
  kind: string;
  iteration: string | null;
  attempt: number;
  status: NodeRecordStatus;
  arguments: string | null;
  results: string | null;
  error: string | null;
  started_at: number;
  finished_at: number;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * Executions and their per-node records. A run costs few statements: one insert when it starts,
 * then its node records and final status. Writes go through the store's {@link WriteBatcher}:
 * concurrent runs share one commit per turn of the event loop. Reads flush queued writes first.
 */
export class ExecutionRepository {
  private readonly insertRow: Database.Statement;
  private readonly startRow: Database.Statement;
  private readonly finishRow: Database.Statement;
  private readonly insertNode: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly nodesOf: Database.Statement;
  private readonly interruptAll: Database.Statement;
  private readonly createdAtOf: Database.Statement;
  constructor(
    private readonly db: Database.Database,
    private readonly values: StoredValues,
    private readonly writes: WriteBatcher,
  ) {
    this.insertRow = db.prepare(
      'INSERT INTO executions (id, playbook_id, playbook_version, status, trigger_event, error, created_at, started_at, finished_at) VALUES (@id, @playbookId, @playbookVersion, @status, @triggerEvent, @error, @createdAt, @startedAt, @finishedAt)',
    );
    this.startRow = db.prepare("UPDATE executions SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'");
    this.finishRow = db.prepare('UPDATE executions SET status = ?, error = ?, finished_at = ? WHERE id = ?');
    this.insertNode = db.prepare(
      'INSERT INTO execution_nodes (execution_id, seq, node_id, kind, iteration, attempt, status, arguments, results, error, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.byId = db.prepare('SELECT * FROM executions WHERE id = ?');
    this.nodesOf = db.prepare('SELECT * FROM execution_nodes WHERE execution_id = ? ORDER BY seq');
    this.interruptAll = db.prepare("UPDATE executions SET status = 'interrupted', finished_at = ? WHERE status IN ('queued', 'running')");
    this.createdAtOf = db.prepare('SELECT created_at FROM executions WHERE id = ?');
  }

  /**
   * Records a new execution, `running` (the default) or `queued`, and returns its id at once.
   * The row is committed with the next batch; await {@link committed} (or the returned promise
   * of {@link createDurably}) before telling a client it is accepted.
   */
  create(input: NewExecution): string {
    const row = this.newRow(input);
    this.writes.writeLater(() => this.insertRow.run(row), () => this.pendingRows.delete(row.id));
    return row.id;
  }

  /** Like {@link create}, resolving once the row is committed (rejecting if it cannot be). */
  async createDurably(input: NewExecution): Promise<string> {
    const row = this.newRow(input);
    await this.writes.write(() => this.insertRow.run(row), () => this.pendingRows.delete(row.id));
    return row.id;
  }

  /** Rows created but not committed yet: a run that ends before the commit is inserted finished. */
  private readonly pendingRows = new Map<string, PendingRow>();

  private newRow(input: NewExecution): PendingRow {
    const now = Date.now();
    const id = input.id ?? timeOrderedId(now);
    const status = input.status ?? 'running';
    const row: PendingRow = {
      id,
      playbookId: input.playbookId,
      playbookVersion: input.playbookVersion,
      status,
      triggerEvent: this.values.encode(id, 'trigger', input.triggerEvent),
      error: null,
      createdAt: now,
      startedAt: status === 'running' ? now : null,
      finishedAt: null,
    };
    this.pendingRows.set(id, row);
    return row;
  }


  /** Moves a queued execution to running. */
  markRunning(id: string): Promise<void> {
    const now = Date.now();
    const pending = this.pendingRows.get(id);
    if (pending && pending.status === 'queued') Object.assign(pending, { status: 'running', startedAt: now });
    return this.writes.write(() => this.startRow.run(now, id));
  }

  /** Appends node records (sequence numbers from `firstSeq`), committed with the next batch. */
  appendNodes(id: string, firstSeq: number, nodes: readonly NodeRecordInput[]): Promise<void> {
    if (nodes.length === 0) return Promise.resolve();
    return this.writes.write(() => this.insertNodes(id, firstSeq, nodes));
  }

  /** Appends the last node records and sets the final status; resolves once committed. */
  finish(id: string, input: { status: 'succeeded' | 'failed' | 'interrupted'; error?: RecordedError; firstSeq: number; nodes: readonly NodeRecordInput[] }): Promise<void> {
    const now = Date.now();
    const error = input.error ? JSON.stringify(input.error) : null;
    const pending = this.pendingRows.get(id);
    if (pending) {
      // Still queued: insert it finished, one statement fewer.
      Object.assign(pending, { status: input.status, error, finishedAt: now });
      return this.writes.write(() => this.insertNodes(id, input.firstSeq, input.nodes));
    }
    return this.writes.write(() => {
      this.insertNodes(id, input.firstSeq, input.nodes);
      this.finishRow.run(input.status, error, now, id);
    });
  }

  /** Resolves once every write queued so far is committed. */
  committed(): Promise<void> {
    return this.writes.write(() => {});
  }

  /**
   * Marks every queued or running execution as interrupted: for a process that starts after a
   * crash, before it runs anything. Returns how many were marked.
   */
  markInterrupted(): number {
    this.writes.flush();
    return this.interruptAll.run(Date.now()).changes;
  }

  /** @throws PlyError PLY_EXECUTION_NOT_FOUND */
  get(id: string): ExecutionRecord {
    this.writes.flush();
    const row = this.byId.get(id) as ExecutionRow | undefined;
    if (!row) throw new PlyError('PLY_EXECUTION_NOT_FOUND', `no execution with id ${id}`, { details: { id } });
    return { ...this.toRecord(row), nodes: (this.nodesOf.all(id) as NodeRow[]).map((node) => this.toNode(node)) };
  }

  /** Executions, newest first, without their node records. */
  list(filter: ExecutionFilter = {}): ExecutionRecord[] {
    this.writes.flush();
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.playbookId !== undefined) {
      where.push('playbook_id = ?');
      params.push(filter.playbookId);
    }
    if (filter.status !== undefined) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.before !== undefined) {
      const anchor = this.createdAtOf.get(filter.before) as { created_at: number } | undefined;
      if (!anchor) throw new PlyError('PLY_EXECUTION_NOT_FOUND', `no execution with id ${filter.before}`);
      where.push('(created_at < ? OR (created_at = ? AND id < ?))');
      params.push(anchor.created_at, anchor.created_at, filter.before);
    }
    const limit = Math.min(Math.max(1, filter.limit ?? 50), 1000);
    const sql = `SELECT * FROM executions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${limit}`;
    // Filter combinations are few; better-sqlite3 has no statement cache, so keep ours.
    return (this.statement(sql).all(...params) as ExecutionRow[]).map((row) => this.toRecord(row));
  }

  /** The value behind a {@link FileReference} found in a record of this execution. */
  loadValue(executionId: string, value: unknown): unknown {
    return isFileReference(value) ? this.values.load(executionId, value as FileReference) : value;
  }

  private readonly statements = new Map<string, Database.Statement>();

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private insertNodes(id: string, firstSeq: number, nodes: readonly NodeRecordInput[]): void {
    nodes.forEach((node, index) => {
      const seq = firstSeq + index;
      const name = `${seq}-${node.nodeId}`;
      this.insertNode.run(
        id,
        seq,
        node.nodeId,
        node.kind,
        node.iteration ?? null,
        node.attempt,
        node.status,
        this.values.encode(id, `${name}-arguments`, node.arguments),
        this.values.encode(id, `${name}-results`, node.results),
        node.error ? JSON.stringify(node.error) : null,
        node.startedAt,
        node.finishedAt,
      );
    });
  }

  private toRecord(row: ExecutionRow): ExecutionRecord {
    return {
      id: row.id,
      playbookId: row.playbook_id,
      playbookVersion: row.playbook_version,
      status: row.status,
      triggerEvent: this.values.decode(row.trigger_event),
      error: row.error === null ? null : (JSON.parse(row.error) as RecordedError),
      createdAt: iso(row.created_at)!,
      startedAt: iso(row.started_at),
      finishedAt: iso(row.finished_at),
    };
  }

  private toNode(row: NodeRow): NodeRecord {
    const record: NodeRecord = {
      seq: row.seq,
      nodeId: row.node_id,
      kind: row.kind,
      attempt: row.attempt,
      status: row.status,
      startedAt: iso(row.started_at)!,
      finishedAt: iso(row.finished_at)!,
    };
    if (row.iteration !== null) record.iteration = row.iteration;
    if (row.arguments !== null) record.arguments = this.values.decode(row.arguments);
    if (row.results !== null) record.results = this.values.decode(row.results);
    if (row.error !== null) record.error = JSON.parse(row.error) as RecordedError;
    return record;
  }
}
