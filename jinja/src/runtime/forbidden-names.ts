const JAVASCRIPT_INTERNALS = new Set(['constructor', 'prototype', '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

/**
 * Names no template may look up, as a name, an attribute or a key: JavaScript's prototype
 * machinery and Python's dunder attributes (`__class__`, `__globals__`...). Jinja2's sandbox
 * answers the dunder ones with an undefined that fails when used; Ply refuses them outright, so a
 * probe fails loudly and at once.
 */
export function isForbiddenName(name: string): boolean {
  return name.startsWith('__') || JAVASCRIPT_INTERNALS.has(name);
}
