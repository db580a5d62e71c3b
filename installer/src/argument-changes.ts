import type { JsonSchema, LoadedModule, ModuleItem } from '@ply/core';

/** One change to an action's arguments that breaks existing callers (playbooks). */
export interface BreakingChange {
  action: string;
  kind: 'action-removed' | 'required-added' | 'argument-removed' | 'argument-renamed' | 'type-changed';
  argument?: string;
  message: string;
}

function properties(schema: JsonSchema): Record<string, JsonSchema> {
  const props = schema['properties'];
  return typeof props === 'object' && props !== null ? (props as Record<string, JsonSchema>) : {};
}

function required(schema: JsonSchema): Set<string> {
  const list = schema['required'];
  return new Set(Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : []);
}

/** The JSON type(s) of a property, normalised for comparison ("" when the schema names none). */
function typeOf(schema: JsonSchema | undefined): string {
  const type = schema?.['type'];
  if (Array.isArray(type)) return [...type].map(String).sort().join('|');
  return typeof type === 'string' ? type : '';
}

/** True when every type the old schema accepts is still accepted (widening does not break callers). */
function typeNarrowed(before: string, after: string): boolean {
  if (!before || !after || before === after) return false;
  const allowed = new Set(after.split('|'));
  if (allowed.has('number') && before.split('|').every((t) => t === 'integer' || allowed.has(t))) return false;
  return !before.split('|').every((t) => allowed.has(t));
}

function compareAction(before: ModuleItem, after: ModuleItem): BreakingChange[] {
  const changes: BreakingChange[] = [];
  const action = before.slug;
  const oldProps = properties(before.arguments);
  const newProps = properties(after.arguments);
  const oldRequired = required(before.arguments);
  const removed = Object.keys(oldProps).filter((key) => !(key in newProps));
  const added = Object.keys(newProps).filter((key) => !(key in oldProps));
  for (const key of removed) {
    // A removed argument and a new one of the same type read as a rename: say so, it is the likelier story.
    const twin = added.find((candidate) => typeOf(newProps[candidate]) === typeOf(oldProps[key]));
    if (twin) {
      changes.push({ action, kind: 'argument-renamed', argument: key, message: `argument "${key}" was renamed to "${twin}" (or removed while "${twin}" was added)` });
      added.splice(added.indexOf(twin), 1);
    } else {
      changes.push({ action, kind: 'argument-removed', argument: key, message: `argument "${key}" was removed` });
    }
  }
  for (const key of required(after.arguments)) {
    if (!oldRequired.has(key) && !(key in oldProps && newProps[key]?.['default'] !== undefined)) {
      changes.push({ action, kind: 'required-added', argument: key, message: `argument "${key}" is now required` });
    }
  }
  for (const key of Object.keys(oldProps).filter((k) => k in newProps)) {
    const was = typeOf(oldProps[key]);
    const now = typeOf(newProps[key]);
    if (typeNarrowed(was, now)) changes.push({ action, kind: 'type-changed', argument: key, message: `argument "${key}" changed type from ${was} to ${now}` });
  }
  return changes;
}

/**
 * Per action, the argument-schema changes from one module version to another that break
 * callers: action removed, required argument added, argument removed or renamed, type changed.
 * Actions are matched by uuid, then by slug.
 */
export function breakingArgumentChanges(from: LoadedModule, to: LoadedModule): BreakingChange[] {
  const changes: BreakingChange[] = [];
  const actions = to.items.filter((item) => item.kind === 'action');
  for (const before of from.items.filter((item) => item.kind === 'action')) {
    const after = actions.find((item) => item.uuid === before.uuid) ?? actions.find((item) => item.slug === before.slug);
    if (!after) {
      changes.push({ action: before.slug, kind: 'action-removed', message: `action "${before.slug}" no longer exists` });
      continue;
    }
    changes.push(...compareAction(before, after));
  }
  return changes;
}
