/**
 * How deep JSON data from outside (request bodies, trigger events, playbook documents) may nest.
 * Real alerts and playbooks nest a dozen levels; every recursive walk over the data (validation,
 * masking, templates, the console's JSON tree) stays far from the call stack's limit.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * True when `value` nests arrays or objects deeper than `max` levels. Iterative, so a value
 * nested deep enough to exhaust the call stack is measured without doing so.
 */
export function nestsDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
  }
  return false;
}
