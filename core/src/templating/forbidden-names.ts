/**
 * Property names that lead from data to JavaScript functions and prototypes. A template may
 * never name them, and the hardened runtime refuses them as lookup keys.
 */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/** True for a name in {@link FORBIDDEN_NAMES}. */
export function isForbiddenName(name: string): boolean {
  return FORBIDDEN_NAMES.has(name);
}

/**
 * True for a name a template may not spell: the forbidden names and any double-underscore name
 * (Python-style `__globals__`, `__class__`, ... payloads, and Ply's internal filters).
 */
export function isForbiddenTemplateName(name: string): boolean {
  return isForbiddenName(name) || name.startsWith('__');
}
