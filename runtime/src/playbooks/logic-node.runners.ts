import type { ConditionNode, StoreNode } from './playbook-schema.js';
import { renderInRun, type RunEnvironment, type RunScope } from './run-environment.js';
import { holdsTemplate } from './holds-template.js';
import { isTruthy } from './truthiness.js';

/** The branch a condition node takes: the index of the first true branch, or undefined (else). */
export async function evaluateCondition(environment: RunEnvironment, scope: RunScope, node: ConditionNode): Promise<{ index: number | undefined; branch: string | null }> {
  for (const [index, branch] of node.branches.entries()) {
    // A bare expression is wrapped so that authors may write either `x > 1` or `{{ x > 1 }}`.
    const template = holdsTemplate(branch.condition) ? branch.condition : `{{ ${branch.condition} }}`;
    if (isTruthy(await renderInRun(environment, scope, template))) return { index, branch: branch.name };
  }
  return { index: undefined, branch: null };
}

function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty for "__proto__" only, so it stays an ordinary key; for every other key an
  // assignment does the same (Object.prototype has no other setter) and keeps the object fast.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Applies a store node to the run's `store`: set, then append, then unset. Returns what changed. */
export async function applyStoreNode(environment: RunEnvironment, scope: RunScope, node: StoreNode): Promise<Record<string, unknown>> {
  const { store } = environment;
  const render = (value: unknown) => renderInRun(environment, scope, value);
  const changes: Record<string, unknown> = {};
  if (node.set) {
    const values: Array<readonly [string, unknown]> = [];
    for (const [key, value] of Object.entries(node.set)) values.push([key, await render(value)]);
    for (const [key, value] of values) setKey(store, key, value);
    changes['set'] = Object.fromEntries(values);
  }
  if (node.append) {
    const values: Array<readonly [string, unknown]> = [];
    for (const [key, value] of Object.entries(node.append)) values.push([key, await render(value)]);
    for (const [key, value] of values) {
      const current = Object.hasOwn(store, key) ? store[key] : undefined;
      const list = Array.isArray(current) ? current : current === undefined ? [] : [current];
      list.push(value);
      setKey(store, key, list);
    }
    changes['append'] = Object.fromEntries(values);
  }
  if (node.unset) {
    for (const key of node.unset) delete store[key];
    changes['unset'] = node.unset;
  }
  return changes;
}
