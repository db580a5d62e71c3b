import { bindArguments } from '../runtime/bind-arguments.js';
import type { CallArguments } from '../runtime/call-arguments.js';
import { PyObject } from '../values/py-object.js';
import { dictEntries } from '../methods/dict-methods.js';
import { isDict } from '../values/kinds.js';
import { pyRepr } from '../values/python-repr.js';
import { JinjaRuntimeError } from '../errors/jinja-error.js';

/** Jinja2's `namespace()`: an object whose attributes `{% set ns.x = ... %}` may change. */
export class Namespace extends PyObject {
  readonly pythonTypeName = 'Namespace';
  private readonly values = new Map<string, unknown>();

  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }

  override attribute(name: string): unknown {
    return this.values.get(name);
  }

  repr(): string {
    return `<Namespace {${[...this.values].map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}>`;
  }
}

/** The `namespace` global: `namespace(a=1)`, `namespace({'a': 1})`. */
export class NamespaceFactory extends PyObject {
  readonly pythonTypeName = 'type';

  repr(): string {
    return "<class 'jinja2.utils.Namespace'>";
  }

  override get callable(): boolean {
    return true;
  }

  override call(call: CallArguments): unknown {
    const [initial, keywords] = bindArguments('Namespace', [['mapping', null], '**kwargs'], call);
    const namespace = new Namespace();
    if (initial !== null) {
      if (!isDict(initial)) throw new JinjaRuntimeError(`'${typeof initial}' object is not a mapping`);
      for (const [key, value] of dictEntries(initial)) namespace.set(String(key), value);
    }
    for (const [key, value] of keywords as Map<string, unknown>) namespace.set(key, value);
    return namespace;
  }
}
