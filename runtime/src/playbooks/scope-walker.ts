import type { PlyError } from '@ply/core';
import { toPlyError } from '@ply/core';
import { runActionNode } from './action-node.runner.js';
import { runForeachNode } from './foreach-node.runner.js';
import { applyStoreNode, evaluateCondition } from './logic-node.runners.js';
import type { EdgeOutlet, GraphEdge } from './playbook-graph.js';
import type { PlaybookNode } from './playbook-schema.js';
import type { NodeOutcome, RunEnvironment, RunScope } from './run-environment.js';

const always = (outlet: EdgeOutlet) => outlet.kind === 'next';

/**
 * Walks one scope of a playbook (the top level, or one foreach iteration) with dead-path
 * elimination: when a node ends, the edges of the outcome it took fire and the others die; a
 * node whose incoming edges all died is skipped and kills its own edges. A node runs on its first
 * fired edge, except a `join` in mode `all`, which waits until every incoming edge is decided
 * and runs when at least one fired. Independent branches run concurrently.
 *
 * A failure with no error branch stops the scope: nothing new starts, the scope's signal aborts
 * what runs, and {@link run} rejects with that failure once every started node has settled.
 */
export class ScopeWalker {
  private readonly fired = new Map<string, string[]>();
  private readonly dead = new Map<string, number>();
  private readonly settled = new Set<string>();
  /** Made when a node that takes a signal runs (actions, foreach): logic-only scopes never pay for one. */
  private controller: AbortController | undefined;
  private pending = 0;
  private failure: PlyError | undefined;
  /** Set by {@link stop}: nothing new starts. */
  private stopped: unknown;
  private finish!: (error?: PlyError) => void;
  private readonly detachParent: () => void;

  constructor(
    private readonly environment: RunEnvironment,
    private readonly scope: RunScope,
    /** A foreach body's entry node (fired once at start), or undefined for the top level. */
    private readonly bodyEntry: string | undefined,
    private readonly parentSignal: AbortSignal,
    /** False when whoever aborts the parent calls {@link stop} too (the engine-wide signal at shutdown): no listener on a signal every run shares. */
    listen = true,
  ) {
    if (!listen) {
      this.detachParent = () => {};
      return;
    }
    const forward = () => this.controller?.abort(parentSignal.reason);
    parentSignal.addEventListener('abort', forward, { once: true });
    this.detachParent = () => parentSignal.removeEventListener('abort', forward);
  }

