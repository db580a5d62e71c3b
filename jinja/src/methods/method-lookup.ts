import type { CallArguments } from '../runtime/call-arguments.js';
import type { RenderState } from '../runtime/render-state.js';
import { isPlainObject, pythonTypeName } from '../values/kinds.js';
import { PyDict } from '../values/py-dict.js';
import { PyFloat } from '../values/py-float.js';
import { PyObject } from '../values/py-object.js';
import { PyTuple } from '../values/py-tuple.js';
import { DICT_METHODS } from './dict-methods.js';
import { LIST_METHODS, TUPLE_METHODS } from './list-methods.js';
import { NUMBER_METHODS } from './number-methods.js';
import { STR_METHODS } from './str-methods.js';

/** A method implementation: the object it is bound to, then the call's arguments. */
export type MethodFunction = (state: RenderState, self: never, call: CallArguments) => unknown;

/** `obj.method` once looked up: printable, callable, bound to its object. */
export class BoundMethod extends PyObject {
  readonly pythonTypeName = 'builtin_function_or_method';

  constructor(
    readonly name: string,
    private readonly self: unknown,
    private readonly implementation: MethodFunction,
  ) {
    super();
  }

  repr(): string {
    return `<built-in method ${this.name} of ${pythonTypeName(this.self)} object>`;
  }

  override get callable(): boolean {
    return true;
  }

  override call(args: CallArguments, state: RenderState): unknown {
    state.tick();
    const result = this.implementation(state, this.self as never, args);
    state.taint?.propagate(result, [this.self, ...args.positional]);
    return result;
  }
}

function tableFor(value: unknown): Readonly<Record<string, MethodFunction>> | undefined {
  if (typeof value === 'string') return STR_METHODS;
  if (value instanceof PyTuple) return TUPLE_METHODS;
  if (Array.isArray(value)) return LIST_METHODS;
  if (value instanceof PyDict || isPlainObject(value)) return DICT_METHODS;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || value instanceof PyFloat) return NUMBER_METHODS;
  return undefined;
}

/**
 * The allowed method `name` of a str, list, tuple, dict or number, bound to `value`; undefined
 * when the type has no such method in the allow-list (the only methods a template can call).
 */
export function methodFor(value: unknown, name: string): BoundMethod | undefined {
  const table = tableFor(value);
  if (table === undefined || !Object.hasOwn(table, name)) return undefined;
  return new BoundMethod(name, value, table[name] as MethodFunction);
}
