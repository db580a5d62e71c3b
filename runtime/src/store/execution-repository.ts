import { PlyError } from '@ply/core';
import { EXECUTION_SQL as Q, type ExecutionRow, type NodeRow } from './execution-queries.js';
import type { ExecutionFilter, ExecutionRecord, ExecutionStatus, NewExecution, NodeRecord, NodeRecordInput, RecordedError } from './execution-record.js';
import type { SqlDatabase } from './sql/sql-database.js';
import { bind, sql, type BoundStatement, type SqlQuery, type SqlValue } from './sql/sql-query.js';
import type { RecordSealer } from './record-sealer.js';
import { isFileReference, type FileReference, type StoredValues } from './stored-value.js';
import { timeOrderedId } from './time-ordered-id.js';
import type { WriteBatcher } from './write-batcher.js';

/**
 * An execution created but not committed yet: a run that ends before the commit is inserted
 * finished. Its texts are in clear until then, sealed when the row is inserted: a finished run's
 * trigger event and node records in one seal ({@link combinedRecord}).
 */
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
  nodes: string | null;
}

/**
 * Starts a `trigger_event` text that holds the node records too (`<RS><trigger length><RS><trigger><nodes>`),
 * written for a run that ended before its row was inserted: one seal per run instead of two
 * (a cipher set up per seal was a tenth of a webhook's CPU). JSON never starts with it.
 */
const COMBINED = '\u001e';

/** One text for a run's trigger event (null: none) and its node records (schema 12; see {@link splitRecord}). */
function combinedRecord(trigger: string | null, nodes: string): string {
  return `${COMBINED}${trigger === null ? '' : trigger.length}${COMBINED}${trigger ?? ''}${nodes}`;
}

/** The trigger event and inline node records of an execution row, from either shape (combined, or one column each). */
function splitRecord(trigger: string | null, nodes: () => string | null): { trigger: string | null; nodes: string | null } {
  if (trigger === null || !trigger.startsWith(COMBINED)) return { trigger, nodes: nodes() };
  const end = trigger.indexOf(COMBINED, 1);
  if (end === 1) return { trigger: null, nodes: trigger.slice(2) };
  const start = end + 1;
  const length = Number(trigger.slice(1, end));
  return { trigger: trigger.slice(start, start + length), nodes: trigger.slice(start + length) };
}

/** How a finished run is written. */
export interface FinishInput {
  status: 'succeeded' | 'failed' | 'interrupted';
  error?: RecordedError;
  /** Sequence number of the first of `nodes`. */
  firstSeq: number;
  nodes: readonly NodeRecordInput[];
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * Executions and their per-node records. A run that ends within one commit writes one row: its
 * execution with its node records inline (a JSON array) and its final status. A long run's
 * records written while it is under way go to `execution_nodes`, keyed by (execution, seq) so a
 * record written twice is kept once. Writes go through the store's {@link WriteBatcher}: concurrent
 * runs share one commit. Reads flush queued writes first. Every column holding event data
 * (trigger event, errors, node records) is sealed with the execution's id as associated data.
 */
export class ExecutionRepository {
  /** Rows created but not committed yet. */
  private readonly pendingRows = new Map<string, PendingRow>();
  private readonly listQueries = new Map<string, SqlQuery<SqlValue[], ExecutionRow>>();
  /** Rows {@link create} could not commit (a full disk), until their run finishes: nothing more is written for them. */
  private readonly lostRows = new Map<string, unknown>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly values: StoredValues,
    private readonly writes: WriteBatcher,
    private readonly sealer: RecordSealer,
  ) {}

  /**
   * Records a new execution, `running` (the default) or `queued`, and returns its id at once.
   * The row is committed with the next batch; await {@link committed} (or use
   * {@link createDurably}) before telling a client it is accepted.
   */
  create(input: NewExecution): string {
    const row = this.newRow(input);
    this.writes.writeLater(
      () => [this.insertOf(row)],
      (error) => {
        if (error === undefined) return;
        this.values.discard(row.id);
        if (this.lostRows.size >= 10_000) this.lostRows.clear();
        this.lostRows.set(row.id, error);
      },
    );
    return row.id;
  }

