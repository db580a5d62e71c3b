import { JinjaRuntimeError } from '../errors/jinja-error.js';
import type { Target } from '../parser/ast.js';
import { MISSING } from '../values/py-dict.js';
import { iterateValue } from './iteration.js';
import { Namespace } from '../globals/namespace.js';
import type { RenderState } from './render-state.js';
import type { Scope } from './scope.js';

/** Assigns a value to a `set`/`for`/`with` target: a name, a tuple of targets (unpacking), `ns.attr`. */
export function assignTarget(state: RenderState, scope: Scope, target: Target, value: unknown): void {
  switch (target.kind) {
    case 'name':
      scope.set(target.name, value);
      return;
    case 'nsref': {
      const namespace = scope.lookup(target.namespace);
      if (!(namespace instanceof Namespace)) throw new JinjaRuntimeError('cannot assign attribute on non-namespace object', 'TemplateRuntimeError', target.at);
      namespace.set(target.attribute, value);
      return;
    }
    case 'tuple': {
      const items = iterateValue(state, value);
      if (items.length < target.items.length) throw new JinjaRuntimeError(`not enough values to unpack (expected ${target.items.length}, got ${items.length})`, 'ValueError', target.at);
      if (items.length > target.items.length) throw new JinjaRuntimeError(`too many values to unpack (expected ${target.items.length})`, 'ValueError', target.at);
      target.items.forEach((item, index) => assignTarget(state, scope, item, items[index]));
      return;
    }
  }
}

export { MISSING };
