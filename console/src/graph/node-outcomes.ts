import type { ExecutionRecord, NodeRecord } from '@ply/runtime';
import { TRIGGER_BOX, type PlaybookLayout } from './playbook-layout.js';

/**
 * What happened to a node in one execution. `skipped`: the run decided against its path (a
 * branch not taken, an error edge of a node that succeeded); `not-reached`: the run stopped (or
 * has not yet got there) before deciding.
 */
export type NodeOutcomeStatus = 'succeeded' | 'failed' | 'skipped' | 'not-reached';

export interface NodeOutcome {
  status: NodeOutcomeStatus;
  /** Records of the node (attempts and foreach iterations), in order. */
  records: NodeRecord[];
  /** Time spent in the node over all its records. */
  durationMs: number;
}

const spent = (record: NodeRecord) => Math.max(0, Date.parse(record.finishedAt) - Date.parse(record.startedAt));

/** The last attempt of each iteration decides: a node failed when any iteration's last attempt failed. */
function recordedStatus(records: NodeRecord[]): 'succeeded' | 'failed' {
  const last = new Map<string, NodeRecord>();
  for (const record of records) last.set(record.iteration ?? '', record);
  return [...last.values()].some((record) => record.status === 'failed') ? 'failed' : 'succeeded';
}

/**
 * The outcome of every box of a layout in an execution, from its node records. A node with no
 * record is `skipped` when every edge into it comes from a node that ran and took another way
 * (or from a skipped node), and `not-reached` otherwise.
 */
export function nodeOutcomes(layout: PlaybookLayout, execution: ExecutionRecord): Map<string, NodeOutcome> {
  const byNode = new Map<string, NodeRecord[]>();
  for (const record of execution.nodes ?? []) byNode.set(record.nodeId, [...(byNode.get(record.nodeId) ?? []), record]);
  const outcomes = new Map<string, NodeOutcome>();
  const finished = execution.status === 'succeeded' || execution.status === 'failed';
  const triggerRan = execution.status !== 'queued';
  outcomes.set(TRIGGER_BOX, { status: triggerRan ? 'succeeded' : 'not-reached', records: [], durationMs: 0 });
  for (const [id, records] of byNode) outcomes.set(id, { status: recordedStatus(records), records, durationMs: records.reduce((sum, record) => sum + spent(record), 0) });
  const hasErrorEdge = new Set(layout.lines.filter((line) => line.kind === 'error').map((line) => line.from));
  // Dagre ranks follow the edges, so boxes sorted by y come after everything that points at them.
  for (const box of [...layout.boxes].sort((a, b) => a.y - b.y)) {
    if (outcomes.has(box.id)) continue;
    const incoming = layout.lines.filter((line) => line.to === box.id);
    const decidedAgainst = incoming.every((line) => {
      const from = outcomes.get(line.from)?.status;
      if (from === 'skipped') return true;
      if (from === 'succeeded') return line.kind !== 'next' && line.kind !== 'each';
      if (from === 'failed') return line.kind !== 'error' && hasErrorEdge.has(line.from);
      return false;
    });
    outcomes.set(box.id, { status: finished && incoming.length > 0 && decidedAgainst ? 'skipped' : 'not-reached', records: [], durationMs: 0 });
  }
  return outcomes;
}
