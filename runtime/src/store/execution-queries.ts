import { sql } from './sql/sql-query.js';
import type { ExecutionStatus, NodeRecordStatus } from './execution-record.js';

/** A row of `executions`. `nodes` holds the node records written with the final status (JSON array). */
export type ExecutionRow = {
  id: string;
  playbook_id: string;
  playbook_version: number;
  status: ExecutionStatus;
  trigger_event: string | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  nodes: string | null;
};

/** A row of `execution_nodes`: a record written while its run was still under way. */
export type NodeRow = {
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
};

type InsertExecution = [string, string, number, ExecutionStatus, string | null, string | null, number, number | null, number | null, string | null];
type InsertNode = [string, number, string, string, string | null, number, NodeRecordStatus, string | null, string | null, string | null, number, number];

/** The statements of the execution repository, for both back-ends. */
export const EXECUTION_SQL = {
  insert: sql<InsertExecution>(
    'INSERT INTO executions (id, playbook_id, playbook_version, status, trigger_event, error, created_at, started_at, finished_at, nodes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ),
  /** Claims a queued execution for this process; 0 rows when it was claimed or finished already. */
  start: sql<[number, string]>("UPDATE executions SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'"),
  /** Only an unfinished execution is finished: a second worker's late finish changes nothing. */
  finish: sql<[ExecutionStatus, string | null, number, string | null, string]>("UPDATE executions SET status = ?, error = ?, finished_at = ?, nodes = ? WHERE id = ? AND status IN ('queued', 'running')"),
  /** Records are idempotent: the same (execution, seq) written twice is kept once. */
  insertNode: sql<InsertNode>(
    'INSERT INTO execution_nodes (execution_id, seq, node_id, kind, iteration, attempt, status, arguments, results, error, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (execution_id, seq) DO NOTHING',
  ),
  byId: sql<[string], ExecutionRow>('SELECT * FROM executions WHERE id = ?'),
  nodesOf: sql<[string], NodeRow>('SELECT seq, node_id, kind, iteration, attempt, status, arguments, results, error, started_at, finished_at FROM execution_nodes WHERE execution_id = ? ORDER BY seq'),
  interruptAll: sql<[number]>("UPDATE executions SET status = 'interrupted', finished_at = ? WHERE status IN ('queued', 'running')"),
  createdAtOf: sql<[string], { created_at: number }>('SELECT created_at FROM executions WHERE id = ?'),
  queuedBefore: sql<[number, number], { id: string; playbook_id: string }>("SELECT id, playbook_id FROM executions WHERE status = 'queued' AND created_at < ? ORDER BY created_at LIMIT ?"),
  runningSince: sql<[number, number], { id: string; playbook_id: string }>("SELECT id, playbook_id FROM executions WHERE status = 'running' AND started_at < ? ORDER BY started_at LIMIT ?"),
} as const;
