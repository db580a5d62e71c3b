import { PlyError } from '@ply/core';
import type { ForeachNode } from './playbook-schema.js';
import { renderInRun, type RunEnvironment, type RunScope } from './run-environment.js';

/** Runs one iteration's body: a scope walker started at the body's entry node. */
export type BodyRunner = (scope: RunScope, entry: string) => Promise<void>;

/**
 * Runs a foreach body once per item, at most `concurrency` at a time. Each iteration sees
 * `foreach.item` / `foreach.index` and the `node.<id>` results of its own body nodes.
 * The first failing iteration stops new ones from starting and fails the node once the
 * iterations in flight have settled.
 *
 * @returns `{ results: [ { <body node id>: results, ... } per item, in item order ] }`.
 */
export async function runForeachNode(environment: RunEnvironment, scope: RunScope, id: string, node: ForeachNode, signal: AbortSignal, runBody: BodyRunner): Promise<{ results: unknown[] }> {
  const items = Array.isArray(node.items) ? node.items : await renderInRun(environment, scope, node.items);
  if (!Array.isArray(items)) {
    throw new PlyError('PLY_FOREACH_ITEMS_INVALID', `node "${id}": items must be a list, got ${items === null ? 'null' : typeof items}`, { details: { node: id } });
  }
  const body = environment.graph.bodies.get(id)!;
  const results: unknown[] = new Array(items.length);
  let nextIndex = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (failure === undefined && !signal.aborted && nextIndex < items.length) {
      const index = nextIndex++;
      const iteration: RunScope = {
        nodes: { ...scope.nodes },
        foreach: { item: items[index], index },
        iteration: scope.iteration === undefined ? String(index) : `${scope.iteration}.${index}`,
      };
      try {
        await runBody(iteration, node.do);
      } catch (error) {
        failure ??= error;
      }
      results[index] = Object.fromEntries([...body].filter((bodyId) => Object.hasOwn(iteration.nodes, bodyId)).map((bodyId) => [bodyId, iteration.nodes[bodyId]]));
    }
  };
  await Promise.all(Array.from({ length: Math.min(node.concurrency ?? 1, Math.max(1, items.length)) }, worker));
  if (failure !== undefined) throw failure;
  if (signal.aborted) throw signal.reason;
  return { results };
}