  /** The scope's signal: aborts with the parent's, when a node of the scope fails, or on {@link stop}. */
  private signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.parentSignal.aborted) this.controller.abort(this.parentSignal.reason);
      else if (this.failure) this.controller.abort(this.failure);
      else if (this.stopped !== undefined) this.controller.abort(this.stopped);
    }
    return this.controller.signal;
  }

  /** Stops the scope as its parent's abort would: nothing new starts, what runs is aborted with `reason`. */
  stop(reason: unknown): void {
    this.stopped ??= reason;
    this.controller?.abort(reason);
  }

  run(): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      this.finish = (error) => (error ? reject(error) : resolve());
    });
    if (this.bodyEntry !== undefined) this.decide(this.bodyEntry, undefined, true);
    else for (const edge of this.environment.graph.entries) this.decide(edge.to, undefined, true);
    this.settleIfIdle();
    return done;
  }

  private incomingCount(id: string): number {
    return (this.environment.graph.incoming.get(id)?.length ?? 0) + (id === this.bodyEntry ? 1 : 0);
  }

  private decide(id: string, from: string | undefined, fired: boolean): void {
    if (this.settled.has(id) || this.failure !== undefined || this.stopped !== undefined) return;
    const node = this.environment.graph.nodes.get(id)!;
    const total = this.incomingCount(id);
    const sources = this.fired.get(id) ?? [];
    if (fired) sources.push(from ?? 'trigger');
    this.fired.set(id, sources);
    const deadCount = (this.dead.get(id) ?? 0) + (fired ? 0 : 1);
    this.dead.set(id, deadCount);
    const waitsForAll = node.type === 'join' && (node.mode ?? 'all') === 'all';
    if (waitsForAll) {
      if (sources.length + deadCount < total) return;
      if (sources.length > 0) this.launch(id, node);
      else this.skip(id);
    } else if (fired) {
      this.launch(id, node);
    } else if (deadCount >= total) {
      this.skip(id);
    }
  }

  private skip(id: string): void {
    this.settled.add(id);
    for (const edge of this.environment.graph.outgoing.get(id) ?? []) this.decide(edge.to, id, false);
  }

  private launch(id: string, node: PlaybookNode): void {
    this.settled.add(id);
    this.pending += 1;
    void this.execute(id, node).then((outcome) => {
      this.pending -= 1;
      this.follow(id, outcome);
      this.settleIfIdle();
    });
  }

  private follow(id: string, outcome: NodeOutcome): void {
    const edges: GraphEdge[] = this.environment.graph.outgoing.get(id) ?? [];
    if (outcome.status === 'succeeded') {
      this.scope.nodes[id] = outcome.results;
      for (const edge of edges) this.decide(edge.to, id, outcome.fires(edge.outlet));
      return;
    }
    const { error } = outcome;
    this.scope.nodes[id] = { error: { code: error.code, message: error.message } };
    if (edges.some((edge) => edge.outlet.kind === 'error')) {
      for (const edge of edges) this.decide(edge.to, id, edge.outlet.kind === 'error');
      return;
    }
    this.failure ??= error;
    this.controller?.abort(error);
  }

  private settleIfIdle(): void {
    if (this.pending === 0) {
      this.detachParent();
      this.finish(this.failure);
    }
  }

  private async execute(id: string, node: PlaybookNode): Promise<NodeOutcome> {
    const startedAt = Date.now();
    try {
      const stopped = this.parentSignal.aborted ? this.parentSignal.reason : (this.failure ?? this.stopped);
      if (stopped !== undefined) throw toPlyError(stopped, 'PLY_ACTION_CANCELLED');
      if (node.type === 'action') return { status: 'succeeded', results: await runActionNode(this.environment, this.scope, id, node, this.signal()), fires: always };
      let outcome: { results: unknown; arguments?: unknown; fires: (outlet: EdgeOutlet) => boolean };
      if (node.type === 'condition') {
        const { index, branch } = await evaluateCondition(this.environment, this.scope, node);
        outcome = { results: { branch }, fires: (outlet) => (index === undefined ? outlet.kind === 'else' : outlet.kind === 'branch' && outlet.index === index) };
      } else if (node.type === 'store') {
        outcome = { results: await applyStoreNode(this.environment, this.scope, node), fires: always };
      } else if (node.type === 'join') {
        outcome = { results: { from: this.fired.get(id) ?? [] }, fires: always };
      } else {
        const signal = this.signal();
        const results = await runForeachNode(this.environment, this.scope, id, node, signal, (scope, entry) => new ScopeWalker(this.environment, scope, entry, signal).run());
        outcome = { results, fires: always };
      }
      this.record(id, node, startedAt, { status: 'succeeded', results: outcome.results });
      return { status: 'succeeded', results: outcome.results, fires: outcome.fires };
    } catch (thrown) {
      const error = toPlyError(thrown);
      if (node.type !== 'action') this.record(id, node, startedAt, { status: 'failed', error });
      return { status: 'failed', error };
    }
  }

  private record(id: string, node: PlaybookNode, startedAt: number, result: { status: 'succeeded'; results: unknown } | { status: 'failed'; error: PlyError }): void {
    const mask = this.environment.secrets.redactor;
    this.environment.recorder.add({
      nodeId: id,
      kind: node.type,
      ...(this.scope.iteration !== undefined ? { iteration: this.scope.iteration } : {}),
      attempt: 1,
      status: result.status,
      ...(result.status === 'succeeded' ? { results: mask.redact(result.results) } : { error: { code: result.error.code, message: mask.redactString(result.error.message) } }),
      startedAt,
      finishedAt: Date.now(),
    });
  }
}
