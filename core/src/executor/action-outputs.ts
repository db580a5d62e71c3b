import type { AnyAction } from '../contracts/plugin.js';
import { PlyError } from '../errors/ply-error.js';

/**
 * The branches an action's results select, as Sekoia reports them (`{ name: bool }` for every
 * declared output), or undefined for an action without outputs. A selection naming an output
 * the action does not declare is a defect of the plugin, reported as such.
 */
export function selectedOutputs(action: AnyAction, results: unknown, args: unknown): Record<string, boolean> | undefined {
  const declared = action.outputs;
  if (!declared || !action.selectOutputs) return undefined;
  const picked = action.selectOutputs(results, args);
  const names = typeof picked === 'string' ? [picked] : [...(picked as readonly string[])];
  const unknown = names.filter((name) => !Object.hasOwn(declared, name));
  if (unknown.length > 0) {
    throw new PlyError('PLY_RESULTS_INVALID', `action ${action.slug} selected ${unknown.map((name) => `"${name}"`).join(', ')}, which it does not declare among its outputs (${Object.keys(declared).join(', ')})`);
  }
  return Object.fromEntries(Object.keys(declared).map((name) => [name, names.includes(name)]));
}
