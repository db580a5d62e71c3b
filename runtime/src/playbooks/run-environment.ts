import type { PlyError, RunSecrets } from '@ply/core';
import type { NodeRecord } from '../store/execution-record.js';
import type { EdgeOutlet, PlaybookGraph } from './playbook-graph.js';
import type { RunRecorder } from './run-recorder.js';
import type { NodeServices } from './node-services.js';

/** State shared by every node of one execution. */
export interface RunEnvironment {
  executionId: string;
  playbookId: string;
  graph: PlaybookGraph;
  trigger: unknown;
  /** The run's `store`, changed by store nodes and read by templates. */
  store: Record<string, unknown>;
  recorder: RunRecorder;
  services: NodeServices;
  /**
   * The secrets this run has met (its accounts', values under secret-looking keys, what templates
   * derived from them): every record of the run is masked with it.
   */
  secrets: RunSecrets;
  /** Aborts when the execution is cancelled or interrupted (engine shutdown). */
  signal: AbortSignal;
  /**
   * A run taken over from a worker that died: action attempts it recorded, by
   * `attemptKey(node, iteration, attempt)`. A succeeded one is not run again (its recorded,
   * masked results stand in); failed ones count as attempts made.
   */
  resumed?: ReadonlyMap<string, NodeRecord>;
}

/** What the nodes of one scope see: the run's top level, or one foreach iteration. */
export interface RunScope {
  /** `node.<id>`: results of the nodes that finished so far (visible to this scope). */
  nodes: Record<string, unknown>;
  foreach?: { item: unknown; index: number };
  /** Iteration path recorded with node records ("3", "3.0" when nested). */
  iteration?: string;
}

/** How a node ended: what templates see as `node.<id>` and which outgoing edges fire. */
export type NodeOutcome =
  | { status: 'succeeded'; results: unknown; fires: (outlet: EdgeOutlet) => boolean }
  | { status: 'failed'; error: PlyError };

/** The Jinja context of a node: `trigger`, `node`, `store` and, in a foreach body, `foreach`. */
export function templateContextOf(environment: RunEnvironment, scope: RunScope): Record<string, unknown> {
  const context: Record<string, unknown> = { trigger: environment.trigger, node: scope.nodes, store: environment.store };
  if (scope.foreach) context['foreach'] = scope.foreach;
  return context;
}

/**
 * Renders `value` for a node of the run (a store value, a condition, foreach items): what it
 * derives from the run's secrets joins them, so the records mask it.
 */
export async function renderInRun(environment: RunEnvironment, scope: RunScope, value: unknown): Promise<unknown> {
  const { value: rendered, marks } = await environment.services.renderer.renderValueMarked(value, templateContextOf(environment, scope), { secrets: environment.secrets.isSecret });
  environment.secrets.add(marks);
  return rendered;
}
