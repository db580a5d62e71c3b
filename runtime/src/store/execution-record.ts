export type ExecutionStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'interrupted';
export type NodeRecordStatus = 'succeeded' | 'failed';

/** An error as recorded: code and message only (already free of secrets). */
export interface RecordedError {
  code: string;
  message: string;
}

/** One attempt of one node, as the engine hands it over (values already masked). */
export interface NodeRecordInput {
  nodeId: string;
  kind: string;
  /** Foreach iteration path ("3", "3.0" when nested); absent outside a foreach body. */
  iteration?: string;
  attempt: number;
  status: NodeRecordStatus;
  arguments?: unknown;
  results?: unknown;
  error?: RecordedError;
  startedAt: number;
  finishedAt: number;
}

/** A node record as read back; large values appear as `FileReference`s (see `ExecutionRepository.loadValue`). */
export interface NodeRecord extends Omit<NodeRecordInput, 'startedAt' | 'finishedAt'> {
  seq: number;
  startedAt: string;
  finishedAt: string;
}

export interface ExecutionRecord {
  id: string;
  playbookId: string;
  playbookVersion: number;
  status: ExecutionStatus;
  triggerEvent: unknown;
  error: RecordedError | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Present when read with `ExecutionRepository.get`. */
  nodes?: NodeRecord[];
}

export interface ExecutionFilter {
  playbookId?: string;
  status?: ExecutionStatus;
  /** Default 50, at most 1,000. */
  limit?: number;
  /** Only executions created before this execution (keyset pagination, newest first). */
  before?: string;
}

/** What `ExecutionRepository.create` needs. */
export interface NewExecution {
  playbookId: string;
  playbookVersion: number;
  triggerEvent: unknown;
  status?: 'queued' | 'running';
  id?: string;
}