  /**
   * Resolves once the row {@link create} queued is committed; rejects with why it could not be
   * (PLY_STORE_ERROR for a full disk), its value files removed.
   */
  async created(id: string): Promise<void> {
    await this.committed();
    const lost = this.lostRows.get(id);
    if (lost !== undefined) throw lost;
  }

  /** Like {@link create}, resolving once the row is committed (rejecting if it cannot be, its value files removed). */
  async createDurably(input: NewExecution): Promise<string> {
    const row = this.newRow(input);
    try {
      await this.writes.write(() => [this.insertOf(row)]);
    } catch (error) {
      this.values.discard(row.id);
      throw error;
    }
    return row.id;
  }

  /**
   * Moves a queued execution to running; resolves false when it was not queued (another
   * worker claimed it, or it is finished): the caller then reads it to see which.
   */
  async markRunning(id: string): Promise<boolean> {
    const now = Date.now();
    const pending = this.pendingRows.get(id);
    if (pending && pending.status === 'queued') Object.assign(pending, { status: 'running', startedAt: now });
    if (pending) return true;
    const [changed] = await this.writes.write(() => [bind(Q.start, now, id)]);
    return changed! > 0;
  }

  /** Appends node records of a run under way (sequence numbers from `firstSeq`), committed with the next batch. */
  appendNodes(id: string, firstSeq: number, nodes: readonly NodeRecordInput[]): Promise<void> {
    if (nodes.length === 0) return Promise.resolve();
    return this.writes.write(() => this.nodeInserts(id, firstSeq, nodes)).then(() => undefined);
  }

  /**
   * Writes the last node records with the final status; resolves once committed. An execution
   * finished already (by another worker) is left as it is.
   */
  finish(id: string, input: FinishInput): Promise<void> {
    if (this.lostRows.delete(id)) return Promise.resolve();
    const now = Date.now();
    const error = input.error ? JSON.stringify(input.error) : null;
    const nodes = this.inlineNodes(id, input.firstSeq, input.nodes);
    const pending = this.pendingRows.get(id);
    if (pending) {
      // Not committed yet: inserted finished, one statement (and one seal) for the whole run.
      Object.assign(pending, { status: input.status, error, finishedAt: now, nodes });
      return this.committed();
    }
    const sealed = { error: this.sealer.seal(error, id), nodes: this.sealer.seal(nodes, id) };
    return this.writes.write(() => [bind(Q.finish, input.status, sealed.error, now, sealed.nodes, id)]).then(() => undefined);
  }

  /** Resolves once every write queued so far is committed. */
  async committed(): Promise<void> {
    await this.writes.write(() => []);
  }

  /**
   * Marks every queued or running execution as interrupted: for an embedded process that starts
   * after a crash, before it runs anything. Returns how many were marked.
   */
  async markInterrupted(): Promise<number> {
    await this.writes.flush();
    return this.db.run(Q.interruptAll, Date.now());
  }

  /** Queued executions created before `beforeMs` (oldest first): the queue's sweeper checks each has a job. */
  async queuedBefore(beforeMs: number, limit = 500): Promise<Array<{ id: string; playbookId: string }>> {
    await this.writes.flush();
    return (await this.db.all(Q.queuedBefore, beforeMs, limit)).map((row) => ({ id: row.id, playbookId: row.playbook_id }));
  }

  /** Running executions started before `beforeMs` (oldest first): the sweeper checks their job still exists. */
  async runningSince(beforeMs: number, limit = 500): Promise<Array<{ id: string; playbookId: string }>> {
    await this.writes.flush();
    return (await this.db.all(Q.runningSince, beforeMs, limit)).map((row) => ({ id: row.id, playbookId: row.playbook_id }));
  }

  /** Marks one execution interrupted unless it is finished; resolves whether it did. */
  async interrupt(id: string, error: RecordedError): Promise<boolean> {
    await this.writes.flush();
    return (await this.db.run(Q.finish, 'interrupted', this.sealer.seal(JSON.stringify(error), id), Date.now(), null, id)) > 0;
  }

  /** @throws PlyError PLY_EXECUTION_NOT_FOUND */
  async get(id: string): Promise<ExecutionRecord> {
    await this.writes.flush();
    const row = await this.db.get(Q.byId, id);
    if (!row) throw new PlyError('PLY_EXECUTION_NOT_FOUND', `no execution with id ${id}`, { details: { id } });
    const under = await this.db.all(Q.nodesOf, id);
    const opened = this.openRecord(row);
    const nodes = [...under.map((node) => this.toNode(id, node)), ...this.parseInline(opened.nodes)].sort((a, b) => a.seq - b.seq);
    return { ...this.toRecord(row, opened.trigger), nodes };
  }

  /** Executions, newest first, without their node records. */
  async list(filter: ExecutionFilter = {}): Promise<ExecutionRecord[]> {
    await this.writes.flush();
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.playbookId !== undefined) {
      where.push('playbook_id = ?');
      params.push(filter.playbookId);
    }
    if (filter.status !== undefined) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.before !== undefined) {
      const anchor = await this.db.get(Q.createdAtOf, filter.before);
      if (!anchor) throw new PlyError('PLY_EXECUTION_NOT_FOUND', `no execution with id ${filter.before}`);
      where.push('(created_at < ? OR (created_at = ? AND id < ?))');
      params.push(anchor.created_at, anchor.created_at, filter.before);
    }
    const limit = Math.min(Math.max(1, Math.trunc(filter.limit ?? 50)), 1000);
    const columns = 'id, playbook_id, playbook_version, status, trigger_event, error, created_at, started_at, finished_at, NULL AS nodes';
    const text = `SELECT ${columns} FROM executions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${limit}`;
    return (await this.db.all(this.listQuery(text), ...params)).map((row) => this.toRecord(row, splitRecord(this.sealer.open(row.trigger_event, row.id), () => null).trigger));
  }

  /** The value behind a {@link FileReference} found in a record of this execution. */
  loadValue(executionId: string, value: unknown): unknown {
    return isFileReference(value) ? this.values.load(executionId, value as FileReference) : value;
  }

  /** Filter combinations are few: one prepared query each. */
  private listQuery(text: string): SqlQuery<SqlValue[], ExecutionRow> {
    let query = this.listQueries.get(text);
    if (!query) {
      query = sql<SqlValue[], ExecutionRow>(text);
      this.listQueries.set(text, query);
    }
    return query;
  }

  private newRow(input: NewExecution): PendingRow {
    const now = Date.now();
    const id = input.id ?? timeOrderedId(now);
    const status = input.status ?? 'running';
    const row: PendingRow = {
      id,
      playbookId: input.playbookId,
      playbookVersion: input.playbookVersion,
      status,
      triggerEvent: this.encodeTrigger(id, input.triggerEvent),
      error: null,
      createdAt: now,
      startedAt: status === 'running' ? now : null,
      finishedAt: null,
      nodes: null,
    };
    this.pendingRows.set(id, row);
    return row;
  }

  /** The trigger event's column; a value file that cannot be written leaves nothing behind. */
  private encodeTrigger(id: string, event: unknown): string | null {
    try {
      return this.values.encode(id, 'trigger', event);
    } catch (error) {
      this.values.discard(id);
      throw error;
    }
  }

  /** Built (and sealed) when its batch commits: from then on, changes to the execution are updates. */
  private insertOf(row: PendingRow): BoundStatement {
    this.pendingRows.delete(row.id);
    const trigger = this.sealer.seal(row.nodes === null ? row.triggerEvent : combinedRecord(row.triggerEvent, row.nodes), row.id);
    return bind(Q.insert, row.id, row.playbookId, row.playbookVersion, row.status, trigger, this.sealer.seal(row.error, row.id), row.createdAt, row.startedAt, row.finishedAt, null);
  }

  /** The row's trigger event and inline node records in clear (the list's rows have no `nodes`: only a combined record gives them). */
  private openRecord(row: ExecutionRow): { trigger: string | null; nodes: string | null } {
    return splitRecord(this.sealer.open(row.trigger_event, row.id), () => this.sealer.open(row.nodes, row.id));
  }

  private nodeInserts(id: string, firstSeq: number, nodes: readonly NodeRecordInput[]): BoundStatement[] {
    return nodes.map((node, index) => {
      const seq = firstSeq + index;
      const name = `${seq}-${node.nodeId}`;
      return bind(
        Q.insertNode,
        id,
        seq,
        node.nodeId,
        node.kind,
        node.iteration ?? null,
        node.attempt,
        node.status,
        this.sealer.seal(this.values.encode(id, `${name}-arguments`, node.arguments), id),
        this.sealer.seal(this.values.encode(id, `${name}-results`, node.results), id),
        node.error ? this.sealer.seal(JSON.stringify(node.error), id) : null,
        node.startedAt,
        node.finishedAt,
      );
    });
  }

  /**
   * The node records as one JSON array, written by hand around the encoded values (each value is
   * serialised once, and spilled to a file past the threshold as in `execution_nodes`).
   */
  private inlineNodes(id: string, firstSeq: number, nodes: readonly NodeRecordInput[]): string | null {
    if (nodes.length === 0) return null;
    const parts = nodes.map((node, index) => {
      const seq = firstSeq + index;
      const name = `${seq}-${node.nodeId}`;
      let text = `{"seq":${seq},"nodeId":${JSON.stringify(node.nodeId)},"kind":${JSON.stringify(node.kind)},"attempt":${node.attempt},"status":"${node.status}","startedAt":${node.startedAt},"finishedAt":${node.finishedAt}`;
      if (node.iteration !== undefined) text += `,"iteration":${JSON.stringify(node.iteration)}`;
      const args = this.values.encode(id, `${name}-arguments`, node.arguments);
      if (args !== null) text += `,"arguments":${args}`;
      const results = this.values.encode(id, `${name}-results`, node.results);
      if (results !== null) text += `,"results":${results}`;
      if (node.error) text += `,"error":${JSON.stringify(node.error)}`;
      return `${text}}`;
    });
    return `[${parts.join(',')}]`;
  }

  private parseInline(text: string | null): NodeRecord[] {
    if (text === null) return [];
    return (JSON.parse(text) as Array<Omit<NodeRecord, 'startedAt' | 'finishedAt'> & { startedAt: number; finishedAt: number }>).map((node) => ({
      ...node,
      startedAt: iso(node.startedAt)!,
      finishedAt: iso(node.finishedAt)!,
    }));
  }

  private toRecord(row: ExecutionRow, trigger: string | null): ExecutionRecord {
    return {
      id: row.id,
      playbookId: row.playbook_id,
      playbookVersion: row.playbook_version,
      status: row.status,
      triggerEvent: this.values.decode(trigger),
      error: row.error === null ? null : (JSON.parse(this.sealer.open(row.error, row.id)) as RecordedError),
      createdAt: iso(row.created_at)!,
      startedAt: iso(row.started_at),
      finishedAt: iso(row.finished_at),
    };
  }

  private toNode(executionId: string, row: NodeRow): NodeRecord {
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
    if (row.arguments !== null) record.arguments = this.values.decode(this.sealer.open(row.arguments, executionId));
    if (row.results !== null) record.results = this.values.decode(this.sealer.open(row.results, executionId));
    if (row.error !== null) record.error = JSON.parse(this.sealer.open(row.error, executionId)) as RecordedError;
    return record;
  }
}
